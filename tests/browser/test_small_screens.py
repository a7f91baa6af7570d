"""Issue 9, phones: every page type, in both languages, fits a 390 px wide screen.

Each page is opened at 390×844 (a common phone) and 1366×900 (a common laptop) and kept as a
screenshot in settings.SCREENSHOT_DIR (`<page>-<language>-390.png`, `…-1366.png`), to be looked
at. The demo data is loaded once per language and every page type is walked in one test: loading
it takes longer than visiting all the pages.
"""

from itertools import groupby

import pytest

from tests.pages import demo_user, page_types

from .fixtures import save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1366, "height": 900}

# How many lines of text and controls the top bar takes: a new line starts where a box begins
# below the bottom of the line before it.
TOPBAR_LINES = """() => {
  const bar = document.querySelector(".topbar");
  const boxes = [];
  const walker = document.createTreeWalker(bar, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    if (!walker.currentNode.textContent.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(walker.currentNode);
    for (const r of range.getClientRects()) if (r.width && r.height) boxes.push([r.top, r.bottom]);
  }
  for (const element of bar.querySelectorAll("img, button, input:not([type=hidden]), select")) {
    const r = element.getBoundingClientRect();
    if (r.width && r.height) boxes.push([r.top, r.bottom]);
  }
  boxes.sort((a, b) => a[0] - b[0]);
  let lines = 0, bottom = -Infinity;
  for (const [top, end] of boxes) {
    if (top >= bottom - 2) { lines += 1; bottom = end; } else { bottom = Math.max(bottom, end); }
  }
  return lines;
}"""

# What sticks out on the right, to name the culprit when a page is too wide.
WIDEST = """(limit) => [...document.querySelectorAll("body *")]
  .filter(e => e.getBoundingClientRect().right > limit + 0.5)
  .filter(e => !e.parentElement.closest("[data-overflow-ok]") && e.offsetParent !== null)
  .slice(0, 3)
  .map(e => e.tagName.toLowerCase() + (e.className ? "." + String(e.className).split(" ")[0] : "")
       + " right=" + Math.round(e.getBoundingClientRect().right))"""


def _pages_by_role():
    ordered = sorted(page_types(), key=lambda p: p.role)
    return [(role, list(pages)) for role, pages in groupby(ordered, key=lambda p: p.role)]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_page_type_fits_a_390_px_phone_with_a_two_line_top_bar(
    live_demo_portal, new_context, language
):
    problems = []
    for role, pages in _pages_by_role():
        user = demo_user(role)
        phone = new_context(**PHONE, user=user).new_page()
        laptop = new_context(**LAPTOP, user=user).new_page()
        for page_type in pages:
            path = page_type.path(language, live_demo_portal)
            response = phone.goto(path)
            assert response.ok, (page_type.name, response.status)
            phone.wait_for_load_state("load")
            width = phone.evaluate("document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                widest = phone.evaluate(WIDEST, PHONE["width"])
                problems.append(f"{page_type.name} ({role}): {width} px wide; {widest}")
            lines = phone.evaluate(TOPBAR_LINES)
            if lines > 2:
                problems.append(f"{page_type.name} ({role}): the top bar takes {lines} lines")
            save_screenshot(phone, f"{page_type.name}-{language}-390")
            laptop.goto(path)
            save_screenshot(laptop, f"{page_type.name}-{language}-1366")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", ["fr", "en"])
def test_on_a_phone_the_first_recommendation_shows_on_the_first_screen(
    live_demo_portal, new_context, language
):
    """The filters fold behind one button: results come first, not 1,500 px of filters."""
    page = new_context(**PHONE).new_page()
    page.goto(f"/{language}/recommendations/")
    first = page.locator("tbody tr").first
    assert first.bounding_box()["y"] < PHONE["height"]
    filters = page.locator("details.filter-fold")
    assert not filters.locator("select").first.is_visible()
    filters.locator("summary").click()
    assert filters.locator("select").first.is_visible()


def test_on_a_phone_the_main_menu_folds_behind_one_button(live_demo_portal, new_context):
    page = new_context(**PHONE, user=demo_user("secretariat")).new_page()
    page.goto("/en/")
    menu = page.get_by_role("navigation", name="Main menu")
    assert not menu.get_by_role("link", name="Recommendations").is_visible()
    menu.get_by_text("Menu", exact=True).click()
    assert menu.get_by_role("link", name="Recommendations").is_visible()
    save_screenshot(page, "main-menu-open-en-390")


def test_without_javascript_menus_and_filters_stay_open_and_fit_a_phone(
    live_demo_portal, new_context
):
    page = new_context(**PHONE, java_script_enabled=False).new_page()
    page.goto("/fr/recommendations/")
    assert (
        page.get_by_role("navigation", name="Menu principal")
        .get_by_role("link", name="Réunions")
        .is_visible()
    )
    assert page.locator("details.filter-fold select").first.is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    save_screenshot(page, "recommendation-list-no-script-fr-390")
