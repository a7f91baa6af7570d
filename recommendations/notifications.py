"""E-mails about progress updates, sent by the worker in the recipient's language."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string

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
    subject = render_to_string("recommendations/email/review_subject.txt", context).strip()
    EmailMultiAlternatives(
        subject=settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + subject,
        body=render_to_string("recommendations/email/review_message.txt", context),
        to=[recipient.email],
    ).send()
    return {"to": recipient.email, "action": event.action}
