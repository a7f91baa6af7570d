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
import ipaddress
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


@dataclass(frozen=True)
class _Counter:
    key: str
    limit: int


def client_address(request) -> str:
    """The client's address; an IPv6 client counts by its /64 network, which it may roam."""
    address = client_ip(request) or "unknown"
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return address
    if parsed.version == 6:
        return str(ipaddress.ip_network(f"{parsed}/64", strict=False))
    return address


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
    paused_until = max(cache.get(f"{c.key}:paused-until", 0) for c in _counters(request, login))
    return math.ceil(paused_until - now) if paused_until > now else 0


def login_failure_record(request, login: str) -> None:
    """Count one failure. Counts are atomic increments (Redis INCR), so parallel attempts are
    all counted; a count is forgotten LOGIN_THROTTLE_QUIET_SECONDS after its last pause or
    failure, so the ordinary typos of a day never add up."""
    for counter in _counters(request, login):
        failures_key = f"{counter.key}:failures"
        cache.add(failures_key, 0, timeout=settings.LOGIN_THROTTLE_QUIET_SECONDS)
        try:
            failures = cache.incr(failures_key)
        except ValueError:  # expired between add() and incr()
            cache.set(failures_key, 1, timeout=settings.LOGIN_THROTTLE_QUIET_SECONDS)
            failures = 1
        pause = _pause_for(failures, counter.limit)
        cache.touch(failures_key, timeout=pause + settings.LOGIN_THROTTLE_QUIET_SECONDS)
        if pause:
            cache.set(f"{counter.key}:paused-until", time.time() + pause, timeout=pause)
            audit_record(
                kind="login_throttled",
                request=request,
                target=login,
                details={"failures": failures, "pause_seconds": pause},
            )


def login_success_record(request, login: str) -> None:
    """A good password clears the count for this account at this address (not the address's)."""
    key = _key("account-at-address", client_address(request), login.strip().lower())
    cache.delete_many([f"{key}:failures", f"{key}:paused-until"])


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
