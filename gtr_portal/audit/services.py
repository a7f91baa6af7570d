"""Writing to the security log. Any app calls `audit_record`; it never breaks the request."""

import logging
from typing import Any

from django.db import transaction
from django.http import HttpRequest

from .models import SecurityEvent

logger = logging.getLogger(__name__)

# Keys never stored in details, whatever a caller passes.
_SECRET_WORDS = ("password", "secret", "token", "csrf", "otp", "recovery")
_SECRET_KEYS = {"code", "codes", "key"}
_USER_AGENT_LENGTH = SecurityEvent._meta.get_field("user_agent").max_length
_TARGET_LENGTH = SecurityEvent._meta.get_field("target").max_length
_ATTEMPT_KINDS = {"login_failed", "login_throttled"}


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address, honouring ALLAUTH_TRUSTED_PROXY_COUNT like allauth's own limits."""
    if request is None:
        return None
    from allauth.core.internal.httpkit import get_client_ip

    try:
        return get_client_ip(request)
    except Exception:  # noqa: BLE001  (a bad X-Forwarded-For must not lose the event)
        return request.META.get("REMOTE_ADDR") or None


def _without_secrets(details: dict[str, Any] | None) -> dict[str, Any]:
    if not details:
        return {}
    cleaned = {}
    for key, value in details.items():
        name = str(key).lower()
        if name in _SECRET_KEYS or any(word in name for word in _SECRET_WORDS):
            continue
        cleaned[str(key)] = (
            value if isinstance(value, str | int | float | bool | None) else str(value)
        )
    return cleaned


def _request_user(request: HttpRequest | None):
    user = getattr(request, "user", None) if request is not None else None
    return user if user is not None and user.is_authenticated else None


def audit_record(
    *,
    kind: str,
    request: HttpRequest | None = None,
    actor=None,
    target: str = "",
    details: dict[str, Any] | None = None,
    actor_email: str = "",
) -> SecurityEvent | None:
    """Adds one event to the security log. `actor` defaults to the request's signed-in user;
    `actor_email` serves when there is no account (a failed sign-in with an unknown e-mail).

    Returns None, after logging, if the row could not be written: the log never breaks the
    request it records."""
    try:
        return _record(
            kind=kind,
            request=request,
            actor=actor,
            target=target,
            details=details,
            actor_email=actor_email,
        )
    except Exception:
        logger.exception("Could not record the security event %s", kind)
        return None


def _record(*, kind, request, actor, target, details, actor_email) -> SecurityEvent:
    if actor is None:
        actor = _request_user(request)
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    email = getattr(actor, "email", "") or actor_email or (details or {}).get("email") or ""
    if not email and kind in _ATTEMPT_KINDS and "@" in str(target):
        # A refused sign-in has no account: the identifier tried is who it was.
        email = str(target)
    email = str(email).strip()[:254]
    user_agent = ""
    if request is not None:
        user_agent = request.META.get("HTTP_USER_AGENT", "")[:_USER_AGENT_LENGTH]
    event = SecurityEvent(
        kind=kind,
        actor=actor if actor is not None and actor.pk else None,
        actor_email=email,
        ip_address=client_ip(request),
        user_agent=user_agent,
        target=str(target)[:_TARGET_LENGTH],
        details=_without_secrets(details),
    )
    # A savepoint: a failed insert must not spoil the caller's transaction.
    with transaction.atomic():
        event.save()
    return event


def audit_target(obj) -> str:
    """A stable reference to an object, such as "members.user:42"."""
    return f"{obj._meta.label_lower}:{obj.pk}"


def current_request() -> HttpRequest | None:
    """The request being served by this thread, when a model signal needs to know who acts.

    django-simple-history's HistoryRequestMiddleware keeps it, for its own "changed by".
    """
    from simple_history.models import HistoricalRecords

    return getattr(HistoricalRecords.context, "request", None)


def audit_prune(*, keep_days: int) -> int:
    """Deletes the events older than `keep_days` days; returns how many were deleted."""
    from datetime import timedelta

    from django.utils import timezone

    cutoff = timezone.now() - timedelta(days=keep_days)
    deleted, _by_model = SecurityEvent.objects.filter(occurred_at__lt=cutoff).delete()
    return deleted
