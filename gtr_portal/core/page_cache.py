"""Public pages, as a visitor sees them, served from the shared cache.

A visitor without a session (no session cookie: never signed in, no pending message) sees the
same page as every other visitor in the same language, so the rendered page is kept in the
shared cache (Redis in production, shared by every web process) and served without running the
view. Signed-in users, and visitors carrying a session, always get a freshly rendered page.

The cache key holds the language (the address starts with /fr/ or /en/), the full address with
its query, whether the client accepts gzip, and a *generation* number. Saving or deleting any
content row (see PAGE_CACHE_CONTENT_APPS) moves the generation on, which retires every cached
page at once: simpler and safer than knowing which pages show which rows. The few writes that
send no signal (`bulk_create`, `QuerySet.update`) call `page_cache_invalidate()` themselves or
wait for PAGE_CACHE_SECONDS, which bounds how stale a page may ever be.

A response is kept only when it is a complete 200 HTML page that sets no cookie: a page that
used a CSRF token, a message or the session sets one, so it can never be shared by mistake.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.cache import patch_vary_headers

logger = logging.getLogger(__name__)

GENERATION_KEY = "page-cache:generation"
# Generated files (PDFs of an edition or a report) are listed by a few public pages only: they
# move a generation of their own, which retires the cached pages but not the content fragments
# (gtr_portal/core/content_cache.py), so that a compendium build does not make every
# signed-in page draw its content again.
FILES_GENERATION_KEY = "page-cache:files-generation"
HIT_HEADER = "X-Page-Cache"


def page_cache_invalidate(*, files_only: bool = False) -> None:
    """Retire every cached public page and, unless only generated files changed, every content
    fragment (now, and again once the transaction commits, so that a page rendered from the old
    rows meanwhile is not kept)."""
    key = FILES_GENERATION_KEY if files_only else GENERATION_KEY
    _next_generation(key)
    transaction.on_commit(lambda: _next_generation(key))


def _next_generation(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # no generation yet (or the cache was emptied)
        cache.add(key, 1, timeout=None)
        cache.incr(key)


def content_generation() -> int:
    """The number that every save of content moves on (gtr_portal/core/content_cache.py too)."""
    return _generation(GENERATION_KEY)


def _generation(key: str) -> int:
    generation = cache.get(key)
    if generation is None:
        cache.add(key, 1, timeout=None)
        generation = cache.get(key, 1)
    return generation


def _content_changed(sender, **kwargs) -> None:
    if not settings.PAGE_CACHE_SECONDS:
        return
    meta = sender._meta
    if meta.app_label not in settings.PAGE_CACHE_CONTENT_APPS:
        return
    if meta.label_lower in settings.PAGE_CACHE_IGNORED_MODELS:
        return
    if kwargs.get("update_fields") and set(kwargs["update_fields"]) <= {"last_login"}:
        return
    page_cache_invalidate(files_only=meta.label_lower in settings.PAGE_CACHE_FILE_MODELS)


def connect_signals() -> None:
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(_content_changed, dispatch_uid=f"page-cache-{id(signal)}")


class PublicPageCacheMiddleware:
    """Placed outside compression and typography: a hit returns the finished bytes at once."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self._key(request)
        if key is None:
            return self.get_response(request)
        cached = cache.get(key)
        if cached is not None:
            return self._rebuild(cached)
        response = self.get_response(request)
        if self._storable(request, response):
            cache.set(key, self._freeze(response), timeout=settings.PAGE_CACHE_SECONDS)
            response[HIT_HEADER] = "miss"
        return response

    def _key(self, request) -> str | None:
        if not settings.PAGE_CACHE_SECONDS or request.method not in ("GET", "HEAD"):
            return None
        cookies = request.COOKIES
        if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
            return None
        language = translation.get_language_from_path(request.path_info)
        if not language:
            return None
        try:
            with translation.override(language):
                view_name = resolve(request.path_info).view_name
        except Resolver404:
            return None
        if view_name not in settings.PAGE_CACHE_VIEWS:
            return None
        gzip = "gzip" in request.headers.get("Accept-Encoding", "")
        path = request.get_full_path()
        generations = f"{content_generation()}.{_generation(FILES_GENERATION_KEY)}"
        return f"page-cache:{generations}:{request.method}:{int(gzip)}:{path}"

    @staticmethod
    def _storable(request, response) -> bool:
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and response.get("Content-Type", "").startswith("text/html")
            and "no-store" not in response.get("Cache-Control", "")
            and "private" not in response.get("Cache-Control", "")
        )

    @staticmethod
    def _freeze(response) -> dict:
        return {
            "status": response.status_code,
            "headers": [(k, v) for k, v in response.items() if k.lower() != "set-cookie"],
            "content": response.content,
        }

    @staticmethod
    def _rebuild(cached: dict):
        from django.http import HttpResponse

        response = HttpResponse(cached["content"], status=cached["status"])
        for header, value in cached["headers"]:
            response[header] = value
        patch_vary_headers(response, ("Cookie",))
        response[HIT_HEADER] = "hit"
        return response
