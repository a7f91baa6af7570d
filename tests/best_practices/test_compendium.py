"""Compendium editions: real PDFs from WeasyPrint (no mock), built in the background job."""

import io
from pathlib import Path
from unittest import mock

import pytest
from pypdf import PdfReader

from best_practices import services
from best_practices.models import CompendiumEdition, EditionFile
from gtr_portal.core.errors import DomainError
from gtr_portal.jobs.models import Job
from gtr_portal.jobs.services import job_run
from tests.conftest import downloaded

from .conftest import make_published


@pytest.fixture
def edition(db, fp_senegal, senegal, fp_nigeria, nigeria):
    make_published(fp_senegal, senegal, "Guichet unique ORBUS", theme="e-clearance")
    make_published(fp_nigeria, nigeria, "Centre de sécurité", theme="cybersecurity")
    make_published(
        fp_senegal,
        senegal,
        "Paiement mobile",
        theme="mobile-new-technologies",
        title_en="Mobile payment",
    )
    edition = CompendiumEdition.objects.create(
        slug="recueil-2026",
        title_fr="Recueil des meilleures pratiques",
        title_en="Compendium of best practices",
        period_start=2026,
        period_end=2026,
        foreword_fr="Avant-propos.",
        foreword_en="Foreword text.",
    )
    assert services.edition_fill_default(edition=edition) == 3
    return edition


def build(edition, user):
    job = services.compendium_build_request(edition=edition, user=user)
    job_run(job_id=job.pk)
    job.refresh_from_db()
    return job


def reader(edition, language) -> PdfReader:
    return PdfReader(EditionFile.objects.get(edition=edition, language=language).file.path)


@pytest.mark.django_db
def test_an_edition_is_rendered_for_real_with_contents_and_metadata(edition, secretariat):
    job = build(edition, secretariat)

    assert job.status == "done", job.error
    english = reader(edition, "en")
    french = reader(edition, "fr")
    assert len(english.pages) >= 6  # cover, foreword, contents, three practices
    assert EditionFile.objects.get(edition=edition, language="en").pages == len(english.pages)
    assert english.metadata.title == "Compendium of best practices"
    assert "GTR" in english.metadata.author
    assert french.metadata.title == "Recueil des meilleures pratiques"
    contents = english.pages[2].extract_text()
    for entry in ("E-clearance", "Cybersecurity", "Mobile payment", "Centre de sécurité"):
        assert entry in contents
    assert "Mobile and new technologies" in contents
    assert job.result["en"]["pages"] == len(english.pages)


@pytest.mark.django_db
def test_rebuilding_an_unchanged_edition_reuses_its_pdfs(edition, secretariat):
    build(edition, secretariat)
    built_at = dict(edition.files.values_list("language", "built_at"))

    job = build(edition, secretariat)

    assert job.result["fr"]["reused"] and job.result["en"]["reused"]
    assert dict(edition.files.values_list("language", "built_at")) == built_at


@pytest.mark.django_db
def test_a_failed_build_keeps_the_previous_pdf_intact(edition, secretariat):
    build(edition, secretariat)
    previous = Path(EditionFile.objects.get(edition=edition, language="fr").file.path)
    before = previous.read_bytes()
    edition.foreword_fr = "Nouvel avant-propos."
    edition.save()

    with mock.patch("weasyprint.document.Document.write_pdf", side_effect=OSError("disk full")):
        job = build(edition, secretariat)
        for _ in range(job.max_attempts - 1):
            Job.objects.filter(pk=job.pk).update(status="queued")
            job_run(job_id=job.pk)
        job.refresh_from_db()

    assert job.status == "failed" and "disk full" in job.error
    assert previous.read_bytes() == before
    assert not list(previous.parent.glob("*.part"))


@pytest.mark.django_db
def test_two_builds_of_the_same_edition_cannot_run_at_once(edition, secretariat):
    services.compendium_build_request(edition=edition, user=secretariat)

    with pytest.raises(DomainError):
        services.compendium_build_request(edition=edition, user=secretariat)


@pytest.mark.django_db
def test_an_empty_edition_fails_with_a_readable_reason(db, secretariat):
    edition = CompendiumEdition.objects.create(
        slug="vide", title_fr="Vide", period_start=2020, period_end=2020
    )

    job = build(edition, secretariat)

    assert job.status == "failed"
    assert "no practice" in job.error or "aucune pratique" in job.error


@pytest.mark.django_db
def test_a_practice_in_an_edition_cannot_be_deleted_from_under_it(edition, secretariat):
    """An edition must not lose an entry silently (issue 14): the practice is protected."""
    from django.db.models import ProtectedError

    with pytest.raises(ProtectedError):
        edition.practices.first().delete()

    assert build(edition, secretariat).status == "done"
    assert edition.entries.count() == 3


@pytest.mark.django_db
def test_the_compendium_page_lists_published_editions_and_counts_downloads(
    client, edition, secretariat, expert
):
    build(edition, secretariat)
    assert "recueil-2026" not in client.get("/en/compendium/").content.decode()
    assert client.get("/en/compendium/recueil-2026/en.pdf").status_code == 404

    services.edition_publish(edition=edition, user=secretariat)
    page = client.get("/en/compendium/").content.decode()
    response = client.get("/en/compendium/recueil-2026/en.pdf")

    assert 'data-edition="recueil-2026"' in page
    assert response.status_code == 200
    content = downloaded(response)
    assert PdfReader(io.BytesIO(content)).metadata.title == "Compendium of best practices"
    assert EditionFile.objects.get(edition=edition, language="en").downloads == 1


@pytest.mark.django_db
def test_an_edition_cannot_be_published_before_its_pdfs_exist(edition, secretariat):
    with pytest.raises(DomainError):
        services.edition_publish(edition=edition, user=secretariat)


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["fp_senegal", "supervisor", "expert"])
def test_only_the_secretariat_builds_and_publishes(client, request, edition, who):
    client.force_login(request.getfixturevalue(who))

    assert client.post("/fr/compendium/recueil-2026/build/").status_code == 403
    assert client.post("/fr/compendium/recueil-2026/publish/").status_code == 403
    assert not Job.objects.exists()


@pytest.mark.django_db
def test_the_build_request_answers_at_once_and_the_page_shows_the_state(
    client, edition, secretariat, django_capture_on_commit_callbacks
):
    client.force_login(secretariat)
    broker_down = mock.patch("gtr_portal.celery.app.send_task", side_effect=ConnectionError)
    with broker_down, django_capture_on_commit_callbacks(execute=True):
        response = client.post("/fr/compendium/recueil-2026/build/", follow=True)

    job = Job.objects.get()
    assert response.status_code == 200
    assert job.status == "queued" and job.dispatched_at is None
    assert 'data-job-status="queued"' in response.content.decode()
    status = client.get(f"/fr/jobs/{job.pk}/").json()
    assert status["status"] == "queued"


@pytest.mark.django_db
def test_another_users_job_status_is_not_found(client, edition, secretariat, fp_senegal):
    job = services.compendium_build_request(edition=edition, user=secretariat)
    client.force_login(fp_senegal)

    assert client.get(f"/fr/jobs/{job.pk}/").status_code == 404


@pytest.mark.django_db
def test_without_javascript_a_build_page_refreshes_itself_until_the_build_ends(
    client, edition, secretariat
):
    client.force_login(secretariat)
    refresh = '<noscript><meta http-equiv="refresh" content="5"></noscript>'
    job = services.compendium_build_request(edition=edition, user=secretariat)

    assert refresh in client.get(edition.get_absolute_url()).content.decode()

    job_run(job_id=job.pk)
    assert refresh not in client.get(edition.get_absolute_url()).content.decode()


def _order(edition) -> list[str]:
    return list(edition.entries.order_by("order").values_list("practice__title_fr", flat=True))


@pytest.mark.django_db
def test_the_secretariat_removes_adds_and_moves_the_practices_of_an_edition(edition):
    first, second, third = (e.practice_id for e in edition.entries.order_by("order"))
    titles = dict(edition.entries.values_list("practice_id", "practice__title_fr"))

    services.edition_change_practices(edition=edition, move=("up", third))
    assert _order(edition) == [titles[first], titles[third], titles[second]]
    services.edition_change_practices(edition=edition, move=("up", first))  # already first
    services.edition_change_practices(edition=edition, remove=[third])
    assert _order(edition) == [titles[first], titles[second]]
    services.edition_change_practices(edition=edition, add=[third], move=("down", first))
    assert _order(edition) == [titles[second], titles[first], titles[third]]


@pytest.mark.django_db
def test_an_edition_with_the_same_title_and_period_is_refused_and_nothing_is_created(edition):
    created, count = services.edition_create(
        title_fr="Recueil des meilleures pratiques", period_start=2025, period_end=2026
    )
    with pytest.raises(DomainError):
        services.edition_create(
            title_fr="Recueil des meilleures pratiques", period_start=2025, period_end=2026
        )

    assert CompendiumEdition.objects.count() == 2  # the fixture's and the new one
    assert (created.slug, count) == ("recueil-des-meilleures-pratiques-2025-2026", 3)
