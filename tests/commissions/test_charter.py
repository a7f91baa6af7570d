"""Issue 10, section 6: the governance page states the group's charter (expected results,
reporting duties, funding) and links each part to where the portal follows it."""

import pytest
from django.urls import reverse
from django.utils import translation

from tests.core.visible_text import visible_text

pytestmark = pytest.mark.django_db


def _charter(client, language: str) -> str:
    page = client.get(f"/{language}/governance/").content.decode()
    start = page.index('id="charter"')
    return page[start : page.index("</section>", start)]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_charter_links_each_duty_to_where_the_portal_follows_it(client, language):
    charter = _charter(client, language)
    with translation.override(language):
        for url_name in (
            "best_practices:compendium",
            "best_practices:practice-list",
            "recommendations:proposal-list",
            "recommendations:recommendation-list",
            "recommendations:meeting-list",
            "reports:report-list",
            "members:member-list",
        ):
            assert f'href="{reverse(url_name)}"' in charter, url_name


def test_the_charter_states_five_expected_results_and_only_the_known_funding(client):
    charter = _charter(client, "en")
    results = charter[charter.index("<ol") : charter.index("</ol>")]
    assert results.count("<li>") == 5
    text = visible_text(charter)
    for duty in ("Committee of Experts", "compendium of best practices", "development plan"):
        assert duty in text
    funding = text[text.index("Funding") :]
    assert "The host country" in funding
    assert "A regional fund" in funding
