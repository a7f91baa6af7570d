"""The security log: someone fails to sign in as a focal point; the secretariat opens the log
from its menu, filters it down to that failure, reads where it came from, downloads the CSV of
the filtered rows, and reads the log on a phone."""

import csv
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from .fixtures import save_screenshot, sign_in, sign_in_with_second_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretariat_filters_the_log_and_downloads_the_csv(
    page, new_context, fp_senegal, secretariat
):
    stranger = new_context().new_page()
    sign_in(stranger, fp_senegal.email, "not-the-password", language="en")
    expect(stranger).to_have_url(re.compile(r"/en/accounts/login/"))

    sign_in_with_second_factor(page, secretariat, language="en")
    page.goto("/en/")
    page.locator(".topbar").get_by_role("link", name="Security log").click()
    expect(page).to_have_url(re.compile(r"/en/audit/$"))
    expect(page.get_by_role("heading", name="Security log")).to_be_visible()

    page.get_by_label("Event").select_option("login_failed")
    page.get_by_label("E-mail").fill("fp-sn")
    page.get_by_role("button", name="Apply the filters").click()
    expect(page).to_have_url(re.compile(r"kind=login_failed"))
    rows = page.locator("tbody tr[data-event]")
    expect(rows).to_have_count(1)
    expect(rows.first).to_contain_text("fp-sn@gtr.test")
    expect(rows.first).to_contain_text("Sign-in failed")
    expect(rows.first).to_contain_text("127.0.0.1")
    save_screenshot(page, "security-log-en-1280")

    with page.expect_download() as download_info:
        page.locator('[data-export="csv"]').click()
    download = download_info.value
    assert download.suggested_filename.startswith("security-log-")
    text = Path(download.path()).read_text(encoding="utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    assert lines[0][:4] == ["When", "Event", "Code", "E-mail"]
    assert [line[2:4] for line in lines[1:]] == [["login_failed", "fp-sn@gtr.test"]]
    assert "not-the-password" not in text

    phone = new_context(width=390, height=844, user=secretariat).new_page()
    phone.goto("/en/audit/?kind=login_failed")
    expect(phone.locator("tbody tr[data-event]")).to_have_count(1)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    save_screenshot(phone, "security-log-en-390")
    phone.get_by_role("link", name="Changes to accounts").click()
    expect(phone.get_by_role("heading", name="Changes to accounts")).to_be_visible()
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
