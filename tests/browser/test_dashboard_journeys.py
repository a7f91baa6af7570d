"""Issue 5 journey: a supervisor filters the dashboard to one commission and follows a figure."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from commissions.models import TechnicalCommission
from tests.factories import MeetingFactory, make_recommendation

from .fixtures import sign_in_with_second_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_supervisor_filters_the_dashboard_to_a_commission_and_follows_a_figure(
    page, screenshot, supervisor
):
    meeting = MeetingFactory(number=5, slug="gtr-5")
    security = TechnicalCommission.objects.create(
        number=2, slug="security", name_fr="Sécurité", name_en="Security", mandate_fr="M"
    )
    late = make_recommendation(
        meeting, lead=("SN",), commission=security, deadline=date(2025, 1, 1)
    )
    make_recommendation(meeting, lead=("NG",), commission=security, deadline=date(2099, 1, 1))
    make_recommendation(meeting, lead=("GH",), deadline=date(2025, 1, 1))
    sign_in_with_second_factor(page, supervisor, language="en")

    page.goto("/en/dashboard/")
    expect(page.locator('[data-figure="adopted"] strong')).to_have_text("3")
    screenshot("dashboard-region-en")
    page.get_by_label("Commission", exact=True).select_option("security")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator('[data-figure="adopted"] strong')).to_have_text("2")
    expect(page.locator('[data-figure="overdue"] strong')).to_have_text("1")
    screenshot("dashboard-security-en")

    page.locator('[data-figure="overdue"]').click()
    expect(page).to_have_url(re.compile(r"/en/recommendations/\?.*commission=security"))
    expect(page.locator("tr[data-reference]")).to_have_count(1)
    expect(page.locator(f'tr[data-reference="{late.reference}"]')).to_be_visible()
    screenshot("dashboard-figure-list-en")

    page.goto("/fr/dashboard/")
    screenshot("dashboard-region-fr")
