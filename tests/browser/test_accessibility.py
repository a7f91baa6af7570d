"""Issue 9, accessibility: axe-core finds no WCAG 2.1 A/AA violation on any page type, in either
language, on a laptop screen nor on a phone. On the same visits, the browser reports no
Content-Security-Policy violation: nothing on a page needs an inline script or style that the
portal's policy refuses (tests/core/test_security_headers.py checks the markup itself).

axe-core comes from the npm registry, pinned in tests/browser/package.json and its lock file, and
is installed next to them (`npm ci --prefix tests/browser`), never fetched from a CDN. It is given
to each page as an init script, which the page's Content-Security-Policy does not apply to (a
<script> tag added to the page would be an inline script, refused by that policy).
"""

import os
from itertools import groupby
from pathlib import Path

import pytest

from tests.pages import demo_user, page_types

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "tests" / "browser" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
SCREENS = [{"width": 1366, "height": 900}, {"width": 390, "height": 844}]

RUN_AXE = """(tags) => axe
  .run(document, {runOnly: {type: "tag", values: tags}, resultTypes: ["violations"]})
  .then(results => results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 3).map(n => n.target.join(" ")),
    summary: v.nodes.length ? v.nodes[0].failureSummary : "",
  })))"""


@pytest.fixture(scope="session")
def axe_script() -> Path:
    if not AXE.exists():
        message = f"{AXE.relative_to(ROOT)} is missing: npm ci --prefix tests/browser"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return AXE


# Chromium logs each refusal ("Refused to apply inline style because it violates the following
# Content Security Policy directive..."); the event adds where it happened, in the same words.
REPORT_CSP_VIOLATIONS = """document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`Content Security Policy violation: ${event.violatedDirective} blocked `
    + `${event.blockedURI || "inline code"} at ${event.sourceFile}:${event.lineNumber} `
    + `(${event.sample})`);
});"""


def open_tab(context, axe_script: Path | None = None) -> tuple:
    """A tab (with axe-core loaded in every page it shows, if given), and the list of the Content
    Security Policy violations the browser reports there (cleared by the caller before each
    visit)."""
    if axe_script is not None:
        context.add_init_script(path=str(axe_script))
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    tab, reports = context.new_page(), []

    def on_console(message):
        if "Content Security Policy" in message.text:
            reports.append(message.text)

    tab.on("console", on_console)
    return tab, reports


def violations(page) -> list[dict]:
    return page.evaluate(RUN_AXE, WCAG_21_AA)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_no_page_type_has_a_wcag_21_aa_nor_a_content_security_policy_violation(
    axe_script, live_demo_portal, new_context, language
):
    found = []
    ordered = sorted(page_types(), key=lambda p: p.role)
    for role, pages in groupby(ordered, key=lambda p: p.role):
        user = demo_user(role)
        tabs = [open_tab(new_context(**screen, user=user), axe_script) for screen in SCREENS]
        for page_type in pages:
            path = page_type.path(language, live_demo_portal)
            for tab, reports in tabs:
                reports.clear()
                response = tab.goto(path)
                assert response.ok, (page_type.name, response.status)
                width = tab.viewport_size["width"]
                for violation in violations(tab):
                    found.append(f"{page_type.name} at {width} px ({role}): {violation}")
                for report in dict.fromkeys(reports):
                    found.append(f"{page_type.name} at {width} px ({role}): {report}")
    assert not found, "\n".join(found)


def test_account_and_back_office_pages_report_no_content_security_policy_violation(
    live_demo_portal, new_context, live_server
):
    """allauth's pages (the two-factor set-up shows its QR code as a data: image) and Django's
    admin, whose own templates and scripts the portal does not write, keep the same policy."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.conf import settings
    from django.contrib import admin
    from django.test import Client
    from django.urls import reverse

    from members.demo import DEMO_PASSWORD
    from members.models import User

    # A focal point without two-factor authentication, who has just confirmed their password
    # (as the set-up pages ask): a session made by the test client, handed to the browser.
    client = Client()
    client.force_login(demo_user("focal_point"))
    client.post("/fr/accounts/reauthenticate/", {"password": DEMO_PASSWORD})
    focal_point = new_context()
    name = settings.SESSION_COOKIE_NAME
    focal_point.add_cookies(
        [{"name": name, "value": client.cookies[name].value, "url": live_server.url}]
    )
    superuser = User.objects.create_superuser("csp-admin@example.org", "x-pass-12345")
    TOTP.activate(superuser, generate_totp_secret())  # the back office asks for it first
    visits = {
        new_context(): ["/fr/accounts/login/", "/en/accounts/password/reset/"],
        focal_point: [
            "/fr/accounts/email/",
            "/fr/accounts/password/change/",
            "/fr/accounts/2fa/",
            "/fr/accounts/2fa/totp/activate/",
            "/en/accounts/2fa/recovery-codes/generate/",
        ],
        new_context(user=superuser): ["/fr/admin/", "/en/admin/"]
        + [
            reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}")
            for model in admin.site._registry
            for view in ("changelist", "add")
        ],
    }
    found = []
    for context, paths in visits.items():
        tab, reports = open_tab(context)
        for path in paths:
            reports.clear()
            response = tab.goto(path)
            if response.status == 403:
                continue  # a model nobody may add by hand: the portal writes its rows itself
            assert response.ok, (path, response.status)
            if path.endswith("/totp/activate/"):  # reached, not sent back to confirm a password
                assert tab.locator("img[src^='data:image/svg+xml']").count() == 1
            found += [f"{path}: {report}" for report in dict.fromkeys(reports)]
    assert not found, "\n".join(found)
