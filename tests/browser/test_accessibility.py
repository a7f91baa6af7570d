"""Issue 9, accessibility: axe-core finds no WCAG 2.1 A/AA violation on any page type, in either
language, on a laptop screen nor on a phone.

axe-core comes from the npm registry, pinned in tests/browser/package.json and its lock file, and
is installed next to them (`npm ci --prefix tests/browser`), never fetched from a CDN.
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


def violations(page, axe_script: Path) -> list[dict]:
    page.add_script_tag(path=str(axe_script))
    return page.evaluate(RUN_AXE, WCAG_21_AA)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_no_page_type_has_a_wcag_21_aa_violation(
    axe_script, live_demo_portal, new_context, language
):
    found = []
    ordered = sorted(page_types(), key=lambda p: p.role)
    for role, pages in groupby(ordered, key=lambda p: p.role):
        user = demo_user(role)
        tabs = [new_context(**screen, user=user).new_page() for screen in SCREENS]
        for page_type in pages:
            path = page_type.path(language, live_demo_portal)
            for tab in tabs:
                response = tab.goto(path)
                assert response.ok, (page_type.name, response.status)
                width = tab.viewport_size["width"]
                for violation in violations(tab, axe_script):
                    found.append(f"{page_type.name} at {width} px ({role}): {violation}")
    assert not found, "\n".join(found)
