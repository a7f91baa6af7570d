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
from django.utils import translation

from .page_cache import content_generation

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


def query_key(query) -> str:
    """A request's query string as part of a key: the same parameters give the same key,
    whatever their order."""
    return urlencode(sorted(query.lists()), doseq=True)
