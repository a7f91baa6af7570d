"""Issue 10, notifications: the secretariat returns a focal point's practice; the focal point sees
the count in the top bar, opens the notice and lands on the practice (in French), then reads the
next notice in English and marks everything read."""

import re

import pytest
from playwright.sync_api import expect

from best_practices import services
from tests.best_practices.conftest import practice_data

from .fixtures import save_screenshot
from .test_accessibility import AXE, violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_focal_point_is_notified_of_the_returned_practice_and_opens_it(
    reference_data, new_context, fp_senegal, senegal, secretariat
):
    practice = services.practice_save(user=fp_senegal, administration=senegal, data=practice_data())
    services.practice_submit(practice=practice, user=fp_senegal)

    reviewer = new_context(user=secretariat).new_page()
    reviewer.goto(f"/fr/best-practices/{practice.slug}/")
    reviewer.get_by_label(re.compile("Validation")).fill("Ajoutez des indicateurs chiffrés.")
    reviewer.get_by_role("button", name="Renvoyer avec le commentaire").click()
    expect(reviewer.get_by_text("La pratique a été renvoyée")).to_be_visible()

    laptop = new_context(width=1366, height=900, user=fp_senegal)
    if AXE.exists():  # axe-core, installed by npm ci --prefix tests/browser
        laptop.add_init_script(path=str(AXE))  # not a <script> tag: the CSP refuses inline ones
    page = laptop.new_page()
    page.goto("/fr/")
    badge = page.locator(".topbar [data-unread]")
    expect(badge).to_contain_text("1")
    page.locator(".topbar .notifications-link").click()
    expect(page).to_have_url(re.compile(r"/fr/notifications/$"))
    notice = page.locator(".notification.unread a")
    expect(notice).to_have_count(1)
    expect(notice).to_contain_text("Guichet unique ORBUS")
    save_screenshot(page, "notifications-fr-1366")
    if AXE.exists():
        assert violations(page) == []

    small = new_context(width=390, height=844, user=fp_senegal)
    if AXE.exists():
        small.add_init_script(path=str(AXE))
    phone = small.new_page()
    phone.goto("/fr/notifications/")
    expect(phone.locator(".topbar [data-unread]")).to_be_visible()
    save_screenshot(phone, "notifications-fr-390")
    if AXE.exists():
        assert violations(phone) == []

    notice.click()
    expect(page).to_have_url(re.compile(rf"/fr/best-practices/{practice.slug}/$"))
    expect(page.get_by_text("Ajoutez des indicateurs chiffrés.")).to_be_visible()
    expect(page.locator(".topbar [data-unread]")).to_have_count(0)

    # The practice is published: the next notice, read in English.
    services.practice_submit(practice=practice, user=fp_senegal)
    services.practice_publish(practice=practice, reviewer=secretariat)
    page.goto("/en/notifications/")
    expect(page.locator(".topbar [data-unread]")).to_contain_text("1")
    expect(page.locator(".notification.unread a")).to_contain_text(
        "Your practice “ORBUS single window” is published"
    )
    save_screenshot(page, "notifications-en-1366")
    phone.goto("/en/notifications/")
    save_screenshot(phone, "notifications-en-390")
    page.get_by_role("button", name="Mark all as read").click()
    expect(page.get_by_text("All your notifications are marked as read.")).to_be_visible()
    expect(page.locator(".notification.unread")).to_have_count(0)
    expect(page.locator(".topbar [data-unread]")).to_have_count(0)
