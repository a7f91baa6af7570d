"""Recommendations led by the ROCB or another body have someone who reports on them."""

from datetime import date

import pytest
from django.core import mail

from gtr_portal.core.errors import DomainError
from members.models import Body, Role
from members.services import user_invite
from recommendations import services
from recommendations.reminders import reminders_send
from tests.factories import UserFactory, make_recommendation


@pytest.fixture
def rocb_reporter(db):
    return UserFactory(
        role=Role.BODY_REPORTER, email="rocb@gtr.test", body=Body.objects.get(code="ROCB-WCA")
    )


@pytest.mark.django_db
def test_the_rocbs_reporter_reports_on_its_own_part_only(meeting, rocb_reporter, secretariat):
    dashboard_model = make_recommendation(meeting, lead=("ROCB-WCA",), others=("CI", "GM"))

    update = services.update_submit(
        recommendation=dashboard_model,
        user=rocb_reporter,
        as_of=date(2026, 11, 1),
        narrative="Le modèle de tableau de bord est en cours de rédaction.",
        progress=30,
        proposed_status="in_progress",
    )
    services.update_accept(update=update, reviewer=secretariat)

    parts = {
        link.actor.body_id and link.actor.body.code or link.actor.member.iso2: link.status
        for link in dashboard_model.actor_links.select_related("actor__body", "actor__member")
    }
    assert parts == {"ROCB-WCA": "in_progress", "CI": "not_started", "GM": "not_started"}


@pytest.mark.django_db
def test_a_bodys_reporter_cannot_report_where_its_body_is_no_actor(meeting, rocb_reporter):
    senegal_only = make_recommendation(meeting, lead=("SN",))

    with pytest.raises(DomainError):
        services.update_submit(
            recommendation=senegal_only,
            user=rocb_reporter,
            as_of=date(2026, 11, 1),
            narrative="…",
            progress=10,
            proposed_status="in_progress",
        )


@pytest.mark.django_db
def test_a_bodys_reporter_gets_its_bodys_reminders(meeting, rocb_reporter):
    make_recommendation(meeting, lead=("ROCB-WCA",), deadline=date(2026, 12, 10))

    reminders_send(today=date(2026, 11, 28))

    assert [m.to for m in mail.outbox] == [["rocb@gtr.test"]]


@pytest.mark.django_db
def test_a_reporter_for_a_body_is_invited_with_its_body(secretariat):
    with pytest.raises(DomainError):
        user_invite(
            invited_by=secretariat,
            email="partner@gtr.test",
            first_name="A",
            last_name="B",
            role=Role.BODY_REPORTER,
            language="fr",
        )
