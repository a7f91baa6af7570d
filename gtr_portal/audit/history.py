"""History of accounts, beside the content history: which apps track what, and how it is read.

A domain app registers its models here (`track_account_history`): their historical models live
in this app (and its migrations), and the audit page lists their changes, newest first, with who
made them — in the admin or in the secretariat's own screens (HistoryRequestMiddleware).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models
from django.db.models import F, Window
from django.db.models.functions import Lag
from simple_history import register
from simple_history.models import HistoricalRecords

APP = "gtr_portal.audit"


class AccountHistoricalRecords(HistoricalRecords):
    """History that leaves out saves which change nothing it tracks: a sign-in (last_login), a
    password change (the hash is never kept), a save of the same values."""

    quiet_fields = frozenset({"last_login"})

    def post_save(self, instance, created, using=None, **kwargs):
        update_fields = kwargs.get("update_fields")
        if not created and update_fields and set(update_fields) <= self.quiet_fields:
            return
        if not created and not kwargs.get("raw", False) and self._unchanged(instance):
            return
        super().post_save(instance, created, using=using, **kwargs)

    def _unchanged(self, instance) -> bool:
        manager = getattr(instance, instance._meta.simple_history_manager_attribute)
        names = [f.attname for f in self.fields_included(instance)]
        last = manager.values(*names).first()
        if last is None:
            return False
        return all(last[name] == getattr(instance, name) for name in names)


@dataclass(frozen=True)
class Change:
    label: str
    old: str
    new: str


@dataclass
class ChangeRow:
    when: object
    who: str
    subject: str
    action: str  # "+", "~", "-" as django-simple-history writes them
    changes: list[Change] = field(default_factory=list)


@dataclass(frozen=True)
class HistorySource:
    """One tracked model as the audit page shows it."""

    key: str
    title: str
    # A queryset of historical rows, newest first, with `prev_<field>` annotations.
    queryset: Callable[[], models.QuerySet]
    # Turns one page of that queryset into rows (a constant number of queries per page).
    describe: Callable[[list], list[ChangeRow]]


_sources: dict[str, HistorySource] = {}


def track_account_history(model, *, excluded_fields: list[str] | None = None) -> None:
    """Keep the history of `model`, in this app's tables."""
    register(
        model,
        app=APP,
        records_class=AccountHistoricalRecords,
        excluded_fields=excluded_fields or [],
    )


def register_history_source(source: HistorySource) -> None:
    _sources[source.key] = source


def history_sources() -> list[HistorySource]:
    return list(_sources.values())


def with_previous_values(queryset: models.QuerySet, fields: list[str]) -> models.QuerySet:
    """Annotates each historical row with the previous row's values of the same object
    (`prev_<field>`), in the same query: a page of changes costs one query, not one per row."""
    order = [F("history_date").asc(), F("history_id").asc()]
    return queryset.annotate(
        **{
            f"prev_{name}": Window(Lag(name), partition_by=[F("id")], order_by=order)
            for name in fields
        }
    ).order_by("-history_date", "-history_id")


def history_user_email(row) -> str:
    user = row.history_user
    return user.email if user is not None else ""
