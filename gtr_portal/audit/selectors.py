"""Reads of the security log and of the account history."""

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from .history import HistorySource, history_sources
from .models import SecurityEvent

PAGE_SIZE = 50


def security_event_queryset() -> QuerySet[SecurityEvent]:
    # Rows show actor_email, kept as it was: no join to the user table is needed.
    return SecurityEvent.objects.order_by("-occurred_at", "-pk")


def account_changes(*, pages: dict[str, str | None]) -> list[tuple[HistorySource, Page, list]]:
    """For each tracked account model: its page of changes and their description."""
    sections = []
    for source in history_sources():
        page = Paginator(source.queryset(), PAGE_SIZE // 2).get_page(pages.get(source.key))
        sections.append((source, page, source.describe(list(page.object_list))))
    return sections
