"""Issue 10 §1: a meeting's workspace. The secretariat creates and edits a meeting, its
participants, named persons and documents; supervisors read it; a meeting's page shows what the
meeting did, persons' names only to signed-in users, members-only documents only to members."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from gtr_portal.core.errors import DomainError
from members.models import Actor, Body
from recommendations import selectors, services
from recommendations.models import (
    Meeting,
    MeetingDocument,
    MeetingPerson,
    ProgressUpdate,
    text_items,
)
from tests.conftest import downloaded
from tests.factories import MeetingFactory, actor, make_recommendation

from .conftest import PDF_BYTES, pdf_upload

ROLES = ["anonymous", "expert", "focal_point", "supervisor", "secretariat"]


@pytest.fixture
def users(expert, fp_senegal, supervisor, secretariat):
    return {
        "anonymous": None,
        "expert": expert,
        "focal_point": fp_senegal,
        "supervisor": supervisor,
        "secretariat": secretariat,
    }


def as_role(client, users, role):
    client.logout()
    if users[role] is not None:
        client.force_login(users[role])
    return client


def meeting_data(**overrides) -> dict:
    data = {
        "kind": Meeting.Kind.GTR,
        "number": 9,
        "commission": None,
        "start_date": datetime.date(2026, 5, 12),
        "end_date": datetime.date(2026, 5, 14),
        "mode": Meeting.Mode.IN_PERSON,
        "city": "Lomé",
        "host": None,
        "theme_fr": "La douane numérique",
        "theme_en": "Digital customs",
        "status": Meeting.Status.HELD,
        "participant_count": 40,
        "agenda_fr": "1. Ouverture\n2. Revue des recommandations",
        "agenda_en": "",
        "topics_fr": "",
        "topics_en": "",
        "conclusions_fr": "",
        "conclusions_en": "",
    }
    return data | overrides


def form_post(**overrides) -> dict:
    post = {
        "kind": "gtr",
        "number": "9",
        "start_date": "2026-05-12",
        "end_date": "2026-05-14",
        "mode": "in_person",
        "city": "Lomé",
        "theme_fr": "La douane numérique",
        "theme_en": "Digital customs",
        "status": "held",
        "chair_name": "Kodjo Mensah",
        "chair_actor": str(actor("TG").pk),
    }
    return post | overrides


# --- Models and services --------------------------------------------------------------------


def test_secretariat_creates_a_meeting_with_its_chair_and_participants(secretariat):
    meeting = services.meeting_create(
        user=secretariat,
        data=meeting_data(),
        participants=[actor("SN"), actor("ROCB-WCA")],
        chair_name="Kodjo Mensah",
        chair_actor=actor("TG"),
    )
    assert meeting.slug == "gtr-9"
    assert {str(a) for a in meeting.participants.all()} >= {"Sénégal"}
    chair = meeting.persons.get()
    assert (chair.name, chair.role, chair.actor.member.iso2) == ("Kodjo Mensah", "chair", "TG")
    assert meeting.agenda_items == ["Ouverture", "Revue des recommandations"]


def test_only_the_secretariat_writes_meetings(supervisor, fp_senegal):
    for user in (supervisor, fp_senegal):
        with pytest.raises(PermissionDenied):
            services.meeting_create(user=user, data=meeting_data())


def test_a_meeting_still_to_come_cannot_be_held(secretariat):
    with pytest.raises(ValidationError) as error:
        services.meeting_create(
            user=secretariat,
            data=meeting_data(
                start_date=datetime.date.today() + datetime.timedelta(days=30),
                end_date=datetime.date.today() + datetime.timedelta(days=31),
                status=Meeting.Status.REPORT_ADOPTED,
            ),
        )
    assert "status" in error.value.message_dict


def test_a_meeting_has_one_chair_at_most(secretariat):
    meeting = services.meeting_create(
        user=secretariat, data=meeting_data(), chair_name="Kodjo Mensah"
    )
    with pytest.raises(DomainError):
        services.meeting_person_add(
            meeting=meeting, user=secretariat, name="Autre", role=MeetingPerson.Role.CHAIR
        )
    services.meeting_update(
        meeting=meeting, user=secretariat, data={}, chair_name="Awa Diop", chair_actor=None
    )
    assert list(meeting.persons.values_list("name", flat=True)) == ["Awa Diop"]


def test_slugs_stay_unique_and_follow_the_kind(secretariat):
    MeetingFactory(number=9, slug="gtr-9", kind="experts")
    meeting = services.meeting_create(user=secretariat, data=meeting_data())
    assert meeting.slug == "gtr-9-2"
    experts = services.meeting_create(
        user=secretariat, data=meeting_data(kind=Meeting.Kind.EXPERTS, number=None)
    )
    assert experts.slug == "ce-2026"


def test_text_items_drop_typed_bullets_and_numbers():
    assert text_items("1. Ouverture\n\n- Sécurité\n• RH\n2) Clôture") == [
        "Ouverture",
        "Sécurité",
        "RH",
        "Clôture",
    ]


def test_document_upload_checks_the_real_type(secretariat, meeting):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("agenda.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(DomainError) as error:
        services.meeting_document_add(
            meeting=meeting, user=secretariat, upload=fake, kind="agenda", language="fr"
        )
    assert error.value.field == "file"
    document = services.meeting_document_add(
        meeting=meeting, user=secretariat, upload=pdf_upload(), kind="agenda", language="fr"
    )
    assert (document.visibility, document.content_type, document.size) == (
        "members",
        "application/pdf",
        len(PDF_BYTES),
    )
    assert document.uploaded_by == secretariat


def test_meeting_workspace_migration_keeps_themes_in_french(meeting):
    """`theme` is translated: the French text is the reference, read whatever the language."""
    Meeting.objects.filter(pk=meeting.pk).update(theme_en="")
    meeting.refresh_from_db()
    with translation.override("en"):
        assert meeting.theme == "Thème de test"


# --- Who may do what: every new route as every role -----------------------------------------


@pytest.fixture
def workspace(meeting, secretariat):
    person = services.meeting_person_add(
        meeting=meeting, user=secretariat, name="Awa Diop", role="rapporteur", actor=actor("SN")
    )
    document = services.meeting_document_add(
        meeting=meeting, user=secretariat, upload=pdf_upload(), kind="minutes", language="fr"
    )
    return {"meeting": meeting, "person": person, "document": document}


EXPECTED = {
    # route: {role: status}; 302 for anonymous is the login page.
    "create-get": {"anonymous": 302, "expert": 403, "focal_point": 403, "supervisor": 403},
    "edit-get": {"anonymous": 302, "expert": 403, "focal_point": 403, "supervisor": 200},
    "edit-post": {"anonymous": 302, "expert": 403, "focal_point": 403, "supervisor": 403},
    "person-add": {"anonymous": 302, "expert": 403, "focal_point": 403, "supervisor": 403},
    "person-remove": {"anonymous": 302, "expert": 403, "focal_point": 403, "supervisor": 403},
    "document-add": {"anonymous": 302, "expert": 403, "focal_point": 403, "supervisor": 403},
    "document-remove": {"anonymous": 302, "expert": 403, "focal_point": 403, "supervisor": 403},
    "document-visibility": {
        "anonymous": 302,
        "expert": 403,
        "focal_point": 403,
        "supervisor": 403,
    },
}


def _request(client, route, workspace):
    slug = workspace["meeting"].slug
    person, document = workspace["person"], workspace["document"]
    if route == "create-get":
        return client.get(reverse("recommendations:meeting-create"))
    if route == "edit-get":
        return client.get(reverse("recommendations:meeting-edit", args=[slug]))
    if route == "edit-post":
        return client.post(reverse("recommendations:meeting-edit", args=[slug]), {})
    if route == "person-add":
        url = reverse("recommendations:meeting-person-add", args=[slug])
        return client.post(url, {"person-name": "X", "person-role": "delegate"})
    if route == "person-remove":
        url = reverse("recommendations:meeting-person-remove", args=[slug, person.pk])
        return client.post(url)
    if route == "document-add":
        url = reverse("recommendations:meeting-document-add", args=[slug])
        return client.post(url, {"document-kind": "agenda"})
    if route == "document-visibility":
        url = reverse("recommendations:meeting-document-visibility", args=[slug, document.pk])
        return client.post(url, {"visibility": "public"})
    url = reverse("recommendations:meeting-document-remove", args=[slug, document.pk])
    return client.post(url)


@pytest.mark.parametrize("route", list(EXPECTED))
@pytest.mark.parametrize("role", [r for r in ROLES if r != "secretariat"])
def test_workspace_routes_refuse_whoever_is_not_the_secretariat(
    client, users, workspace, route, role
):
    response = _request(as_role(client, users, role), route, workspace)
    assert response.status_code == EXPECTED[route][role], (route, role)
    if response.status_code == 302:
        assert "/accounts/login/" in response["Location"]
    assert MeetingPerson.objects.filter(pk=workspace["person"].pk).exists()
    assert MeetingDocument.objects.filter(
        pk=workspace["document"].pk, visibility="members"
    ).exists()


def test_supervisor_reads_the_workspace_without_forms_to_change_it(client, supervisor, workspace):
    client.force_login(supervisor)
    response = client.get(reverse("recommendations:meeting-edit", args=["gtr-5"]))
    html = response.content.decode()
    assert "Awa Diop" in html
    assert "disabled" in html
    assert reverse("recommendations:meeting-person-add", args=["gtr-5"]) not in html


def test_secretariat_creates_a_meeting_from_the_form(client, secretariat):
    client.force_login(secretariat)
    assert client.get(reverse("recommendations:meeting-create")).status_code == 200
    post = form_post()
    post["participants-members"] = [str(actor("SN").pk), str(actor("TG").pk)]
    post["participants-bodies"] = [str(actor("ROCB-WCA").pk)]
    response = client.post(reverse("recommendations:meeting-create"), post)
    assert response.status_code == 302, response.content.decode()[:3000]
    meeting = Meeting.objects.get(number=9)
    assert response["Location"] == reverse("recommendations:meeting-edit", args=[meeting.slug])
    assert meeting.participants.count() == 3
    assert meeting.persons.get().name == "Kodjo Mensah"


@pytest.mark.parametrize("language", ["fr", "en"])
def test_meeting_form_keeps_both_languages_of_the_theme(client, secretariat, language):
    client.force_login(secretariat)
    with translation.override(language):
        url = reverse("recommendations:meeting-create")
    response = client.post(url, form_post(theme_fr="Thème", theme_en="Theme"))
    assert response.status_code == 302
    meeting = Meeting.objects.get(number=9)
    assert (meeting.theme_fr, meeting.theme_en) == ("Thème", "Theme")


def test_meeting_form_shows_errors_and_keeps_what_was_typed(client, secretariat):
    client.force_login(secretariat)
    response = client.post(
        reverse("recommendations:meeting-create"),
        form_post(end_date="2026-05-01", city="", theme_fr="Gardé"),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Gardé" in html
    assert 'role="alert"' in html
    assert not Meeting.objects.exists()


def test_secretariat_edits_the_meeting_and_its_participants(client, secretariat, meeting):
    client.force_login(secretariat)
    post = form_post(number="5", status="report_adopted", conclusions_fr="Renforcer la sécurité")
    post["participants-members"] = [str(actor("SN").pk)]
    response = client.post(reverse("recommendations:meeting-edit", args=["gtr-5"]), post)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.status == "report_adopted"
    assert [str(a) for a in meeting.participants.all()] == ["Sénégal"]
    assert meeting.conclusion_items == ["Renforcer la sécurité"]


def test_secretariat_adds_and_removes_persons_and_documents(client, secretariat, meeting):
    client.force_login(secretariat)
    slug = meeting.slug
    response = client.post(
        reverse("recommendations:meeting-person-add", args=[slug]),
        {"person-name": "Jean Dupont", "person-role": "private_expert", "person-organisation": "X"},
    )
    assert response.status_code == 302
    person = meeting.persons.get()
    response = client.post(
        reverse("recommendations:meeting-document-add", args=[slug]),
        {
            "document-kind": "final_report",
            "document-language": "fr",
            "document-visibility": "public",
            "document-title_fr": "Rapport final",
            "document-file": pdf_upload(),
        },
    )
    assert response.status_code == 302
    document = meeting.documents.get()
    assert (document.title_fr, document.visibility) == ("Rapport final", "public")
    client.post(
        reverse("recommendations:meeting-document-visibility", args=[slug, document.pk]),
        {"visibility": "members"},
    )
    document.refresh_from_db()
    assert document.visibility == "members"
    client.post(reverse("recommendations:meeting-person-remove", args=[slug, person.pk]))
    client.post(reverse("recommendations:meeting-document-remove", args=[slug, document.pk]))
    assert not meeting.persons.exists() and not meeting.documents.exists()


def test_a_refused_upload_is_shown_in_the_workspace(client, secretariat, meeting):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client.force_login(secretariat)
    response = client.post(
        reverse("recommendations:meeting-document-add", args=[meeting.slug]),
        {
            "document-kind": "agenda",
            "document-language": "fr",
            "document-visibility": "members",
            "document-file": SimpleUploadedFile("x.pdf", b"not a pdf at all"),
        },
    )
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert not meeting.documents.exists()


# --- The meeting's page and its documents ---------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_persons_names_are_shown_to_signed_in_users_only(client, users, workspace, role):
    response = as_role(client, users, role).get(workspace["meeting"].get_absolute_url())
    assert response.status_code == 200
    assert ("Awa Diop" in response.content.decode()) == (role != "anonymous")


@pytest.mark.parametrize(
    "role, may_download",
    [
        ("anonymous", False),
        # Experts are guests of the portal, not members of the group.
        ("expert", False),
        ("focal_point", True),
        ("supervisor", True),
        ("secretariat", True),
    ],
)
def test_members_only_documents_are_for_focal_points_secretariat_and_supervisors(
    client, users, workspace, role, may_download
):
    document = workspace["document"]
    assert document.visibility == "members"
    client = as_role(client, users, role)
    response = client.get(document.get_absolute_url())
    assert response.status_code == (200 if may_download else 404)
    if may_download:
        assert downloaded(response) == PDF_BYTES
        assert response["ETag"] and "private" in response["Cache-Control"]
    page = client.get(workspace["meeting"].get_absolute_url()).content.decode()
    assert (document.get_absolute_url() in page) == may_download


@pytest.mark.parametrize("role", ROLES)
def test_public_documents_download_for_everyone_with_validators(client, users, workspace, role):
    document = workspace["document"]
    services.meeting_document_change_visibility(
        document=document, user=users["secretariat"], visibility="public"
    )
    response = as_role(client, users, role).get(document.get_absolute_url())
    assert response.status_code == 200
    assert downloaded(response) == PDF_BYTES
    again = client.get(document.get_absolute_url(), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304


def test_a_document_of_another_meeting_is_not_found(client, secretariat, workspace):
    other = MeetingFactory(number=6, slug="gtr-6")
    client.force_login(secretariat)
    url = reverse("recommendations:meeting-document", args=[other.slug, workspace["document"].pk])
    assert client.get(url).status_code == 404


def test_anonymous_visitors_are_told_members_only_documents_exist(client, workspace):
    with translation.override("en"):
        url = workspace["meeting"].get_absolute_url()
    html = client.get(url).content.decode()
    assert "1 more document is for members of the group" in html


# --- What the meeting did: the review of earlier recommendations ----------------------------


def _accept(recommendation, *, as_of, status, progress, actor_code="SN"):
    from members.models import User

    user = User.objects.filter(role="secretariat").first()
    ProgressUpdate.objects.create(
        recommendation=recommendation,
        actor=actor(actor_code),
        submitted_by=user,
        as_of=as_of,
        narrative="…",
        progress=progress,
        proposed_status=status,
        state=ProgressUpdate.State.ACCEPTED,
        submitted_at=datetime.datetime(as_of.year, as_of.month, as_of.day, tzinfo=datetime.UTC),
    )


def test_review_shows_earlier_recommendations_in_their_state_at_the_meeting(secretariat):
    fifth = MeetingFactory(
        number=5,
        start_date=datetime.date(2019, 4, 24),
        end_date=datetime.date(2019, 4, 26),
    )
    sixth = MeetingFactory(
        number=6, start_date=datetime.date(2021, 5, 4), end_date=datetime.date(2021, 5, 6)
    )
    seventh = MeetingFactory(
        number=7, start_date=datetime.date(2023, 4, 25), end_date=datetime.date(2023, 4, 26)
    )
    old_done = make_recommendation(fifth, deadline=datetime.date(2020, 12, 31))
    old_open = make_recommendation(fifth, deadline=datetime.date(2020, 12, 31))
    recent = make_recommendation(sixth, deadline=datetime.date(2022, 12, 31))
    later = make_recommendation(seventh, deadline=datetime.date(2024, 12, 31))
    _accept(old_done, as_of=datetime.date(2020, 6, 1), status="implemented", progress=100)
    _accept(recent, as_of=datetime.date(2022, 1, 10), status="in_progress", progress=40)
    # Reported after the 7th meeting: not what the 7th meeting saw.
    _accept(recent, as_of=datetime.date(2023, 9, 1), status="implemented", progress=100)

    with CaptureQueriesContext(connection) as queries:
        review = selectors.meeting_review(meeting=seventh)
        rows = {row.recommendation: (row.status, row.progress) for row in review["page"]}
    assert len(queries) <= 5  # whatever the number of recommendations
    assert review["on"] == datetime.date(2023, 4, 25)
    # Adopted before the previous meeting and closed: no longer reviewed.
    assert old_done not in rows
    assert rows[old_open] == ("not_started", 0)
    assert rows[recent] == ("in_progress", 40)
    assert later not in rows  # adopted at the meeting itself


def test_review_takes_the_recorded_history_when_it_is_later(secretariat, meeting):
    recommendation = make_recommendation(meeting)
    next_meeting = MeetingFactory(
        number=6,
        start_date=datetime.date(2030, 1, 10),
        end_date=datetime.date(2030, 1, 11),
    )
    recommendation.set_status("cancelled", 0)
    recommendation.save()
    (row,) = selectors.meeting_review(meeting=next_meeting, today=datetime.date(2031, 1, 1))["page"]
    assert (row.recommendation, row.status) == (recommendation, "cancelled")


def test_meeting_page_has_a_constant_number_of_queries(client, secretariat, meeting):
    for _ in range(3):
        make_recommendation(meeting)
    later = MeetingFactory(
        number=6,
        start_date=datetime.date(2030, 1, 10),
        end_date=datetime.date(2030, 1, 11),
    )
    client.force_login(secretariat)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(later.get_absolute_url()).status_code == 200
        return len(queries)

    before = count()
    for _ in range(3):
        make_recommendation(meeting)
    services.meeting_person_add(meeting=later, user=secretariat, name="A", role="delegate")
    assert count() == before


def test_the_review_is_shown_in_english(client, meeting):
    make_recommendation(meeting)
    later = MeetingFactory(
        number=6,
        start_date=datetime.date(2030, 1, 10),
        end_date=datetime.date(2030, 1, 11),
    )
    with translation.override("en"):
        url = reverse("recommendations:meeting-review", args=[later.slug])
    html = client.get(url).content.decode()
    assert "Review of earlier recommendations" in html
    assert "with their state on" in html
    assert "GTR5-R01" in html


def test_participant_bodies_can_be_chosen(db):
    from recommendations.forms import MeetingParticipantsForm

    form = MeetingParticipantsForm()
    bodies = {a.body.code for a in form.fields["bodies"].queryset}
    assert "ROCB-WCA" in bodies
    assert Body.objects.filter(actor__isnull=False).count() == len(bodies)
    assert Actor.objects.filter(member__isnull=False).count() == len(
        form.fields["members"].queryset
    )


# --- The admin goes through the same services -----------------------------------------------


def _admin_post(**fields) -> dict:
    post = {
        "kind": "gtr",
        "number": "9",
        "slug": "gtr-9",
        "start_date": "2026-05-12",
        "end_date": "2026-05-14",
        "mode": "in_person",
        "city": "Lomé",
        "theme_fr": "Thème",
        "status": "held",
        "persons-TOTAL_FORMS": "0",
        "persons-INITIAL_FORMS": "0",
        "documents-TOTAL_FORMS": "0",
        "documents-INITIAL_FORMS": "0",
    }
    return post | fields


def test_admin_creates_a_meeting_and_uploads_through_the_services(client, secretariat):
    client.force_login(secretariat)
    response = client.post(
        "/fr/admin/recommendations/meeting/add/",
        _admin_post(
            **{
                "persons-TOTAL_FORMS": "1",
                "persons-0-name": "Kodjo Mensah",
                "persons-0-role": "chair",
                "documents-TOTAL_FORMS": "1",
                "documents-0-kind": "agenda",
                "documents-0-language": "fr",
                "documents-0-visibility": "public",
                "documents-0-file": pdf_upload("odj.pdf"),
            }
        ),
    )
    assert response.status_code == 302, response.content.decode()[-3000:]
    meeting = Meeting.objects.get(slug="gtr-9")
    document = meeting.documents.get()
    assert (document.uploaded_by, document.content_type, document.original_name) == (
        secretariat,
        "application/pdf",
        "odj.pdf",
    )
    assert meeting.persons.get().role == "chair"


def test_admin_refuses_two_chairs_and_a_held_meeting_to_come_with_a_message(client, secretariat):
    client.force_login(secretariat)
    future = (datetime.date.today() + datetime.timedelta(days=60)).isoformat()
    response = client.post(
        "/fr/admin/recommendations/meeting/add/",
        _admin_post(
            start_date=future,
            end_date=future,
            **{
                "persons-TOTAL_FORMS": "2",
                "persons-0-name": "A",
                "persons-0-role": "chair",
                "persons-1-name": "B",
                "persons-1-role": "chair",
            },
        ),
    )
    assert response.status_code == 200
    assert not Meeting.objects.exists()
    assert response.context["adminform"].form.errors["status"]


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_meeting_leads_to_its_review_of_earlier_recommendations_page_by_page(
    client, meeting, language
):
    """Issue 12: a meeting reviews every earlier recommendation still open (3 MB of page at
    10,000 recommendations): the meeting's page leads to a review of its own, paged."""
    for _ in range(51):
        make_recommendation(meeting)
    later = MeetingFactory(
        number=6, start_date=datetime.date(2030, 1, 10), end_date=datetime.date(2030, 1, 11)
    )
    with translation.override(language):
        meeting_url = later.get_absolute_url()
        review_url = reverse("recommendations:meeting-review", args=[later.slug])

    assert review_url in client.get(meeting_url).content.decode()
    first = client.get(review_url).content.decode()
    second = client.get(review_url + "?page=2").content.decode()

    assert first.count("<tr>") - 1 == 50
    assert second.count("<tr>") - 1 == 1
    assert {"fr": "51 recommandations examinées", "en": "51 recommendations under review"}[
        language
    ] in first
    assert {"fr": "Page 2 sur 2", "en": "Page 2 of 2"}[language] in second
    assert "adopted_before=2030-01-09" in first
