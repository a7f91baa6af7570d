"""Liveness of the portal and of what it depends on, for load balancers and monitoring."""

import copy
import logging
import threading
import time
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.utils import load_backend
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import translate_url
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from gtr_portal.celery import app as celery_app
from gtr_portal.core.redirects import safe_next_url

logger = logging.getLogger(__name__)

# The whole answer comes within a second: checks run side by side, and one that has not answered
# by then counts as down (a load balancer must not wait on a hung database).
HEALTHZ_DEADLINE_SECONDS = 0.8


def _database_ok(settings_dict: dict) -> bool:
    # A connection of its own, with a bounded connect time (libpq's minimum is 2 s): the checking
    # thread then never lingers long after the answer was given.
    settings_dict = copy.deepcopy(settings_dict)
    if settings_dict["ENGINE"] == "django.db.backends.postgresql":
        settings_dict.setdefault("OPTIONS", {})["connect_timeout"] = 2
        settings_dict["OPTIONS"].pop("pool", None)
    database = load_backend(settings_dict["ENGINE"]).DatabaseWrapper(settings_dict, "healthz")
    try:
        with database.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    finally:
        database.close()


def _cache_ok(cache) -> bool:
    if isinstance(cache, RedisCache):
        # Redis itself, not the memory a ResilientRedisCache falls back to.
        return bool(cache._cache.get_client(write=True).ping())
    key = f"healthz:{uuid.uuid4().hex}"
    cache.set(key, "ok", timeout=10)
    try:
        return cache.get(key) == "ok"
    finally:
        cache.delete(key)


def _broker_ok() -> bool:
    with celery_app.connection_for_write() as conn:
        conn.ensure_connection(max_retries=0, timeout=HEALTHZ_DEADLINE_SECONDS)
        return True


def _run_checks(checks: dict[str, Callable[[], bool]], *, deadline: float) -> dict[str, bool]:
    results = dict.fromkeys(checks, False)

    def run(name: str, check: Callable[[], bool]) -> None:
        try:
            results[name] = bool(check())
        except Exception as exc:
            logger.warning("Health check %s failed: %r", name, exc)

    threads = [
        threading.Thread(target=run, args=item, name=f"healthz-{item[0]}", daemon=True)
        for item in checks.items()
    ]
    for thread in threads:
        thread.start()
    end = time.monotonic() + deadline
    for thread in threads:
        thread.join(max(0.0, end - time.monotonic()))
    return {
        name: results[name] and not thread.is_alive()
        for name, thread in zip(checks, threads, strict=True)
    }


@never_cache
@require_GET
def healthz(request):
    # What belongs to this thread (database settings, the cache and its connection pool) is
    # taken here; the checks run in threads of their own.
    database = connections[DEFAULT_DB_ALIAS].settings_dict
    cache = caches["default"]
    checks = _run_checks(
        {
            "database": lambda: _database_ok(database),
            "cache": lambda: _cache_ok(cache),
            "broker": lambda: _broker_ok(),
        },
        deadline=HEALTHZ_DEADLINE_SECONDS,
    )
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "unavailable"}
    body.update({name: "ok" if ok else "down" for name, ok in checks.items()})
    return JsonResponse(body, status=200 if healthy else 503)


@require_http_methods(["GET", "POST"])
def language_switch(request):
    """Switch language and stay on the same page (query string included). A signed-in user's
    choice (a POST, with its CSRF token) also becomes the language of their e-mails. Visitors
    switch with a plain link (GET): a public page then holds no CSRF token and can be cached.

    Django's set_language translates the page address in the language the request arrived in,
    which fails when the browser prefers another language than the page's; here the address is
    read in its own language first.
    """
    language = (request.POST if request.method == "POST" else request.GET).get("language")
    next_url = safe_next_url(request, default="/")
    if language not in dict(settings.LANGUAGES):
        return HttpResponseRedirect(next_url)
    current = translation.get_language_from_path(next_url)
    if current:
        with translation.override(current):
            next_url = translate_url(next_url, language)
    response = HttpResponseRedirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )
    user = request.user
    if request.method == "POST" and user.is_authenticated and user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return response
