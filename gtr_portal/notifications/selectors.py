"""Reads: a user's own notices only, whoever asks for them."""

from datetime import datetime

from django.db.models import QuerySet

from gtr_portal.core.content_cache import kept_until_changed

from .models import Notification, NotificationPreference


def notification_list(*, for_user) -> QuerySet[Notification]:
    return (
        Notification.objects.filter(recipient_id=for_user.pk)
        .select_related("recipient")  # templates may address the reader
        .order_by("-created_at", "-pk")
    )


def notification_get(*, for_user, pk: int) -> Notification:
    """Raises Notification.DoesNotExist for another user's notice as for a missing one."""
    return notification_list(for_user=for_user).get(pk=pk)


def last_notified_at(*, kind: str, subject: str) -> datetime | None:
    """When a notice of this kind about this subject last went out (to anyone), if ever."""
    return (
        Notification.objects.filter(kind=kind, subject=subject)
        .order_by("-created_at")
        .values_list("created_at", flat=True)
        .first()
    )


def unread_count_key(user_id: int) -> str:
    return f"unread-notifications:{user_id}"


def unread_count(*, for_user) -> int:
    """Shown in the menu of every page: kept until a notice reaches or is read by the user."""
    return kept_until_changed(
        unread_count_key(for_user.pk),
        lambda: Notification.objects.filter(recipient_id=for_user.pk, read_at__isnull=True).count(),
    )


def preference_get(*, for_user) -> str:
    frequency = (
        NotificationPreference.objects.filter(user_id=for_user.pk)
        .values_list("frequency", flat=True)
        .first()
    )
    return frequency or NotificationPreference.Frequency.IMMEDIATE
