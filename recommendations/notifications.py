"""E-mails about progress updates, sent by the worker in the recipient's language."""

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.urls import reverse

from gtr_portal.notifications.registry import notification_kind_register
from gtr_portal.notifications.services import each_language, notify
from members.models import FocalPoint, Role, User

from .models import UpdateEvent


def review_notice_send(*, event_id: int) -> dict:
    event = UpdateEvent.objects.select_related(
        "update__recommendation", "update__submitted_by", "by"
    ).get(pk=event_id)
    update = event.update
    recipient = update.submitted_by
    context = {
        "event": event,
        "update": update,
        "recommendation": update.recommendation,
        "user": recipient,
        "url": settings.SITE_URL.rstrip("/") + update.recommendation.get_absolute_url(),
    }
    # Rendered where every e-mail is (members.adapters): French typography in French.
    get_adapter().render_mail("recommendations/email/review", recipient.email, context).send()
    return {"to": recipient.email, "action": event.action}


# --- Notices in the portal (and by e-mail) through gtr_portal.notifications -----------------

ASSIGNMENT = "recommendations.assignment"
UPDATE_SUBMITTED = "recommendations.update_submitted"
OVERDUE = "recommendations.overdue"


def register_kinds() -> None:
    notification_kind_register(ASSIGNMENT, templates="recommendations/notifications/assignment")
    notification_kind_register(
        UPDATE_SUBMITTED,
        templates="recommendations/notifications/update_submitted",
        can_wait=True,  # each secretariat user chooses: at once or in the daily digest
    )
    # The overdue e-mail is the reminder (reminders.py, every 30 days); this is its trace in
    # the portal.
    notification_kind_register(
        OVERDUE, templates="recommendations/notifications/overdue", email=False
    )


def reporters_of(actor) -> list:
    """Who reports for an actor: the focal points of an administration, the users of a body
    (never its supervisors, who read and do not report)."""
    if actor.member_id:
        return [
            fp.user
            for fp in FocalPoint.objects.filter(administration_id=actor.member_id).select_related(
                "user"
            )
        ]
    return list(User.objects.filter(body_id=actor.body_id).exclude(role=Role.SUPERVISOR))


def _params(recommendation, link) -> dict:
    return {
        "reference": recommendation.reference,
        "title": each_language(lambda: recommendation.title),
        "actor": each_language(lambda: str(link.actor)),
        "deadline": recommendation.deadline,
        "lead": link.role == "lead",
        "calendar_path": reverse("recommendations:calendar"),
    }


def notify_assignment(*, recommendation) -> None:
    """Each actor's reporters learn that their administration or body has a new part to carry
    out, with the deadline and the calendar link."""
    for link in recommendation.actor_links.select_related("actor__member", "actor__body"):
        notify(
            recipients=reporters_of(link.actor),
            kind=ASSIGNMENT,
            params=_params(recommendation, link),
            url=recommendation.get_absolute_url(),
            subject=f"recommendations.actor:{link.pk}",
        )


def notify_update_submitted(*, update) -> None:
    recommendation = update.recommendation
    link = recommendation.actor_links.select_related("actor__member", "actor__body").get(
        actor_id=update.actor_id
    )
    notify(
        recipients=User.objects.filter(role=Role.SECRETARIAT, is_active=True),
        kind=UPDATE_SUBMITTED,
        params=_params(recommendation, link),
        url=f"{recommendation.get_absolute_url()}#update-{update.pk}",
        subject=f"recommendations.update:{update.pk}",
    )


def notify_overdue(*, recommendation, link, recipient) -> None:
    notify(
        recipients=[recipient],
        kind=OVERDUE,
        params=_params(recommendation, link),
        url=recommendation.get_absolute_url(),
        subject=f"recommendations.actor:{link.pk}",
    )
