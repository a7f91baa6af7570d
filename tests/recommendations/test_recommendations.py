from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from gtr_portal.core.errors import DomainError
from recommendations.models import Recommendation
from recommendations.selectors import recommendation_queryset
from tests.factories import MeetingFactory, actor, make_recommendation


@pytest.mark.django_db
def test_references_are_stable_and_numbered_within_their_meeting(meeting):
    first = make_recommendation(meeting)
    second = make_recommendation(meeting)
    elsewhere = make_recommendation(MeetingFactory(number=8, slug="gtr-8"))

    assert [first.reference, second.reference, elsewhere.reference] == [
        "GTR5-R01",
        "GTR5-R02",
        "GTR8-R01",
    ]


@pytest.mark.django_db
def test_the_database_refuses_a_duplicate_reference(interconnection):
    with pytest.raises(IntegrityError), transaction.atomic():
        Recommendation.objects.create(
            reference=interconnection.reference,
            meeting=interconnection.meeting,
            sequence=99,
            title_fr="x",
            text_fr="x",
            deadline=date(2026, 1, 1),
        )


@pytest.mark.django_db
def test_a_deadline_before_the_meeting_is_refused(meeting):
    with pytest.raises(ValidationError) as refusal:
        make_recommendation(meeting, deadline=meeting.start_date - timedelta(days=1))

    assert "deadline" in refusal.value.message_dict


@pytest.mark.django_db
def test_a_recommendation_needs_a_lead_actor(meeting):
    with pytest.raises(DomainError):
        make_recommendation(meeting, lead=())


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("status", "progress"),
    [("not_started", 10), ("implemented", 90), ("partially_implemented", 0), ("in_progress", 100)],
)
def test_the_database_refuses_a_status_that_contradicts_the_progress(
    interconnection, status, progress
):
    with pytest.raises(IntegrityError), transaction.atomic():
        Recommendation.objects.filter(pk=interconnection.pk).update(
            status=status, progress=progress
        )


@pytest.mark.django_db
def test_the_database_refuses_a_progress_above_100(interconnection):
    with pytest.raises(IntegrityError), transaction.atomic():
        Recommendation.objects.filter(pk=interconnection.pk).update(
            status="cancelled", progress=101
        )


@pytest.mark.django_db
def test_a_superseded_recommendation_names_its_successor(meeting, interconnection):
    successor = make_recommendation(meeting)
    with pytest.raises(IntegrityError), transaction.atomic():
        Recommendation.objects.filter(pk=interconnection.pk).update(status="superseded")

    Recommendation.objects.filter(pk=interconnection.pk).update(
        status="superseded", superseded_by=successor
    )


@pytest.mark.django_db
def test_overdue_is_derived_from_the_deadline_and_the_status(meeting):
    late = make_recommendation(meeting, deadline=date(2025, 1, 1))
    done_late = make_recommendation(
        meeting, deadline=date(2025, 1, 1), status="implemented", progress=100
    )
    on_time = make_recommendation(meeting, deadline=date(2027, 1, 1))

    overdue = dict(
        recommendation_queryset(today=date(2026, 6, 1)).values_list("reference", "overdue")
    )

    assert overdue == {late.reference: True, done_late.reference: False, on_time.reference: False}
    assert late.is_overdue(date(2026, 6, 1)) and not done_late.is_overdue(date(2026, 6, 1))


@pytest.mark.django_db
def test_the_recommendation_page_shows_text_actors_deadline_and_time_left(client, interconnection):
    page = client.get(f"/en/recommendations/{interconnection.reference}/").content.decode()

    assert "Interconnect the systems" in page
    assert "Senegal" in page and "Nigeria" in page
    assert "days left" in page or "days overdue" in page


@pytest.mark.django_db
def test_the_french_text_is_shown_when_the_english_is_missing(client, meeting):
    recommendation = make_recommendation(meeting, title_en="", text_en="")

    page = client.get(f"/en/recommendations/{recommendation.reference}/").content.decode()

    assert "Interconnecter les systèmes" in page


@pytest.mark.django_db
def test_an_unknown_reference_is_not_found(client):
    assert client.get("/fr/recommendations/GTR99-R99/").status_code == 404


@pytest.mark.django_db
def test_each_change_is_kept_in_the_history_with_its_author(interconnection, secretariat):
    interconnection.status, interconnection.progress = "in_progress", 30
    interconnection._history_user = secretariat
    interconnection.save()

    latest = interconnection.history.latest()
    assert (latest.status, latest.progress, latest.history_user) == ("in_progress", 30, secretariat)
    assert interconnection.history.count() == 2


@pytest.mark.django_db
def test_the_meeting_page_shows_its_theme_participants_and_recommendations(client, interconnection):
    meeting = interconnection.meeting
    meeting.participants.set([actor("SN"), actor("UNCTAD")])

    page = client.get("/en/meetings/gtr-5/").content.decode()

    assert "Test theme" in page
    assert interconnection.reference in page
    assert "Senegal" in page and "United Nations Conference" in page


@pytest.mark.django_db
def test_the_meeting_list_separates_upcoming_and_past_meetings(client):
    MeetingFactory(
        number=20,
        slug="gtr-20",
        start_date=date(2099, 1, 1),
        end_date=date(2099, 1, 2),
        status="planned",
    )
    MeetingFactory(number=4, slug="gtr-4")

    page = client.get("/fr/meetings/").content.decode()

    assert page.index("gtr-20") < page.index("gtr-4")


@pytest.mark.django_db
def test_past_meetings_are_paged_latest_first_at_a_constant_cost(
    client, django_assert_max_num_queries
):
    """Issue 12: the unpaged list grew from 48 to 350 ms with the data."""
    for number in range(1, 31):
        day = date(1990 + number, 5, 14)  # all before today
        MeetingFactory(number=number, slug=f"gtr-{number}", start_date=day, end_date=day)
    client.get("/fr/meetings/")

    with django_assert_max_num_queries(8):
        first = client.get("/fr/meetings/").content.decode()
    second = client.get("/en/meetings/?page=2").content.decode()

    assert "/fr/meetings/gtr-30/" in first and "/fr/meetings/gtr-6/" in first
    assert "/fr/meetings/gtr-5/" not in first
    assert "/en/meetings/gtr-5/" in second and "/en/meetings/gtr-1/" in second
    assert "Page 2 of 2" in second


def admin_form(meeting, **overrides):
    data = {
        "reference": "",
        "meeting": meeting.pk,
        "title_fr": "Déployer le guichet unique",
        "title_en": "Deploy the single window",
        "text_fr": "Texte de la recommandation.",
        "text_en": "Text of the recommendation.",
        "deadline": "2026-12-31",
        "priority": "high",
        "status": "not_started",
        "progress": "0",
        "actor_links-TOTAL_FORMS": "1",
        "actor_links-INITIAL_FORMS": "0",
        "actor_links-MIN_NUM_FORMS": "0",
        "actor_links-MAX_NUM_FORMS": "1000",
        "actor_links-0-actor": actor("SN").pk,
        "actor_links-0-role": "lead",
    }
    data.update(overrides)
    return data


@pytest.mark.django_db
def test_the_secretariat_adds_a_recommendation_in_the_back_office_and_it_is_numbered(
    client, secretariat, meeting
):
    client.force_login(secretariat)

    response = client.post("/fr/admin/recommendations/recommendation/add/", admin_form(meeting))

    assert response.status_code == 302
    recommendation = Recommendation.objects.get()
    assert recommendation.reference == "GTR5-R01"
    assert recommendation.history.get().history_user == secretariat


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("reference", "GTR5-R01"),
        ("deadline", "2020-01-01"),
        ("status", "implemented"),  # follows the actors: never typed in
        ("actor_links-0-role", "associated"),  # no lead actor
    ],
)
def test_bad_input_in_the_back_office_is_refused_and_what_was_typed_is_kept(
    client, secretariat, interconnection, field, value
):
    client.force_login(secretariat)

    response = client.post(
        "/fr/admin/recommendations/recommendation/add/",
        admin_form(interconnection.meeting, **{field: value, "title_fr": "Mon titre tapé"}),
    )

    assert response.status_code == 200
    assert "Mon titre tapé" in response.content.decode()
    assert "errornote" in response.content.decode()
    assert Recommendation.objects.count() == 1


@pytest.mark.django_db
def test_generated_data_is_the_same_for_the_same_seed():
    from recommendations.generator import generate

    def run():
        counts = generate(
            meetings=2,
            per_meeting=5,
            updates_per=2,
            seed=11,
            start_number=500,
            today=date(2026, 11, 23),
        )
        rows = list(
            Recommendation.objects.order_by("reference").values_list(
                "reference", "title_fr", "status", "progress", "deadline"
            )
        )
        Recommendation.objects.all().delete()
        from recommendations.models import Meeting

        Meeting.objects.filter(number__gte=500).delete()
        return counts, rows

    assert run() == run()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_new_recommendation_takes_the_next_number_of_its_meeting_and_never_a_used_reference(
    meeting, language
):
    from django.utils import translation

    from recommendations.services import recommendation_number

    first, second = make_recommendation(meeting), make_recommendation(meeting)

    assert (first.sequence, first.reference) == (1, "GTR5-R01")
    assert (second.sequence, second.reference) == (2, "GTR5-R02")
    assert recommendation_number(meeting=meeting) == (3, "GTR5-R03")
    assert recommendation_number(meeting=meeting, reference="GTR5-SPECIAL") == (3, "GTR5-SPECIAL")
    with translation.override(language), pytest.raises(DomainError) as refused:
        recommendation_number(meeting=meeting, reference="GTR5-R02")
    assert (
        str(refused.value.message)
        == {
            "fr": "La référence GTR5-R02 est déjà utilisée.",
            "en": "The reference GTR5-R02 is already used.",
        }[language]
    )
