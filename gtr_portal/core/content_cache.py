"""Figures computed from the whole of the content (the dashboard, a draft report's facts), kept
in the shared cache until any content changes.

They are the same for every reader allowed to see them, cost hundreds of milliseconds over tens
of thousands of rows, and change only when a row of content does: the page cache's generation
number (gtr_portal/core/page_cache.py), moved on by every save, retires them all at once, and
CONTENT_CACHE_SECONDS bounds their age. Off with the page cache (PAGE_CACHE_SECONDS = 0, as in
the test settings, where the generation does not move)."""

from collections.abc import Callable
from typing import TypeVar
from urllib.parse import urlencode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString

from .page_cache import content_generation
from .typography import typeset_fragment

T = TypeVar("T")


def content_cached(key: str, compute: Callable[[], T], *, per_language: bool = True) -> T:
    """`compute()`'s value for `key`, computed once per content generation (and language, when
    the value holds translated labels)."""
    if not settings.PAGE_CACHE_SECONDS:
        return compute()
    language = translation.get_language() if per_language else "-"
    full_key = f"content:{content_generation()}:{language}:{key}"
    value = cache.get(full_key)
    if value is None:
        value = compute()
        cache.set(full_key, value, timeout=settings.CONTENT_CACHE_SECONDS)
    return value


def kept_until_changed(key: str, compute: Callable[[], T]) -> T:
    """`compute()`'s value kept under `key` until `forget(key)`, and PAGE_CACHE_SECONDS at most:
    for what changes with rows that do not move the content generation (a user's unread
    notices, the marker of an actor's own updates)."""
    if not settings.PAGE_CACHE_SECONDS:
        return compute()
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.add(key, value, timeout=settings.PAGE_CACHE_SECONDS)
    return value


def forget(key: str) -> None:
    """Drop what `kept_until_changed` keeps under `key`: now, and again once the transaction
    commits, so that a value read from the old rows meanwhile is not kept."""
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))


def query_key(query) -> str:
    """A request's query string as part of a key: the same parameters give the same key,
    whatever their order."""
    return urlencode(sorted(query.lists()), doseq=True)


def shared_fragment(key: str, template: str, context: Callable[[], dict]) -> SafeString:
    """`template` drawn with `context()` and typeset, once per `key`, content generation and
    language: a part of a page that is the same for every reader of the same key. The template
    gets no request: what is the reader's own stays outside it, or is put in afterwards (see
    `csrf_filled`)."""
    return content_cached(key, lambda: typeset_fragment(render_to_string(template, context())))


# A shared fragment that holds forms is drawn with this in place of the CSRF token, and each
# request puts its own token in (`csrf_filled`): the forms are shared, the token never is.
CSRF_PLACEHOLDER = "csrf-token-of-the-request"


def csrf_filled(html: SafeString, request) -> SafeString:
    """A shared fragment with the request's CSRF token in place of the placeholder."""
    # The token is letters and digits only: the fragment stays as safe as it was.
    return SafeString(html.replace(CSRF_PLACEHOLDER, get_token(request)))  # nosec B703
