"""Reads of the security log and of the account history."""

import re

from django.contrib.auth import get_user_model
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet

from .history import HistorySource, history_sources
from .models import SecurityEvent

PAGE_SIZE = 50


def security_event_queryset() -> QuerySet[SecurityEvent]:
    # Rows show actor_email, kept as it was: no join to the user table is needed.
    return SecurityEvent.objects.order_by("-occurred_at", "-pk")


def events_with_target_labels(events: list[SecurityEvent]) -> list[SecurityEvent]:
    """Give each event a `target_label`: a target naming an account reads as its e-mail address
    (one query for the whole page); any other target as it was recorded."""
    account = re.compile(rf"^{re.escape(get_user_model()._meta.label_lower)}:(\d+)$")
    matches = {event.pk: account.match(event.target) for event in events}
    ids = {int(match[1]) for match in matches.values() if match}
    emails = dict(get_user_model().objects.filter(pk__in=ids).values_list("pk", "email"))
    for event in events:
        match = matches[event.pk]
        event.target_label = emails.get(int(match[1]), event.target) if match else event.target
    return events


def account_changes(*, pages: dict[str, str | None]) -> list[tuple[HistorySource, Page, list]]:
    """For each tracked account model: its page of changes and their description."""
    sections = []
    for source in history_sources():
        page = Paginator(source.queryset(), PAGE_SIZE // 2).get_page(pages.get(source.key))
        sections.append((source, page, source.describe(list(page.object_list))))
    return sections
