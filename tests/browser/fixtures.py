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
    # A real file: CI hides it behind /dev/null to play a machine without it.
    if not Path(CHROMIUM).is_file():
        message = f"{CHROMIUM} is missing: make system-deps (or apt-get install chromium)"
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

    def take(name: str) -> Path:
        return save_screenshot(page, name)

    return take


@pytest.fixture
def new_context(browser, live_server):
    """`new_context(width=390, height=844, user=...)`: a fresh browser context on the live server,
    signed in as `user` when given (other keywords go to Playwright); closed after the test."""
    contexts = []

    def open_context(*, width: int = 1280, height: int = 900, user=None, **options):
        context = browser.new_context(
            base_url=live_server.url, viewport={"width": width, "height": height}, **options
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        if user is not None:
            sign_in_with_session(context, user, live_server.url)
        return context

    yield open_context
    for context in contexts:
        context.close()


def save_screenshot(page, name: str) -> Path:
    """Save the whole page in settings.SCREENSHOT_DIR as `<name>.png`."""
    folder = Path(settings.SCREENSHOT_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{re.sub(r'[^a-z0-9-]+', '-', name.lower())}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def sign_in_with_session(context, user, url: str) -> None:
    """Sign `user` in without the login form (nor its two-factor step): a session made by the
    test client, its cookie handed to the browser. For tests about pages, not about signing in."""
    from django.test import Client

    client = Client()
    client.force_login(user)
    name = settings.SESSION_COOKIE_NAME
    context.add_cookies([{"name": name, "value": client.cookies[name].value, "url": url}])


def sign_in(page, email: str, password: str, *, language: str = "fr") -> None:
    page.goto(f"/{language}/accounts/login/")
    page.locator("main input[name=login]").fill(email)
    page.locator("main input[name=password]").fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def sign_in_with_second_factor(page, user, *, language: str = "fr") -> None:
    """Sign in a user who must give a second factor (secretariat, supervisor), answering the
    authenticator code step."""
    from django.core.cache import cache
    from playwright.sync_api import expect

    from tests.conftest import totp_code
    from tests.factories import PASSWORD

    cache.clear()  # a TOTP code is accepted once; forget those used by earlier sign-ins
    sign_in(page, user.email, PASSWORD, language=language)
    page.locator("main input[name=code]").fill(totp_code(user.totp_secret))
    page.locator("main input[name=code]").press("Enter")
    # A sign-in hashes the password and checks the code: slow on a busy 2-core machine.
    expect(page).not_to_have_url(re.compile(r"/2fa/authenticate/"), timeout=15_000)
