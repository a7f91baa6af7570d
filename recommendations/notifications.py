"""E-mails about progress updates, sent by the worker in the recipient's language."""

from allauth.account.adapter import get_adapter
from django.conf import settings

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
