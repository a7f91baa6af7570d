"""Writes: storing notices and sending them by e-mail (at once or in the daily digest), marking
them read, and each user's choice of how notices that can wait reach them.

Apps call `notify()` inside their own use cases; e-mails go out through the background job
machinery once the transaction commits, each in its recipient's language.
"""

from collections.abc import Callable, Iterable
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils import timezone, translation

from gtr_portal.core.content_cache import forget
from gtr_portal.jobs.services import JobAlreadyActive, job_enqueue

from .models import Notification, NotificationDigest, NotificationPreference
from .registry import get_kind
from .rendering import digest_email, neutral_path, notification_email
from .selectors import unread_count_key

EMAIL_JOB = "notifications.send_email"
DIGEST_JOB = "notifications.send_digest"
LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def each_language(text: Callable[[], object]) -> dict[str, str]:
    """`{"fr": ..., "en": ...}`: what `text()` gives in each language, for a notice's params
    (`each_language(lambda: practice.title)`); templates show it with `|localized`."""
    values = {}
    for code in LANGUAGE_CODES:
        with translation.override(code):
            values[code] = str(text())
    return values


def _language_of(user) -> str:
    language = getattr(user, "language", "") or settings.LANGUAGE_CODE
    return language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE


def notify(
    *,
    recipients: Iterable,
    kind: str,
    params: dict | None = None,
    url: str = "",
    subject: str = "",
) -> list[Notification]:
    """Tell each recipient (users; duplicates, None and inactive users are skipped) about an
    event: a row in the portal, and an e-mail at once or in the daily digest.

    `params` must be JSON (dates are stored as ISO strings); texts that depend on the language
    go as `each_language(...)`. `url` is the page the notice leads to, with or without its
    language prefix. `subject` names what the notice is about ("recommendations.actor:42"), for
    `selectors.last_notified_at()`, which tells reminders that repeat when they last went out.
    """
    registered = get_kind(kind)
    path = neutral_path(url)
    people = {user.pk: user for user in recipients if user is not None and user.is_active}
    if not people:
        return []
    daily: set[int] = set()
    if registered.can_wait:
        daily = set(
            NotificationPreference.objects.filter(
                user_id__in=people, frequency=NotificationPreference.Frequency.DAILY
            ).values_list("user_id", flat=True)
        )

    def delivery(user) -> str:
        if not (registered.email and user.email):
            return Notification.Delivery.PORTAL
        if user.pk in daily:
            return Notification.Delivery.DIGEST
        return Notification.Delivery.IMMEDIATE

    rows = [
        Notification(
            recipient=user,
            kind=kind,
            subject=subject,
            params=params or {},
            url=path,
            delivery=delivery(user),
        )
        for user in people.values()
    ]
    with transaction.atomic():
        created = Notification.objects.bulk_create(rows)
        for user_id in people:
            forget(unread_count_key(user_id))
        for notification in created:
            if notification.delivery == Notification.Delivery.IMMEDIATE:
                job_enqueue(
                    kind=EMAIL_JOB,
                    subject=f"notifications.notification:{notification.pk}",
                    language=_language_of(notification.recipient),
                    params={"notification_id": notification.pk},
                )
    return created


def notification_email_send(*, notification_id: int) -> dict:
    """Send one notice by e-mail now (in the worker), in its recipient's current language."""
    notification = (
        Notification.objects.select_related("recipient").filter(pk=notification_id).first()
    )
    if notification is None or notification.emailed_at is not None:
        return {"skipped": True}
    recipient = notification.recipient
    with translation.override(_language_of(recipient)):
        notification_email(notification).send()
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
    return {"to": recipient.email}


def digests_request(*, day: date | None = None) -> int:
    """Queue today's digest for every user who has notices waiting for it (Celery beat)."""
    day = day or timezone.localdate()
    waiting = (
        Notification.objects.filter(delivery=Notification.Delivery.DIGEST, emailed_at__isnull=True)
        .exclude(recipient__in=NotificationDigest.objects.filter(day=day).values("recipient"))
        .values_list("recipient_id", flat=True)
        .distinct()
    )
    queued = 0
    for user in get_user_model().objects.filter(pk__in=list(waiting), is_active=True):
        try:
            job_enqueue(
                kind=DIGEST_JOB,
                subject=f"notifications.digest:{user.pk}:{day.isoformat()}",
                language=_language_of(user),
                params={"user_id": user.pk, "day": day.isoformat()},
            )
        except JobAlreadyActive:
            continue
        queued += 1
    return queued


def digest_send(*, user_id: int, day: date) -> dict:
    """Send a user's digest of the day, at most once: the digest's row is unique per user and
    day, and it is written before the e-mail goes."""
    recipient = get_user_model().objects.get(pk=user_id)
    waiting = list(
        Notification.objects.filter(
            recipient=recipient, delivery=Notification.Delivery.DIGEST, emailed_at__isnull=True
        )
        .select_related("recipient")
        .order_by("created_at", "pk")
    )
    if not waiting:
        return {"sent": 0}
    try:
        with transaction.atomic():
            digest = NotificationDigest.objects.create(
                recipient=recipient, day=day, count=len(waiting)
            )
    except IntegrityError:
        return {"sent": 0, "already_sent": True}
    try:
        with translation.override(_language_of(recipient)):
            digest_email(recipient=recipient, notifications=waiting).send()
    except Exception:
        digest.delete()  # not sent: the retry may send it
        raise
    Notification.objects.filter(pk__in=[n.pk for n in waiting]).update(emailed_at=timezone.now())
    return {"sent": len(waiting), "to": recipient.email}


def notification_mark_read(*, notification: Notification) -> None:
    if notification.read_at is None:
        notification.read_at = timezone.now()
        Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
            read_at=notification.read_at
        )
        forget(unread_count_key(notification.recipient_id))


def notifications_mark_all_read(*, user) -> int:
    read = Notification.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    forget(unread_count_key(user.pk))
    return read


def preference_set(*, user, frequency: str) -> NotificationPreference:
    preference, _created = NotificationPreference.objects.update_or_create(
        user=user, defaults={"frequency": frequency}
    )
    preference.full_clean()
    return preference
