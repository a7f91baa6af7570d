"""The daily beat task reminds the actors' focal points 30 and 7 days before a deadline and once
when it is overdue, in their language, each reminder at most once however often it runs."""

from collections import Counter
from datetime import date, timedelta

import pytest
from django.core import mail

from recommendations.models import ReminderSent
from recommendations.reminders import reminder_kind
from recommendations.tasks import send_deadline_reminders, send_weekly_digest
from tests.factories import FocalPointFactory, make_recommendation


@pytest.mark.parametrize(
    ("days_left", "kind"),
    [(45, None), (30, "d30"), (8, "d30"), (7, "d7"), (0, "d7"), (-1, "overdue")],
)
def test_which_reminder_is_due(days_left, kind):
    today = date(2026, 11, 23)

    assert reminder_kind(deadline=today + timedelta(days=days_left), today=today) == kind


@pytest.mark.django_db
def test_running_the_beat_task_twice_a_day_over_two_months_sends_each_reminder_once(
    freezer, meeting, fp_senegal, fp_nigeria
):
    recommendation = make_recommendation(
        meeting, lead=("SN",), others=("NG",), deadline=date(2026, 12, 31)
    )
    already_done = make_recommendation(
        meeting, lead=("SN",), deadline=date(2026, 12, 20), status="implemented", progress=100
    )

    day = date(2026, 11, 15)
    while day <= date(2027, 1, 15):
        freezer.move_to(day.isoformat())
        send_deadline_reminders()
        send_deadline_reminders()
        day += timedelta(days=1)

    sent = Counter((m.to[0], m.subject) for m in mail.outbox)
    assert all(count == 1 for count in sent.values())
    assert len(mail.outbox) == 6, "30 days, 7 days and overdue, for each of the two focal points"
    kinds = set(ReminderSent.objects.values_list("recipient__email", "kind"))
    assert kinds == {
        (user.email, kind) for user in (fp_senegal, fp_nigeria) for kind in ("d30", "d7", "overdue")
    }
    assert not ReminderSent.objects.filter(recommendation=already_done).exists()
    assert recommendation.reference in mail.outbox[0].subject


@pytest.mark.django_db
def test_reminders_are_written_in_each_recipients_language(
    freezer, meeting, fp_senegal, fp_nigeria
):
    make_recommendation(meeting, lead=("SN",), others=("NG",), deadline=date(2026, 11, 30))
    freezer.move_to("2026-11-25")

    send_deadline_reminders()

    by_recipient = {m.to[0]: m for m in mail.outbox}
    assert "/en/recommendations/" in by_recipient[fp_nigeria.email].body
    assert "/fr/recommendations/" in by_recipient[fp_senegal.email].body
    assert "Deadline in 7 days or less" in by_recipient[fp_nigeria.email].subject
    assert by_recipient[fp_senegal.email].subject != by_recipient[fp_nigeria.email].subject


@pytest.mark.django_db
def test_a_reminder_that_failed_to_send_is_tried_again_the_next_run(freezer, meeting, fp_senegal):
    from unittest import mock

    make_recommendation(meeting, lead=("SN",), deadline=date(2026, 12, 1))
    freezer.move_to("2026-11-25")

    with mock.patch(
        "django.core.mail.EmailMultiAlternatives.send", side_effect=OSError("smtp down")
    ):
        assert send_deadline_reminders() == {"sent": 0, "failed": 1}
    assert send_deadline_reminders() == {"sent": 1, "failed": 0}
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_inactive_users_and_supervisors_get_no_reminder(freezer, meeting, supervisor):
    gone = FocalPointFactory(iso2="GH").user
    gone.is_active = False
    gone.save()
    make_recommendation(meeting, lead=("GH", "ROCB-WCA"), deadline=date(2026, 12, 1))
    freezer.move_to("2026-11-25")

    send_deadline_reminders()

    assert mail.outbox == []


@pytest.mark.django_db
def test_the_secretariat_gets_one_weekly_digest_of_overdue_recommendations(
    freezer, meeting, secretariat
):
    late = make_recommendation(meeting, lead=("SN",), deadline=date(2026, 1, 31))
    freezer.move_to("2026-11-23")

    assert send_weekly_digest() == 1
    assert send_weekly_digest() == 0
    freezer.move_to("2026-11-30")
    assert send_weekly_digest() == 1

    assert len(mail.outbox) == 2
    assert late.reference in mail.outbox[0].body
    assert mail.outbox[0].to == [secretariat.email]


def test_the_beat_schedule_runs_the_reminders_daily_and_the_digest_weekly(settings):
    schedule = settings.CELERY_BEAT_SCHEDULE

    assert schedule["deadline-reminders"]["task"] == "recommendations.tasks.send_deadline_reminders"
    assert schedule["weekly-digest"]["task"] == "recommendations.tasks.send_weekly_digest"


@pytest.mark.django_db
def test_an_overdue_reminder_comes_back_every_30_days_until_the_actors_part_is_done(
    meeting, fp_senegal, fp_nigeria
):
    from recommendations.reminders import reminders_send
    from recommendations.services import recommendation_follow_actors

    recommendation = make_recommendation(meeting, lead=("SN", "NG"), deadline=date(2026, 1, 31))

    def overdue_mails_on(day):
        mail.outbox.clear()
        reminders_send(today=day)
        return sorted(m.to[0] for m in mail.outbox)

    assert overdue_mails_on(date(2026, 2, 1)) == ["fp-ng@gtr.test", "fp-sn@gtr.test"]
    assert overdue_mails_on(date(2026, 2, 15)) == []
    assert overdue_mails_on(date(2026, 3, 3)) == ["fp-ng@gtr.test", "fp-sn@gtr.test"]

    recommendation.actor_links.filter(actor__member__iso2="SN").update(
        status="implemented", progress=100
    )
    recommendation_follow_actors(recommendation=recommendation, user=None, on=date(2026, 3, 20))
    recommendation.refresh_from_db()
    assert recommendation.status == "partially_implemented"
    assert overdue_mails_on(date(2026, 4, 2)) == ["fp-ng@gtr.test"]
