"""Deadline reminders and the weekly digest. Each e-mail is recorded before it goes out, under a
unique constraint, so a repeated or retried run never sends it twice."""

import logging
from dataclasses import dataclass
from datetime import date

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone, translation

from members.models import FocalPoint, Role, User

from .models import OPEN_STATUSES, DigestSent, Recommendation, RecommendationActor, ReminderSent
from .notifications import notify_overdue

logger = logging.getLogger(__name__)
Kind = ReminderSent.Kind


def reminder_kind(*, deadline: date, today: date) -> str | None:
    """Which reminder is due: within 30 days, within 7 days, or past the deadline. A day the
    task did not run is caught up the next day."""
    days_left = (deadline - today).days
    if days_left < 0:
        return Kind.OVERDUE
    if days_left <= 7:
        return Kind.DAYS_7
    if days_left <= 30:
        return Kind.DAYS_30
    return None


OVERDUE_REPEAT_DAYS = 30


def reminder_round(*, kind: str, deadline: date, today: date) -> int:
    """Which repetition of the reminder is due: an overdue reminder comes back every 30 days
    (round 0 the day after the deadline, round 1 thirty days later...); the others come once."""
    if kind != Kind.OVERDUE:
        return 0
    return ((today - deadline).days - 1) // OVERDUE_REPEAT_DAYS


def _recipients(recommendation: Recommendation) -> list[tuple[User, RecommendationActor]]:
    """Focal points of actor administrations and users of actor bodies (not supervisors), for
    the actors whose own part is not done yet: an actor that has implemented is left in peace.
    Each with the part it reports on."""
    people: dict[int, tuple[User, RecommendationActor]] = {}
    for link in recommendation.actor_links.all():
        if link.is_done:
            continue
        if link.actor.member_id:
            for focal_point in link.actor.member.focal_points.all():
                people.setdefault(focal_point.user.pk, (focal_point.user, link))
        else:
            for user in link.actor.body.users.all():
                people.setdefault(user.pk, (user, link))
    return [
        (user, link)
        for user, link in people.values()
        if user.is_active and user.role != Role.SUPERVISOR
    ]


def _absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def _send(*, template: str, recipient: User, context: dict) -> None:
    with translation.override(recipient.language):
        context = {**context, "user": recipient}
        # Rendered where every e-mail is (members.adapters): French typography in French.
        get_adapter().render_mail(
            f"recommendations/email/{template}", recipient.email, context
        ).send()


def _record_once(model, **fields) -> object | None:
    try:
        with transaction.atomic():
            return model.objects.create(**fields)
    except IntegrityError:
        return None


@dataclass
class ReminderOutcome:
    sent: int = 0
    failed: int = 0


def reminders_send(*, today: date | None = None) -> ReminderOutcome:
    today = today or timezone.localdate()
    horizon = date.fromordinal(today.toordinal() + 30)
    active_users = User.objects.filter(is_active=True)
    candidates = (
        Recommendation.objects.filter(status__in=OPEN_STATUSES, deadline__lte=horizon)
        .select_related("meeting")
        .prefetch_related(
            Prefetch(
                "actor_links",
                queryset=RecommendationActor.objects.select_related(
                    "actor__member", "actor__body"
                ).prefetch_related(
                    Prefetch(
                        "actor__member__focal_points",
                        queryset=FocalPoint.objects.select_related("user"),
                    ),
                    Prefetch("actor__body__users", queryset=active_users),
                ),
            )
        )
    )
    already = set(
        ReminderSent.objects.filter(recommendation__in=candidates).values_list(
            "recommendation_id", "kind", "round", "recipient_id"
        )
    )
    outcome = ReminderOutcome()
    for recommendation in candidates:
        kind = reminder_kind(deadline=recommendation.deadline, today=today)
        repeat = reminder_round(kind=kind, deadline=recommendation.deadline, today=today)
        for recipient, link in _recipients(recommendation):
            if (recommendation.pk, kind, repeat, recipient.pk) in already:
                continue
            record = _record_once(
                ReminderSent,
                recommendation=recommendation,
                kind=kind,
                round=repeat,
                recipient=recipient,
            )
            if record is None:
                continue
            try:
                _send(
                    template="reminder",
                    recipient=recipient,
                    context={
                        "recommendation": recommendation,
                        "kind": kind,
                        "days_left": (recommendation.deadline - today).days,
                        "days_overdue": (today - recommendation.deadline).days,
                        "url": _absolute(_localized(recipient, recommendation.get_absolute_url)),
                        "mine_url": _absolute(
                            _localized(recipient, lambda: reverse("recommendations:my-actions"))
                        ),
                    },
                )
            except Exception:
                logger.exception(
                    "Reminder %s to %s failed; it will be tried again", kind, recipient
                )
                record.delete()
                outcome.failed += 1
            else:
                outcome.sent += 1
                if kind == Kind.OVERDUE:
                    notify_overdue(recommendation=recommendation, link=link, recipient=recipient)
    return outcome


def _localized(user: User, build) -> str:
    with translation.override(user.language):
        return build()


def digest_send(*, today: date | None = None) -> int:
    """The weekly list of overdue recommendations, for the secretariat."""
    today = today or timezone.localdate()
    year, week, _ = today.isocalendar()
    label = f"{year}-W{week:02d}"
    overdue = list(
        Recommendation.objects.filter(status__in=OPEN_STATUSES, deadline__lt=today)
        .select_related("meeting")
        .prefetch_related("actor_links__actor__member", "actor_links__actor__body")
        .order_by("deadline")
    )
    sent = 0
    for recipient in User.objects.filter(
        Q(role=Role.SECRETARIAT) | Q(is_superuser=True), is_active=True
    ):
        record = _record_once(DigestSent, week=label, recipient=recipient)
        if record is None:
            continue
        try:
            _send(
                template="digest",
                recipient=recipient,
                context={
                    "overdue": overdue,
                    "today": today,
                    "week": label,
                    "list_url": _absolute(
                        _localized(
                            recipient, lambda: reverse("recommendations:recommendation-list")
                        )
                    )
                    + "?overdue=on",
                },
            )
        except Exception:
            logger.exception("Weekly digest to %s failed; it will be tried again", recipient)
            record.delete()
        else:
            sent += 1
    return sent
