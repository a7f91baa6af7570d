"""Actors report progress; the secretariat accepts or returns; nobody else can act or peek."""

import re
from datetime import date

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.html import escape

from gtr_portal.core.errors import DomainError
from gtr_portal.core.uploads import DOCUMENTS, validate_upload
from gtr_portal.jobs.models import Job
from gtr_portal.jobs.services import job_run
from recommendations import services
from recommendations.models import Evidence, ProgressUpdate
from recommendations.services import EVIDENCE_MAX_BYTES
from tests.conftest import downloaded
from tests.factories import UserFactory, make_recommendation

from .conftest import pdf_upload, png_upload


def submit(recommendation, user, **overrides):
    data = {
        "as_of": date(2026, 11, 1),
        "narrative": "Le lien SIGMAT est opérationnel entre Dakar et Bamako.",
        "progress": 60,
        "proposed_status": "in_progress",
        "files": [pdf_upload()],
    }
    data.update(overrides)
    return services.update_submit(recommendation=recommendation, user=user, **data)


def form(**overrides):
    data = {
        "as_of": "2026-11-01",
        "narrative": "Travaux de connexion terminés à 60 %.",
        "progress": "60",
        "proposed_status": "in_progress",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_a_focal_point_of_an_actor_submits_an_update_with_evidence(interconnection, fp_senegal):
    update = submit(interconnection, fp_senegal)

    assert update.state == "pending"
    assert update.actor.member.iso2 == "SN"
    assert [e.content_type for e in update.evidence.all()] == ["application/pdf"]
    interconnection.refresh_from_db()
    assert (interconnection.status, interconnection.progress) == ("not_started", 0)


@pytest.mark.django_db
def test_another_actor_may_report_too(interconnection, fp_nigeria):
    assert submit(interconnection, fp_nigeria).actor.member.iso2 == "NG"


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["expert", "supervisor", "secretariat"])
def test_nobody_but_the_actors_can_submit(interconnection, request, who):
    user = request.getfixturevalue(who)

    with pytest.raises(DomainError):
        submit(interconnection, user)


@pytest.mark.django_db
def test_a_focal_point_of_a_non_actor_cannot_submit_even_through_a_crafted_url(client, meeting):
    nigeria_only = make_recommendation(meeting, lead=("NG",))
    from tests.factories import FocalPointFactory

    ghana = FocalPointFactory(iso2="GH").user
    client.force_login(ghana)

    assert (
        client.get(f"/fr/recommendations/{nigeria_only.reference}/updates/new/").status_code == 403
    )
    response = client.post(f"/fr/recommendations/{nigeria_only.reference}/updates/new/", form())
    assert response.status_code == 403
    assert not ProgressUpdate.objects.exists()


@pytest.mark.django_db
def test_a_user_of_an_actor_body_can_report(meeting):
    from members.models import Body

    unctad_user = UserFactory(body=Body.objects.get(code="UNCTAD"))
    recommendation = make_recommendation(meeting, lead=("UNCTAD",))

    assert submit(recommendation, unctad_user).actor.body.code == "UNCTAD"


@pytest.mark.django_db
def test_a_supervisor_of_an_actor_body_reads_but_never_reports(meeting, supervisor):
    recommendation = make_recommendation(meeting, lead=("ROCB-WCA",))

    with pytest.raises(DomainError):
        submit(recommendation, supervisor)


@pytest.mark.django_db
def test_the_form_submits_an_update_with_a_pdf(client, interconnection, fp_senegal):
    client.force_login(fp_senegal)

    response = client.post(
        f"/fr/recommendations/{interconnection.reference}/updates/new/",
        {**form(), "evidence": [pdf_upload(), png_upload()]},
    )

    assert response.status_code == 302
    update = ProgressUpdate.objects.get()
    assert sorted(e.original_name for e in update.evidence.all()) == ["photo.png", "rapport.pdf"]


@pytest.mark.django_db
def test_a_disguised_file_is_refused_with_a_translated_message_and_the_text_is_kept(
    client, interconnection, fp_senegal
):
    client.force_login(fp_senegal)
    executable = pdf_upload(name="rapport.pdf", content=b"MZ\x90\x00\x03" + b"\x00" * 200)

    response = client.post(
        f"/fr/recommendations/{interconnection.reference}/updates/new/",
        {**form(narrative="Mon long compte rendu tapé à la main."), "evidence": [executable]},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Mon long compte rendu tapé à la main." in page
    with translation.override("fr"), pytest.raises(ValidationError) as refusal:
        validate_upload(executable, kinds=DOCUMENTS, max_bytes=EVIDENCE_MAX_BYTES)
    message = refusal.value.messages[0]
    assert "not an accepted file" not in message, "the message is translated"
    assert escape(message) in page
    assert not ProgressUpdate.objects.exists()


@pytest.mark.django_db
def test_an_oversized_file_is_refused(client, interconnection, fp_senegal, settings):
    client.force_login(fp_senegal)
    from recommendations import services as update_services

    big = pdf_upload(content=b"%PDF-1.4\n" + b"0" * (update_services.EVIDENCE_MAX_BYTES + 1))

    response = client.post(
        f"/fr/recommendations/{interconnection.reference}/updates/new/",
        {**form(), "evidence": [big]},
    )

    assert response.status_code == 200
    assert "10,0" in response.content.decode() or "10.0" in response.content.decode()
    assert not ProgressUpdate.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("progress", "status"),
    [("150", "in_progress"), ("-5", "in_progress"), ("40", "implemented"), ("30", "not_started")],
)
def test_a_percentage_out_of_range_or_contradicting_the_status_is_refused(
    client, interconnection, fp_senegal, progress, status
):
    client.force_login(fp_senegal)

    response = client.post(
        f"/fr/recommendations/{interconnection.reference}/updates/new/",
        form(progress=progress, proposed_status=status, narrative="Texte conservé"),
    )

    assert response.status_code == 200
    assert "Texte conservé" in response.content.decode()
    assert 'class="errorlist"' in response.content.decode()
    assert not ProgressUpdate.objects.exists()


@pytest.mark.django_db
def test_accepting_an_update_moves_the_recommendation_and_tells_the_submitter(
    interconnection, fp_senegal, secretariat
):
    update = submit(interconnection, fp_senegal, progress=100, proposed_status="implemented")

    services.update_accept(update=update, reviewer=secretariat)

    interconnection.refresh_from_db()
    assert (interconnection.status, interconnection.progress) == ("implemented", 100)
    assert interconnection.history.latest().history_user == secretariat
    job = Job.objects.get(kind="recommendations.notify_review")
    job_run(job_id=job.pk)
    assert mail.outbox[-1].to == [fp_senegal.email]
    assert "accept" in mail.outbox[-1].subject.lower()


@pytest.mark.django_db
def test_returning_needs_a_comment_and_the_resubmission_keeps_the_story(
    interconnection, fp_senegal, secretariat
):
    update = submit(interconnection, fp_senegal)
    with pytest.raises(DomainError):
        services.update_return(update=update, reviewer=secretariat, comment="  ")

    services.update_return(update=update, reviewer=secretariat, comment="Joindre le PV de recette.")
    update.refresh_from_db()
    assert update.state == "returned"
    assert update.narrative == "Le lien SIGMAT est opérationnel entre Dakar et Bamako."

    services.update_resubmit(
        update=update,
        user=fp_senegal,
        as_of=date(2026, 11, 5),
        narrative=update.narrative,
        progress=70,
        proposed_status="in_progress",
        files=[pdf_upload("pv-recette.pdf")],
    )
    update.refresh_from_db()
    assert update.state == "pending"
    assert update.evidence.count() == 2
    assert [e.action for e in update.events.all()] == ["submitted", "returned", "resubmitted"]
    interconnection.refresh_from_db()
    assert interconnection.status == "not_started"


@pytest.mark.django_db
def test_an_update_is_reviewed_only_once(interconnection, fp_senegal, secretariat):
    update = submit(interconnection, fp_senegal)
    services.update_accept(update=update, reviewer=secretariat)

    with pytest.raises(DomainError):
        services.update_return(update=update, reviewer=secretariat, comment="Trop tard")


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["fp_senegal", "fp_nigeria", "supervisor", "expert"])
def test_only_the_secretariat_reviews(client, interconnection, fp_senegal, request, who):
    update = submit(interconnection, fp_senegal)
    client.force_login(request.getfixturevalue(who))

    response = client.post(
        f"/fr/recommendations/updates/{update.pk}/review/", {"decision": "accept", "comment": ""}
    )

    assert response.status_code in (403, 404)
    update.refresh_from_db()
    assert update.state == "pending"


@pytest.mark.django_db
def test_the_secretariat_reviews_from_the_recommendation_page(
    client, interconnection, fp_senegal, secretariat
):
    update = submit(interconnection, fp_senegal)
    client.force_login(secretariat)

    refused = client.post(
        f"/fr/recommendations/updates/{update.pk}/review/",
        {"decision": "return", "comment": ""},
        follow=True,
    )
    update.refresh_from_db()
    assert update.state == "pending"
    assert 'class="error"' in refused.content.decode()

    client.post(
        f"/fr/recommendations/updates/{update.pk}/review/",
        {"decision": "return", "comment": "Précisez les bureaux raccordés."},
    )
    update.refresh_from_db()
    assert update.state == "returned"


@pytest.mark.django_db
def test_pending_updates_are_hidden_from_other_administrations_and_the_public(
    client, interconnection, fp_senegal, fp_nigeria, supervisor
):
    update = submit(interconnection, fp_senegal, narrative="Texte confidentiel du Sénégal")
    evidence = update.evidence.get()
    path = f"/fr/recommendations/{interconnection.reference}/"

    assert "Texte confidentiel" not in client.get(path).content.decode()
    client.force_login(supervisor)
    assert "Texte confidentiel" in client.get(path).content.decode()
    supervisor_download = client.get(f"/fr/recommendations/evidence/{evidence.pk}/")
    assert supervisor_download.status_code == 200
    downloaded(supervisor_download)

    client.force_login(fp_nigeria)
    assert "Texte confidentiel" not in client.get(path).content.decode()
    assert client.get(f"/fr/recommendations/updates/{update.pk}/edit/").status_code == 404
    assert client.get(f"/fr/recommendations/evidence/{evidence.pk}/").status_code == 404

    client.force_login(fp_senegal)
    assert "Texte confidentiel" in client.get(path).content.decode()
    download = client.get(f"/fr/recommendations/evidence/{evidence.pk}/")
    assert download.status_code == 200
    assert downloaded(download).startswith(b"%PDF")


@pytest.mark.django_db
def test_evidence_is_never_under_the_public_media_url(interconnection, fp_senegal, settings):
    update = submit(interconnection, fp_senegal)
    evidence = Evidence.objects.get(update=update)

    assert str(settings.PRIVATE_MEDIA_ROOT) in evidence.file.path
    assert not evidence.file.path.startswith(str(settings.MEDIA_ROOT) + "/")
    with pytest.raises(ValueError):
        _ = evidence.file.url


@pytest.mark.django_db
def test_an_accepted_update_cannot_be_edited_by_its_actor(
    client, interconnection, fp_senegal, secretariat
):
    update = submit(interconnection, fp_senegal)
    services.update_accept(update=update, reviewer=secretariat)
    client.force_login(fp_senegal)

    assert client.get(f"/fr/recommendations/updates/{update.pk}/edit/").status_code == 403


@pytest.mark.django_db
def test_the_review_queue_is_for_the_secretariat_and_supervisors(
    client, interconnection, fp_senegal, supervisor, expert
):
    submit(interconnection, fp_senegal)

    client.force_login(supervisor)
    assert interconnection.reference in client.get("/fr/recommendations/reviews/").content.decode()
    client.force_login(fp_senegal)
    assert client.get("/fr/recommendations/reviews/").status_code == 403
    client.force_login(expert)
    assert client.get("/fr/recommendations/reviews/").status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("elsewhere", ["//evil.example/x", "https://evil.example/x", "///evil"])
def test_after_a_review_the_secretariat_never_leaves_the_portal(
    client, interconnection, fp_senegal, secretariat, elsewhere
):
    update = submit(interconnection, fp_senegal)
    client.force_login(secretariat)

    response = client.post(
        f"/fr/recommendations/updates/{update.pk}/review/",
        {"decision": "accept", "comment": "", "next": elsewhere},
    )

    assert response.status_code == 302
    assert response["Location"] == interconnection.get_absolute_url()


@pytest.mark.django_db
def test_after_a_review_the_secretariat_goes_back_to_the_queue_it_came_from(
    client, interconnection, fp_senegal, secretariat
):
    update = submit(interconnection, fp_senegal)
    client.force_login(secretariat)

    response = client.post(
        f"/fr/recommendations/updates/{update.pk}/review/",
        {"decision": "accept", "comment": "", "next": "/fr/recommendations/reviews/"},
    )

    assert response["Location"] == "/fr/recommendations/reviews/"


@pytest.mark.django_db
def test_the_review_queue_shows_twenty_updates_a_page_at_a_constant_cost(
    client, secretariat, fp_senegal, meeting, django_assert_max_num_queries
):
    """Issue 12 measured the unpaged queue at 2.5 s and 1.9 MB of HTML at scale."""
    for _ in range(45):
        submit(make_recommendation(meeting, lead=("SN",)), fp_senegal, files=[])
    client.force_login(secretariat)
    client.get("/fr/recommendations/reviews/")  # the session settles on its first request

    with django_assert_max_num_queries(14):
        first = client.get("/fr/recommendations/reviews/").content.decode()
    last = client.get("/en/recommendations/reviews/?page=3").content.decode()

    assert first.count('class="update pending"') == 20
    assert "45 points d’avancement en attente de validation" in first
    assert last.count('class="update pending"') == 5
    assert "Page 3 of 3" in last


@pytest.mark.django_db
def test_with_the_caches_on_the_review_queue_is_shared_but_each_reviewer_posts_its_own_token(
    secretariat, supervisor, fp_senegal, interconnection, meeting, settings
):
    """The queue's rows are shared until an update is sent or reviewed; the forms in them carry
    the token of the request that shows them, and a supervisor never gets the secretariat's
    review forms."""
    from django.core.cache import cache
    from django.test import Client

    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    first = submit(interconnection, fp_senegal)
    reviewer = Client(enforce_csrf_checks=True)
    reviewer.force_login(secretariat)
    page = reviewer.get("/en/recommendations/reviews/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="(\w+)"', page).group(1)
    reader = Client()
    reader.force_login(supervisor)
    read = reader.get("/en/recommendations/reviews/").content.decode()

    assert 'name="decision"' in page and 'name="decision"' not in read
    assert "csrf-token-of-the-request" not in page
    answer = reviewer.post(
        f"/en/recommendations/updates/{first.pk}/review/",
        {"decision": "accept", "comment": "", "csrfmiddlewaretoken": token},
    )
    assert answer.status_code == 302
    second = submit(make_recommendation(meeting, lead=("SN",)), fp_senegal, files=[])
    after = reviewer.get("/en/recommendations/reviews/").content.decode()
    assert f'id="update-{first.pk}"' not in after
    assert f'id="update-{second.pk}"' in after
    cache.clear()
