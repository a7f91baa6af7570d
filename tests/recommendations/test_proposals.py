"""Proposals to the Conference of Directors General: numbering, the way through the Committee of
Experts to the Conference's decision, its follow-up with the group as actor, who may do what,
in both languages, in a constant number of queries."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import translation

from gtr_portal.core.errors import DomainError
from members.models import Actor, Body
from recommendations.models import Proposal, Recommendation
from recommendations.services import (
    proposal_create,
    proposal_decide,
    proposal_follow_up_create,
    proposal_send,
    proposal_update,
)
from tests.factories import MeetingFactory

pytestmark = pytest.mark.django_db

DECISION_FR = "La Conférence adopte le plan et charge le GTR de sa mise en œuvre."


@pytest.fixture
def eighth(db):
    return MeetingFactory(
        number=8,
        slug="gtr-8",
        start_date=date(2025, 5, 14),
        end_date=date(2025, 5, 16),
        city="Libreville",
    )


@pytest.fixture
def conference(db):
    return MeetingFactory(
        kind="conference",
        number=None,
        slug="cdg-2025",
        start_date=date(2025, 9, 10),
        end_date=date(2025, 9, 12),
        city="Abidjan",
    )


def _propose(meeting, **texts):
    return proposal_create(
        meeting=meeting,
        title_fr=texts.get("title_fr", "Plan régional de développement des systèmes informatiques"),
        title_en=texts.get("title_en", "Regional IT systems development plan"),
        text_fr=texts.get("text_fr", "Le groupe propose d'adopter le plan régional."),
        text_en=texts.get("text_en", "The group proposes to adopt the regional plan."),
    )


def _sent(meeting):
    return proposal_send(proposal=_propose(meeting), sent_on=date(2025, 6, 2))


def _adopted(meeting, conference=None):
    return proposal_decide(
        proposal=_sent(meeting),
        outcome=Proposal.State.ADOPTED,
        decision_fr=DECISION_FR,
        decision_en="The Conference adopts the plan and tasks the GTR with carrying it out.",
        decided_on=date(2025, 9, 12),
        decision_reference="CDG/2025/07",
        conference=conference,
    )


def _follow_up(proposal, conference, **extra):
    return proposal_follow_up_create(
        proposal=proposal,
        conference=conference,
        title_fr="Mettre en œuvre le plan régional",
        title_en="Carry out the regional plan",
        text_fr=DECISION_FR,
        deadline=date(2026, 9, 30),
        **extra,
    )


# --- The group as a body ----------------------------------------------------------------


def test_the_group_is_a_body_that_can_be_an_actor():
    body = Body.objects.get(code="GTR")
    assert body.name_fr == "Groupe de Travail Régional (GTR) sur le développement Informatique"
    assert body.name_en == "Regional Working Group on ICT Development"
    assert Actor.objects.filter(body=body).exists()


# --- Model and services -----------------------------------------------------------------


def test_proposals_are_numbered_within_their_meeting(meeting, eighth):
    first, second = _propose(eighth), _propose(eighth)
    elsewhere = _propose(meeting)

    assert [first.reference, second.reference, elsewhere.reference] == [
        "GTR8-P01",
        "GTR8-P02",
        "GTR5-P01",
    ]
    assert first.state == Proposal.State.PROPOSED


def test_a_proposal_comes_from_a_meeting_of_the_group(conference):
    with pytest.raises(DomainError):
        _propose(conference)
    assert not Proposal.objects.exists()


def test_a_proposal_needs_its_french_text(eighth):
    with pytest.raises(ValidationError):
        _propose(eighth, title_fr="", text_fr="")


def test_the_database_refuses_a_duplicate_number_in_a_meeting(eighth):
    proposal = _propose(eighth)
    with pytest.raises(IntegrityError), transaction.atomic():
        Proposal.objects.create(
            meeting=eighth, sequence=proposal.sequence, reference="X-1", title_fr="x", text_fr="x"
        )


def test_the_database_refuses_a_decision_without_its_date_and_text(eighth):
    proposal = _sent(eighth)
    with pytest.raises(IntegrityError), transaction.atomic():
        Proposal.objects.filter(pk=proposal.pk).update(state=Proposal.State.ADOPTED)


def test_the_database_refuses_a_sent_proposal_without_its_date(eighth):
    proposal = _propose(eighth)
    with pytest.raises(IntegrityError), transaction.atomic():
        Proposal.objects.filter(pk=proposal.pk).update(state=Proposal.State.SENT)


def test_the_database_refuses_a_decision_before_the_sending(eighth):
    proposal = _adopted(eighth)
    with pytest.raises(IntegrityError), transaction.atomic():
        Proposal.objects.filter(pk=proposal.pk).update(decided_on=date(2025, 1, 1))


def test_the_database_refuses_a_follow_up_of_a_proposal_not_adopted(eighth, interconnection):
    proposal = _sent(eighth)
    with pytest.raises(IntegrityError), transaction.atomic():
        Proposal.objects.filter(pk=proposal.pk).update(follow_up=interconnection)


def test_a_proposal_goes_to_the_committee_of_experts_then_to_the_conference(eighth, conference):
    proposal = _sent(eighth)
    assert (proposal.state, proposal.sent_on) == (Proposal.State.SENT, date(2025, 6, 2))

    proposal = proposal_decide(
        proposal=proposal,
        outcome=Proposal.State.NOT_RETAINED,
        decision_fr="La Conférence ne retient pas la proposition.",
        decided_on=date(2025, 9, 12),
        conference=conference,
    )
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.NOT_RETAINED
    assert proposal.decision_fr == "La Conférence ne retient pas la proposition."
    assert proposal.conference == conference


def test_the_decision_cannot_be_recorded_before_the_proposal_is_sent(eighth):
    with pytest.raises(DomainError, match="Committee of Experts|comité des experts"):
        proposal_decide(
            proposal=_propose(eighth),
            outcome=Proposal.State.ADOPTED,
            decision_fr=DECISION_FR,
            decided_on=date(2025, 9, 12),
        )


def test_a_proposal_is_sent_once(eighth):
    proposal = _sent(eighth)
    with pytest.raises(DomainError):
        proposal_send(proposal=proposal, sent_on=date(2025, 6, 3))


def test_a_proposal_is_not_sent_before_its_meeting(eighth):
    with pytest.raises(DomainError):
        proposal_send(proposal=_propose(eighth), sent_on=date(2025, 1, 1))


def test_the_decision_is_recorded_once(eighth):
    proposal = _adopted(eighth)
    with pytest.raises(DomainError):
        proposal_decide(
            proposal=proposal,
            outcome=Proposal.State.NOT_RETAINED,
            decision_fr="Autre décision",
            decided_on=date(2025, 9, 13),
        )


@pytest.mark.parametrize("outcome", [Proposal.State.ADOPTED, Proposal.State.NOT_RETAINED])
def test_adopting_or_not_retaining_needs_the_text_of_the_decision(eighth, outcome):
    proposal = _sent(eighth)
    with pytest.raises(DomainError) as refused:
        proposal_decide(
            proposal=proposal, outcome=outcome, decision_fr="  ", decided_on=date(2025, 9, 12)
        )
    assert refused.value.field == "decision_fr"
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.SENT


def test_the_outcome_is_adopted_or_not_retained(eighth):
    with pytest.raises(DomainError):
        proposal_decide(
            proposal=_sent(eighth),
            outcome=Proposal.State.PROPOSED,
            decision_fr=DECISION_FR,
            decided_on=date(2025, 9, 12),
        )


def test_the_decision_comes_after_the_sending(eighth):
    with pytest.raises(DomainError) as refused:
        proposal_decide(
            proposal=_sent(eighth),
            outcome=Proposal.State.ADOPTED,
            decision_fr=DECISION_FR,
            decided_on=date(2025, 5, 1),
        )
    assert refused.value.field == "decided_on"


def test_the_decision_names_a_meeting_of_the_conference(eighth, meeting):
    with pytest.raises(DomainError):
        proposal_decide(
            proposal=_sent(eighth),
            outcome=Proposal.State.ADOPTED,
            decision_fr=DECISION_FR,
            decided_on=date(2025, 9, 12),
            conference=meeting,
        )


def test_an_adopted_decision_is_followed_as_a_recommendation_with_the_group_as_lead_actor(
    eighth, conference, secretariat
):
    proposal = _adopted(eighth)

    recommendation = _follow_up(proposal, conference, created_by=secretariat)

    proposal.refresh_from_db()
    assert proposal.follow_up == recommendation
    assert proposal.conference == conference
    assert recommendation.meeting == conference
    assert recommendation.reference == "CDG-2025-R01"
    leads = [link.actor for link in recommendation.actor_links.all() if link.role == "lead"]
    assert [actor.body.code for actor in leads] == ["GTR"]
    assert recommendation.proposal == proposal


def test_a_decision_without_a_deadline_is_followed_without_one(eighth, conference):
    recommendation = proposal_follow_up_create(
        proposal=_adopted(eighth),
        conference=conference,
        title_fr="Mettre en œuvre le plan régional",
        text_fr=DECISION_FR,
        deadline=None,
    )
    assert recommendation.deadline is None


def test_a_commission_can_carry_out_the_decision_for_the_group(eighth, conference):
    from commissions.models import TechnicalCommission

    commission = TechnicalCommission.objects.create(
        number=1, slug="ct-1", name_fr="Commission 1", mandate_fr="Mandat"
    )
    recommendation = _follow_up(_adopted(eighth), conference, commission=commission)
    assert recommendation.commission == commission


def test_a_decision_is_followed_once(eighth, conference):
    proposal = _adopted(eighth)
    _follow_up(proposal, conference)
    with pytest.raises(DomainError):
        _follow_up(proposal, conference)
    assert Recommendation.objects.filter(meeting=conference).count() == 1


def test_only_an_adopted_proposal_is_followed_up(eighth, conference):
    proposal = proposal_decide(
        proposal=_sent(eighth),
        outcome=Proposal.State.NOT_RETAINED,
        decision_fr="Non retenue.",
        decided_on=date(2025, 9, 12),
    )
    with pytest.raises(DomainError):
        _follow_up(proposal, conference)
    with pytest.raises(DomainError):
        _follow_up(_sent(eighth), conference)
    assert not Recommendation.objects.filter(meeting=conference).exists()


def test_the_follow_up_belongs_to_a_meeting_of_the_conference(eighth, conference, meeting):
    with pytest.raises(DomainError):
        _follow_up(_adopted(eighth), meeting)
    with pytest.raises(DomainError):
        _follow_up(_adopted(eighth, conference=conference), MeetingFactory(kind="conference"))


def test_editing_keeps_the_state_and_corrects_the_decision_once_decided(eighth):
    proposal = _adopted(eighth)
    proposal_update(
        proposal=proposal,
        title_fr="Titre corrigé",
        title_en="Corrected title",
        text_fr="Texte",
        text_en="Text",
        decision_fr="Décision corrigée",
        decision_reference="CDG/2025/08",
    )
    proposal.refresh_from_db()
    assert (proposal.title_en, proposal.decision_fr, proposal.decision_reference) == (
        "Corrected title",
        "Décision corrigée",
        "CDG/2025/08",
    )
    assert proposal.state == Proposal.State.ADOPTED


# --- Pages and who may open them --------------------------------------------------------

ROLES = ["anonymous", "expert", "fp_senegal", "supervisor", "secretariat"]


def _as(client, request, role):
    client.logout()
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    return client


@pytest.fixture
def proposals(eighth, conference):
    """One proposal at each step."""
    proposed = _propose(eighth)
    sent = _sent(eighth)
    adopted = _adopted(eighth, conference=conference)
    return {"proposed": proposed, "sent": sent, "adopted": adopted}


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("role", ROLES)
def test_everyone_reads_the_register_and_each_proposal(client, request, proposals, role, language):
    client = _as(client, request, role)
    response = client.get(f"/{language}/proposals/")
    assert response.status_code == 200
    for proposal in proposals.values():
        assert proposal.reference in response.content.decode()
        assert client.get(f"/{language}/proposals/{proposal.reference}/").status_code == 200


def _step_urls(proposals, language):
    proposed, sent = proposals["proposed"].reference, proposals["sent"].reference
    adopted = proposals["adopted"].reference
    with translation.override(language):
        return {
            "create": reverse("recommendations:proposal-create"),
            "edit": reverse("recommendations:proposal-edit", args=[sent]),
            "send": reverse("recommendations:proposal-send", args=[proposed]),
            "decide": reverse("recommendations:proposal-decide", args=[sent]),
            "follow-up": reverse("recommendations:proposal-follow-up", args=[adopted]),
        }


@pytest.mark.parametrize("language", ["fr", "en"])
@pytest.mark.parametrize("role", ROLES)
def test_only_the_secretariat_takes_the_steps(client, request, proposals, role, language):
    client = _as(client, request, role)
    for step, url in _step_urls(proposals, language).items():
        response = client.get(url)
        if role == "anonymous":
            assert response.status_code == 302, step
            assert "/login/" in response["Location"], step
        elif role == "secretariat":
            assert response.status_code == 200, step
        else:
            assert response.status_code == 403, (step, role)
        posted = client.post(url, {"title_fr": "x", "text_fr": "x", "sent_on": "2025-06-02"})
        assert posted.status_code in ((302, 200) if role == "secretariat" else (302, 403)), step
    if role != "secretariat":
        assert Proposal.objects.count() == 3
        assert Proposal.objects.filter(state=Proposal.State.PROPOSED).count() == 1


@pytest.mark.parametrize("role", ROLES)
def test_a_step_out_of_order_is_closed_even_to_the_secretariat(client, request, proposals, role):
    client = _as(client, request, role)
    closed = [
        reverse("recommendations:proposal-send", args=[proposals["sent"].reference]),
        reverse("recommendations:proposal-decide", args=[proposals["proposed"].reference]),
        reverse("recommendations:proposal-decide", args=[proposals["adopted"].reference]),
        reverse("recommendations:proposal-follow-up", args=[proposals["sent"].reference]),
    ]
    for url in closed:
        assert client.get(url).status_code == (302 if role == "anonymous" else 403), url


def test_an_unknown_reference_is_not_found(client):
    assert client.get("/fr/proposals/GTR9-P99/").status_code == 404


def test_the_steps_are_offered_to_the_secretariat_only(client, secretariat, expert, proposals):
    send = reverse("recommendations:proposal-send", args=[proposals["proposed"].reference])
    client.force_login(expert)
    assert send not in client.get(proposals["proposed"].get_absolute_url()).content.decode()
    client.force_login(secretariat)
    assert send in client.get(proposals["proposed"].get_absolute_url()).content.decode()


@pytest.mark.parametrize("language", ["fr", "en"])
def test_the_secretariat_records_a_proposal_in_either_language_and_keeps_both_texts(
    client, secretariat, eighth, language
):
    client.force_login(secretariat)
    response = client.post(
        f"/{language}/proposals/new/",
        {
            "meeting": eighth.pk,
            "title_fr": "Titre en français",
            "title_en": "Title in English",
            "text_fr": "Texte en français",
            "text_en": "Text in English",
        },
    )
    proposal = Proposal.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/{language}/proposals/GTR8-P01/"
    assert (proposal.title_fr, proposal.title_en) == ("Titre en français", "Title in English")
    assert (proposal.text_fr, proposal.text_en) == ("Texte en français", "Text in English")


def test_the_form_offers_the_meeting_it_was_opened_from(client, secretariat, eighth, meeting):
    client.force_login(secretariat)
    page = client.get("/fr/proposals/new/?meeting=gtr-8").content.decode()
    assert f'<option value="{eighth.pk}" selected>' in page


def test_the_secretariat_walks_a_proposal_to_its_follow_up(client, secretariat, eighth, conference):
    client.force_login(secretariat)
    proposal = _propose(eighth)
    url = proposal.get_absolute_url()

    client.post(f"{url}send/", {"sent_on": "2025-06-02"})
    refused = client.post(
        f"{url}decision/",
        {"outcome": "adopted", "decision_fr": "", "decided_on": "2025-09-12"},
    )
    assert refused.status_code == 200  # the form again, with its error
    client.post(
        f"{url}decision/",
        {
            "outcome": "adopted",
            "decision_fr": DECISION_FR,
            "decided_on": "2025-09-12",
            "decision_reference": "CDG/2025/07",
            "conference": conference.pk,
        },
    )
    form = client.get(f"{url}follow-up/")
    assert form.context["form"].initial["text_fr"] == DECISION_FR
    response = client.post(
        f"{url}follow-up/",
        {
            "conference": conference.pk,
            "title_fr": "Mettre en œuvre le plan régional",
            "text_fr": DECISION_FR,
            "deadline": "2026-09-30",
            "priority": "high",
        },
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.state == Proposal.State.ADOPTED
    assert proposal.follow_up.reference == "CDG-2025-R01"
    page = client.get(url).content.decode()
    assert proposal.follow_up.get_absolute_url() in page


@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_visitor_reads_the_decision_in_their_language(client, proposals, language):
    proposal = proposals["adopted"]
    page = client.get(f"/{language}/proposals/{proposal.reference}/").content.decode()
    assert "CDG/2025/07" in page
    if language == "fr":
        assert "La Conférence adopte le plan" in page
    else:
        assert "The Conference adopts the plan" in page


def test_the_register_filters_by_state_and_meeting(client, proposals, meeting):
    other = _propose(meeting)
    page = client.get("/fr/proposals/?state=sent").content.decode()
    assert proposals["sent"].reference in page
    assert proposals["proposed"].reference not in page
    page = client.get("/fr/proposals/?meeting=gtr-5").content.decode()
    assert other.reference in page
    assert proposals["sent"].reference not in page
    # An unknown state is ignored, as in a link someone copied.
    assert other.reference in client.get("/fr/proposals/?state=nonsense").content.decode()


def test_a_meeting_page_lists_its_proposals(client, proposals, eighth):
    page = client.get(f"/en/meetings/{eighth.slug}/").content.decode()
    for proposal in proposals.values():
        assert proposal.get_absolute_url().replace("/fr/", "/en/") in page
    assert "/en/proposals/?meeting=gtr-8" in page


def _many_proposals(count: int, conference) -> None:
    meetings = [MeetingFactory() for _ in range(3)]
    for index in range(count):
        proposal = _propose(meetings[index % 3])
        if index % 2:
            proposal = proposal_send(proposal=proposal, sent_on=date(2025, 6, 2))
        if index % 4 == 3:
            proposal = proposal_decide(
                proposal=proposal,
                outcome=Proposal.State.ADOPTED,
                decision_fr=DECISION_FR,
                decided_on=date(2025, 9, 12),
                conference=conference,
            )
            _follow_up(proposal, conference)


def _queries(client, url, django_assert_max_num_queries, limit) -> None:
    with django_assert_max_num_queries(limit):
        assert client.get(url).status_code == 200


def test_the_register_takes_a_constant_number_of_queries(
    client, secretariat, conference, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(secretariat)
    _many_proposals(3, conference)
    with CaptureQueriesContext(connection) as few:
        client.get("/fr/proposals/")
    _many_proposals(40, conference)
    # 25 rows on the page, followed up or not: as many queries as with 3.
    _queries(client, "/fr/proposals/", django_assert_max_num_queries, len(few))
    _queries(client, "/fr/proposals/?page=2", django_assert_max_num_queries, len(few))


def test_a_meeting_page_lists_its_proposals_in_one_query(
    client, eighth, conference, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _propose(eighth)
    with CaptureQueriesContext(connection) as few:
        client.get("/fr/meetings/gtr-8/")
    for _ in range(15):
        _follow_up(
            proposal_decide(
                proposal=_sent(eighth),
                outcome=Proposal.State.ADOPTED,
                decision_fr=DECISION_FR,
                decided_on=date(2025, 9, 12),
            ),
            conference,
        )
    _queries(client, "/fr/meetings/gtr-8/", django_assert_max_num_queries, len(few))


def test_the_admin_records_a_proposal_through_the_same_service(client, secretariat, eighth):
    client.force_login(secretariat)
    response = client.post(
        "/fr/admin/recommendations/proposal/add/",
        {"meeting": eighth.pk, "title_fr": "Par l'admin", "text_fr": "Texte", "title_en": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    proposal = Proposal.objects.get()
    assert proposal.reference == "GTR8-P01"
    change = client.get(f"/fr/admin/recommendations/proposal/{proposal.pk}/change/")
    assert change.status_code == 200
    assert "GTR8-P01" in change.content.decode()
