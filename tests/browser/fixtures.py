"""Playwright driving Debian's Chromium against pytest-django's live server.

Never downloads a browser: it uses /usr/bin/chromium (apt-get install chromium). Screenshots are
kept in settings.SCREENSHOT_DIR as test artefacts.
"""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"{CHROMIUM} is missing: apt-get install chromium"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import expect, sync_playwright

    # CI machines are busy (two cores, a live server, a browser): be patient but bounded.
    expect.set_options(timeout=12_000)

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(request, browser, live_server, reference_data):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 900}, accept_downloads=True
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        folder = Path(settings.SCREENSHOT_DIR)
        folder.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(folder / f"FAILED-{request.node.name}.png"), full_page=True)
    context.close()


@pytest.fixture
def screenshot(page):
    """Save the whole page as an artefact: screenshot("members-directory-fr")."""
    folder = Path(settings.SCREENSHOT_DIR)
    folder.mkdir(parents=True, exist_ok=True)

    def take(name: str) -> Path:
        path = folder / f"{re.sub(r'[^a-z0-9-]+', '-', name.lower())}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def sign_in(page, email: str, password: str, *, language: str = "fr") -> None:
    page.goto(f"/{language}/accounts/login/")
    page.locator("main input[name=login]").fill(email)
    page.locator("main input[name=password]").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def sign_in_secretariat(page, user) -> None:
    """Sign in a secretariat user, answering the authenticator code step."""
    from django.core.cache import cache
    from playwright.sync_api import expect

    from tests.conftest import totp_code
    from tests.factories import PASSWORD

    cache.clear()  # a TOTP code is accepted once; forget those used by earlier sign-ins
    sign_in(page, user.email, PASSWORD)
    page.locator("main input[name=code]").fill(totp_code(user.totp_secret))
    page.get_by_role("button", name="Connexion").click()
    expect(page).not_to_have_url(re.compile(r"/2fa/authenticate/"))
