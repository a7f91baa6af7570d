"""Sessions: stored with a hashed key and their user, ended when idle or old, ended everywhere
when the user's password, role or active state changes, or when the user signs out.

`SESSION_ENGINE = "members.sessions"`. The portal runs under WSGI: only the synchronous
methods of Django's database store are adapted.
"""

import hashlib
import logging
import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.models import AnonymousUser
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

STARTED = "_started_at"
LAST_SEEN = "_last_seen_at"
# Recording the last activity saves the session; once a minute is precise enough.
LAST_SEEN_RESOLUTION_SECONDS = 60


def hashed(session_key: str | None) -> str | None:
    return hashlib.sha256(session_key.encode()).hexdigest() if session_key else session_key


class SessionStore(DatabaseSessionStore):
    @classmethod
    def get_model_class(cls):
        from .models import UserSession

        return UserSession

    def _get_session_from_db(self):
        try:
            return self.model.objects.get(
                session_key=hashed(self.session_key), expire_date__gt=timezone.now()
            )
        except self.model.DoesNotExist:
            self._session_key = None

    def exists(self, session_key):
        return self.model.objects.filter(session_key=hashed(session_key)).exists()

    def create_model_instance(self, data):
        instance = super().create_model_instance(data)
        instance.session_key = hashed(instance.session_key)
        instance.user_id = int(data[SESSION_KEY]) if data.get(SESSION_KEY) else None
        return instance

    def delete(self, session_key=None):
        session_key = session_key or self.session_key
        if session_key is not None:
            self.model.objects.filter(session_key=hashed(session_key)).delete()


def sessions_end(*, user, reason: str, request=None) -> int:
    """End every session of `user`, and record it in the security log when there were any.

    When `request` is the user's own (a password changed, one's own role changed), its session
    is not ended but moved to a new key: the request finishes normally, and whoever held the old
    key holds nothing."""
    from gtr_portal.audit.services import audit_record

    from .models import UserSession

    sessions = UserSession.objects.filter(user=user)
    own = getattr(request, "session", None) if request is not None else None
    if own is not None and own.session_key and getattr(request.user, "pk", None) == user.pk:
        own.cycle_key()  # a new row under a new key; the old row goes
        sessions = sessions.exclude(session_key=hashed(own.session_key))
    ended, _detail = sessions.delete()
    if ended:
        audit_record(
            kind="sessions_ended",
            target=user.email,
            details={"reason": reason, "sessions": ended},
        )
    return ended


def session_mark_started(session) -> None:
    now = int(time.time())
    session[STARTED] = now
    session[LAST_SEEN] = now


class SessionTimeoutMiddleware:
    """Ends a signed-in session idle for SESSION_IDLE_TIMEOUT_SECONDS or open for
    SESSION_ABSOLUTE_TIMEOUT_SECONDS, then sends the user to sign in again, back to the page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            ended = self._check(request)
            if ended:
                return ended
        return self.get_response(request)

    def _check(self, request):
        session = request.session
        now = int(time.time())
        started = session.setdefault(STARTED, now)
        last_seen = session.get(LAST_SEEN, now)
        if now - last_seen > settings.SESSION_IDLE_TIMEOUT_SECONDS:
            reason = "idle"
            message = _("You were signed out after %(minutes)s minutes without activity.") % {
                "minutes": settings.SESSION_IDLE_TIMEOUT_SECONDS // 60
            }
        elif now - started > settings.SESSION_ABSOLUTE_TIMEOUT_SECONDS:
            reason = "absolute"
            message = _("You were signed out: a session lasts at most %(hours)s hours.") % {
                "hours": settings.SESSION_ABSOLUTE_TIMEOUT_SECONDS // 3600
            }
        else:
            if now - last_seen >= LAST_SEEN_RESOLUTION_SECONDS or LAST_SEEN not in session:
                session[LAST_SEEN] = now
            return None
        return self._end(request, reason=reason, message=message)

    @staticmethod
    def _end(request, *, reason: str, message: str):
        from gtr_portal.audit.services import audit_record

        user = request.user
        audit_record(
            kind="session_expired", request=request, actor=user, details={"reason": reason}
        )
        # Not django.contrib.auth.logout's signal path: this is not the user signing out, and
        # their other sessions keep their own clocks.
        request.session.flush()
        request.user = AnonymousUser()
        messages.info(request, message + " " + _("Sign in again to continue."))
        login = redirect("account_login")
        if request.method == "GET":
            login["Location"] += "?" + urlencode({"next": request.get_full_path()})
        return login
