"""Sign-in throttling that strangers cannot turn against a user.

Failed sign-ins are counted per client address and per (client address, account). Past a limit
the count pauses further attempts, 1 minute at first, doubling with each new failure up to an
hour, and the attempt answers 429. Nothing is ever counted per account alone: failures from one
address never lock an account for everyone else. The client address is the connection's own,
or the one the trusted proxies report (TRUSTED_PROXY_COUNT), through allauth's reading of it.

Counters live in the cache. When Redis is down the cache falls back to each process's memory
(gtr_portal.core.cache): throttling stays on, per process, until Redis is back.
"""

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.core.cache import cache
from django.dispatch import receiver
from django.template.response import TemplateResponse

from gtr_portal.audit.services import audit_record, client_ip

# Where the password is typed: the sign-in form (and the back office's, which is the same).
THROTTLED_URL_NAMES = {"account_login"}
_KEEP_COUNTS_SECONDS = 24 * 60 * 60


@dataclass(frozen=True)
class _Counter:
    key: str
    limit: int


def client_address(request) -> str:
    return client_ip(request) or "unknown"


def _counters(request, login: str) -> list[_Counter]:
    address = client_address(request)
    login = (login or "").strip().lower()
    counters = [_Counter(_key("address", address), settings.LOGIN_THROTTLE_PER_ADDRESS)]
    if login:
        counters.append(
            _Counter(
                _key("account-at-address", address, login),
                settings.LOGIN_THROTTLE_PER_ACCOUNT_AND_ADDRESS,
            )
        )
    return counters


def _key(*parts: str) -> str:
    return "login-throttle:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _pause_for(failures: int, limit: int) -> int:
    """1 minute at the limit, then twice as long with each further failure, at most an hour."""
    if failures < limit:
        return 0
    first = settings.LOGIN_THROTTLE_FIRST_PAUSE_SECONDS
    return min(first * 2 ** (failures - limit), settings.LOGIN_THROTTLE_LONGEST_PAUSE_SECONDS)


def login_pause_remaining(request, login: str) -> int:
    """Seconds before this address may try this account again (0: it may now)."""
    now = time.time()
    remaining = 0.0
    for counter in _counters(request, login):
        state = cache.get(counter.key) or {}
        remaining = max(remaining, state.get("paused_until", 0) - now)
    return math.ceil(remaining) if remaining > 0 else 0


def login_failure_record(request, login: str) -> None:
    now = time.time()
    for counter in _counters(request, login):
        state = cache.get(counter.key) or {"failures": 0, "paused_until": 0}
        state["failures"] += 1
        pause = _pause_for(state["failures"], counter.limit)
        if pause:
            state["paused_until"] = now + pause
            audit_record(
                kind="login_throttled",
                request=request,
                target=login,
                details={"failures": state["failures"], "pause_seconds": pause},
            )
        cache.set(counter.key, state, timeout=_KEEP_COUNTS_SECONDS)


def login_success_record(request, login: str) -> None:
    """A good password clears the count for this account at this address (not the address's)."""
    cache.delete(_key("account-at-address", client_address(request), login.strip().lower()))


@receiver(user_login_failed)
def _count_failure(sender, credentials, request=None, **kwargs):
    if request is not None:
        login_failure_record(request, credentials.get("email") or credentials.get("username", ""))


@receiver(user_logged_in)
def _clear_on_success(sender, request, user, **kwargs):
    if request is not None:
        login_success_record(request, user.email)


class LoginThrottleMiddleware:
    """Answers 429, before the password is even checked, while the address or the (address,
    account) pair is paused."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if request.method != "POST" or not match or match.url_name not in THROTTLED_URL_NAMES:
            return None
        remaining = login_pause_remaining(request, request.POST.get("login", ""))
        if not remaining:
            return None
        response = TemplateResponse(
            request, "429.html", {"retry_minutes": math.ceil(remaining / 60)}, status=429
        )
        response["Retry-After"] = str(remaining)
        return response
