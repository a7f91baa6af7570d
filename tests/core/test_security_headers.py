"""Every page keeps the portal's Content-Security-Policy: the header forbids inline code and
styles, and the HTML never needs them (no inline <script>, no on*= handler, no style= attribute,
no <style> element), so nothing a browser would refuse is left on a page.

The browser's own view (violations it reports while showing each page) is checked in
tests/browser/test_accessibility.py.
"""

import importlib
from html.parser import HTMLParser

import pytest
from django.contrib import admin
from django.test import override_settings
from django.urls import reverse

from tests.pages import page_types

# What the policy must say, directive by directive: nothing more permissive may creep in.
REQUIRED_DIRECTIVES = {
    "script-src": {"'self'"},
    "style-src": {"'self'"},
    "img-src": {"'self'", "data:"},
    "object-src": {"'none'"},
    "base-uri": {"'none'"},
    "frame-ancestors": {"'none'"},
    "form-action": {"'self'"},
}
# Nor may another directive (style-src-attr, script-src-elem...) let inline code back in.
PERMISSIVE_SOURCES = {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'", "*"}
JSON_TYPES = {"application/json", "application/ld+json"}
URL_ATTRIBUTES = {"href", "src", "action", "formaction"}


def policy(header: str) -> dict[str, set[str]]:
    directives = {}
    for part in header.split(";"):
        if words := part.split():
            directives[words[0].lower()] = set(words[1:])
    return directives


def header_faults(response) -> list[str]:
    faults = []
    header = response.get("Content-Security-Policy")
    if header is None:
        return ["no Content-Security-Policy header"]
    directives = policy(header)
    for name, sources in REQUIRED_DIRECTIVES.items():
        if directives.get(name) != sources:
            faults.append(f"{name} is {sorted(directives.get(name, []))}, not {sorted(sources)}")
    for name, sources in directives.items():
        if permissive := sources & PERMISSIVE_SOURCES:
            faults.append(f"{name} allows {sorted(permissive)}")
    if not response.get("Permissions-Policy"):
        faults.append("no Permissions-Policy header")
    return faults


class _InlineCode(HTMLParser):
    """What a strict policy would block in a page: inline scripts and styles, event handlers."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.faults: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        where = f"<{tag}{' id=' + attributes['id'] if attributes.get('id') else ''}>"
        kind = (attributes.get("type") or "").strip().lower()
        if tag == "script" and not attributes.get("src") and kind not in JSON_TYPES:
            self.faults.append(f"inline script {where}")
        if tag == "style":
            self.faults.append("a <style> element")
        for name, value in attrs:
            if name == "style":
                self.faults.append(f'style="{value}" on {where}')
            elif name.startswith("on"):
                self.faults.append(f"{name}= handler on {where}")
            elif name in URL_ATTRIBUTES and (value or "").strip().lower().startswith("javascript:"):
                self.faults.append(f"a javascript: URL on {where}")

    handle_startendtag = handle_starttag


def inline_code(html: str) -> list[str]:
    parser = _InlineCode()
    parser.feed(html)
    parser.close()
    return parser.faults


def page_faults(response) -> list[str]:
    content = (
        b"".join(response.streaming_content) if response.streaming else response.content
    ).decode()
    return header_faults(response) + inline_code(content)


# --- The checker itself -------------------------------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        '<script type="module">import "x";</script>',
        "<style>p { color: red }</style>",
        '<p style="margin:0">x</p>',
        '<svg><rect style="fill:red"/></svg>',
        '<button onclick="go()">x</button>',
        '<img src="x.png" onerror="go()">',
        '<a href="javascript:go()">x</a>',
    ],
)
def test_the_checker_finds_what_a_strict_policy_blocks(html):
    assert inline_code(html)


@pytest.mark.parametrize(
    "html",
    [
        '<script src="/static/js/fold.js" defer></script>',
        '<script type="application/json" id="data">{"a": 1}</script>',
        '<svg><rect width="40%" fill="#0d3d70"/></svg>',
        '<progress max="100" value="40">40 %</progress>',
        "<p>The style=, onclick= and <code>&lt;style&gt;</code> words in a text.</p>",
    ],
)
def test_the_checker_lets_what_a_strict_policy_allows(html):
    assert inline_code(html) == []


def test_the_header_check_refuses_a_policy_that_lets_inline_styles_back_in():
    strict = (
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
    )
    headers = {"Content-Security-Policy": strict, "Permissions-Policy": "camera=()"}
    assert header_faults(headers) == []
    relaxed = {**headers, "Content-Security-Policy": strict + "; style-src-attr 'unsafe-inline'"}
    assert header_faults(relaxed) == ["style-src-attr allows [\"'unsafe-inline'\"]"]
    assert header_faults({"Content-Security-Policy": strict}) == ["no Permissions-Policy header"]


# --- Every page type of the portal --------------------------------------------------------


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_page_type_keeps_the_content_security_policy(demo_portal, client_as, db, language):
    found = []
    for page in page_types():
        response = client_as(page.role).get(page.path(language, demo_portal))
        assert response.status_code == 200, (page.name, response.status_code)
        found += [f"{page.name} ({page.role}): {fault}" for fault in page_faults(response)]
    assert found == [], "\n".join(found)


# allauth's pages, ours and those it renders with its own templates, for a visitor, for a focal
# point without two-factor authentication (who sets it up: the QR code page) and for a
# secretariat member who has it. Two steps between them: "reauthenticate" confirms the password,
# as the two-factor pages ask; "change-email" leaves a new address waiting for its confirmation,
# for which the e-mail page holds a hidden form.
ACCOUNT_PAGES = {
    "anonymous": [
        "account_login",
        "account_signup",
        "account_reset_password",
        "account_reset_password_done",
        "account_email_verification_sent",
        "account_inactive",
    ],
    "focal_point": [
        "account_email",
        "account_change_password",
        "mfa_index",
        "account_reauthenticate",
        "reauthenticate",
        "mfa_activate_totp",
        "mfa_generate_recovery_codes",
        "change-email",
        "account_email",
    ],
    "secretariat": ["mfa_index", "mfa_reauthenticate", "reauthenticate", "mfa_deactivate_totp"],
}


@pytest.mark.parametrize("language", ["fr", "en"])
def test_account_pages_keep_the_content_security_policy(demo_portal, client_as, db, language):
    from allauth.account.models import EmailAddress
    from django.utils import translation

    from members.demo import DEMO_PASSWORD
    from tests.pages import demo_user

    found, pending = [], False
    for role, names in ACCOUNT_PAGES.items():
        client = client_as(role)
        for name in names:
            with translation.override(language):
                if name == "reauthenticate":
                    client.post(reverse("account_reauthenticate"), {"password": DEMO_PASSWORD})
                    continue
                if name == "change-email":
                    EmailAddress.objects.create(user=demo_user(role), email="new@example.org")
                    pending = True
                    continue
                path = reverse(name)
            response = client.get(path)
            assert response.status_code == 200, (name, role, response.status_code)
            found += [f"{name} ({role}): {fault}" for fault in page_faults(response)]
            if name == "mfa_activate_totp":  # the page was reached: its QR code is a data: image
                assert 'src="data:image/svg+xml' in response.content.decode()
            if name == "account_email" and pending:
                assert 'id="pending-email"' in response.content.decode()
    assert found == [], "\n".join(found)


def test_the_admin_keeps_the_content_security_policy(demo_portal, db):
    """The back office, as a superuser: its home, and each model's list, add and change form,
    every one of which opens (files in private storage included: they have no public link)."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.test import Client

    from members.models import User

    superuser = User.objects.create_superuser("csp-admin@example.org", "x-pass-12345")
    TOTP.activate(superuser, generate_totp_secret())  # the back office asks for it first
    client = Client(raise_request_exception=False)
    client.force_login(superuser)
    pages = {"index fr": "/fr/admin/", "index en": "/en/admin/"}
    for model in admin.site._registry:
        label, name = model._meta.app_label, model._meta.model_name
        pages[f"{label}.{name} list"] = reverse(f"admin:{label}_{name}_changelist")
        pages[f"{label}.{name} add"] = reverse(f"admin:{label}_{name}_add")
        if (first := model._default_manager.order_by("pk").first()) is not None:
            pages[f"{label}.{name} change"] = reverse(
                f"admin:{label}_{name}_change", args=[first.pk]
            )
    found, failing = [], []
    for page, path in pages.items():
        response = client.get(path)
        if response.status_code == 403:
            continue  # a model nobody may add by hand: the portal writes its rows itself
        if response.status_code != 200:
            failing.append(f"{page}: {response.status_code}")
            continue
        found += [f"{path}: {fault}" for fault in page_faults(response)]
    assert found == [], "\n".join(found)
    assert failing == [], "back-office pages that do not open"


# --- `make run` ---------------------------------------------------------------------------


def test_the_development_settings_keep_both_security_headers(demo_portal, client, db):
    """`make run` (gtr_portal.settings.local) sends the same headers as production."""
    from django.conf import settings

    local = importlib.import_module("gtr_portal.settings.local")
    assert "csp.middleware.CSPMiddleware" in local.MIDDLEWARE
    assert "gtr_portal.core.security_headers.PermissionsPolicyMiddleware" in local.MIDDLEWARE
    assert local.CONTENT_SECURITY_POLICY == settings.CONTENT_SECURITY_POLICY
    with override_settings(
        MIDDLEWARE=local.MIDDLEWARE,
        CONTENT_SECURITY_POLICY=local.CONTENT_SECURITY_POLICY,
        PERMISSIONS_POLICY_DISABLED_FEATURES=local.PERMISSIONS_POLICY_DISABLED_FEATURES,
        DEBUG=local.DEBUG,
    ):
        response = client.get("/fr/")
        assert response.status_code == 200
        assert header_faults(response) == []
