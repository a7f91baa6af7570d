"""Content created from the English interface keeps its English text (a defect hid here while
the form tests ran only in French: the French title overwrote the English one)."""

import pytest

from best_practices.models import CompendiumEdition
from reports.models import Report


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
def test_an_edition_created_in_either_language_keeps_both_titles(client, secretariat, language):
    client.force_login(secretariat)

    response = client.post(
        f"/{language}/compendium/new/",
        {
            "title_fr": "Recueil des meilleures pratiques",
            "title_en": "Compendium of best practices",
            "period_start": 2026,
            "period_end": 2026,
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    edition = CompendiumEdition.objects.get()
    assert edition.title_fr == "Recueil des meilleures pratiques"
    assert edition.title_en == "Compendium of best practices"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_report_created_in_either_language_keeps_both_titles(client, secretariat, language):
    client.force_login(secretariat)

    response = client.post(
        f"/{language}/reports/new/activity/",
        {
            "title_fr": "Rapport d'activité 2026",
            "title_en": "Activity report 2026",
            "period_start": "2026-01-01",
            "period_end": "2026-12-31",
        },
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    report = Report.objects.get()
    assert report.title_fr == "Rapport d'activité 2026"
    assert report.title_en == "Activity report 2026"
