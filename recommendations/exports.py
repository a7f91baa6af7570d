"""The filtered recommendation list as CSV or XLSX, written by the worker, 100,000 rows and more.

Rows are read by chunks of ids with `.values()`: a constant number of queries per chunk and no
model instance per row. What rows repeat (meeting titles, actors' names, status labels) is
computed once per job, not once per row. The file is written as rows come (CSV line by line,
XLSX in openpyxl's write-only mode), so memory does not grow with the number of rows.
"""

import csv
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import build_localized_fieldname, resolution_order
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from commissions.models import TechnicalCommission
from gtr_portal.jobs.selectors import subject_for
from members.models import Actor

from .models import (
    OPEN_STATUSES,
    Meeting,
    Priority,
    Recommendation,
    RecommendationActor,
    RecommendationStatus,
)

EXPORT_JOB = "recommendations.export"
# A finished export is kept this long, then its file is deleted (recommendations.tasks).
EXPORT_KEEP = timedelta(hours=24)
# Where finished exports are kept, in the private storage.
EXPORT_DIRECTORY = "exports/recommendations"
# Rows read per query; also how often the job reports its progress.
CHUNK_SIZE = 2000


@dataclass(frozen=True)
class ExportFormat:
    extension: str
    content_type: str
    label: str


FORMATS = {
    "csv": ExportFormat("csv", "text/csv; charset=utf-8", "CSV"),
    "xlsx": ExportFormat(
        "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "XLSX"
    ),
}

SHEET_TITLE = _("Recommendations")


def export_subject(*, user) -> str:
    """One export at a time per user: a second click waits for the first to end."""
    return subject_for(user)


def export_filename(extension: str, *, on: date | None = None) -> str:
    return f"recommendations-{on or timezone.localdate():%Y-%m-%d}.{extension}"


class _Labels:
    """Everything rows repeat, in the active language: computed once, looked up per row."""

    def __init__(self, *, today: date):
        self.today = today
        language = translation.get_language() or settings.LANGUAGE_CODE
        self.title_fields = [
            build_localized_fieldname("title", code) for code in resolution_order(language)
        ]
        self.commissions = {c.pk: c.name for c in TechnicalCommission.objects.all()}
        self.actors = {a.pk: str(a) for a in Actor.objects.select_related("member", "body")}
        self.statuses = {value: str(label) for value, label in RecommendationStatus.choices}
        self.priorities = {value: str(label) for value, label in Priority.choices}
        self.meetings: dict[int, str] = {}
        self.yes, self.no = gettext("yes"), gettext("no")
        self.by_next_meeting = gettext("By the next meeting")

    def load_meetings(self, ids: set[int]) -> None:
        """Titles of the meetings not seen yet (at most one query per chunk)."""
        missing = ids - self.meetings.keys()
        if missing:
            for meeting in Meeting.objects.select_related("commission").filter(pk__in=missing):
                self.meetings[meeting.pk] = meeting.title

    def title(self, record: dict) -> str:
        # The same fallback as the model's attribute: the first language that has a title.
        return next((record[field] for field in self.title_fields if record[field]), "")


def export_header() -> list[str]:
    return [
        gettext("Reference"),
        gettext("Meeting"),
        gettext("Commission"),
        gettext("Title"),
        gettext("Lead actors"),
        gettext("Other actors"),
        gettext("Deadline"),
        gettext("Priority"),
        gettext("Status"),
        gettext("Progress (%)"),
        gettext("Overdue"),
        gettext("Illustrative (demo data)"),
    ]


def export_rows(
    ids: list[int],
    *,
    today: date | None = None,
    on_chunk: Callable[[int], None] | None = None,
    chunk_size: int = CHUNK_SIZE,
) -> Iterator[list]:
    """The rows of the recommendations `ids`, in that order, header first. `on_chunk` is told
    how many ids have been read after each chunk. Rows deleted since `ids` was read are left out.
    """
    labels = _Labels(today=today or timezone.localdate())
    fields = [
        "pk",
        "reference",
        "meeting_id",
        "commission_id",
        *labels.title_fields,
        "deadline",
        "due_by_next_meeting",
        "priority",
        "status",
        "progress",
        "illustrative",
    ]
    yield export_header()
    for start in range(0, len(ids), chunk_size):
        chunk = ids[start : start + chunk_size]
        records = {
            record["pk"]: record
            for record in Recommendation.objects.filter(pk__in=chunk).order_by().values(*fields)
        }
        leads: dict[int, list[str]] = {}
        others: dict[int, list[str]] = {}
        links = (
            RecommendationActor.objects.filter(recommendation_id__in=chunk)
            .order_by("role", "pk")
            .values_list("recommendation_id", "actor_id", "role")
        )
        for recommendation_id, actor_id, role in links:
            target = leads if role == RecommendationActor.Role.LEAD else others
            target.setdefault(recommendation_id, []).append(labels.actors.get(actor_id, ""))
        labels.load_meetings({record["meeting_id"] for record in records.values()})
        for pk in chunk:
            record = records.get(pk)
            if record is None:
                continue
            deadline = record["deadline"]
            overdue = (
                record["status"] in OPEN_STATUSES
                and deadline is not None
                and deadline < labels.today
            )
            yield [
                record["reference"],
                labels.meetings.get(record["meeting_id"], ""),
                labels.commissions.get(record["commission_id"], ""),
                labels.title(record),
                "; ".join(leads.get(pk, ())),
                "; ".join(others.get(pk, ())),
                deadline or (labels.by_next_meeting if record["due_by_next_meeting"] else ""),
                labels.priorities.get(record["priority"], record["priority"]),
                labels.statuses.get(record["status"], record["status"]),
                record["progress"],
                labels.yes if overdue else labels.no,
                labels.yes if record["illustrative"] else "",
            ]
        if on_chunk is not None:
            on_chunk(start + len(chunk))


def write_csv(path: Path, rows: Iterable[list]) -> int:
    """Write `rows` (header first) as CSV; returns the number of rows after the header.
    A byte-order mark lets spreadsheet programs read the accents correctly."""
    count = -1
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        for row in rows:
            writer.writerow(row)
            count += 1
    return max(count, 0)


def write_xlsx(path: Path, rows: Iterable[list]) -> int:
    """Write `rows` (header first) as one XLSX sheet in write-only mode (rows go to disk as they
    come); returns the number of rows after the header."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(str(SHEET_TITLE))

    def cell(value):
        if not isinstance(value, str):
            return value
        value = ILLEGAL_CHARACTERS_RE.sub("", value)
        if value.startswith("="):
            # Text, never a formula: a title typed as "=…" must not run in the reader's program.
            text = WriteOnlyCell(sheet, value=value)
            text.data_type = "s"
            return text
        return value

    count = -1
    for row in rows:
        sheet.append([cell(value) for value in row])
        count += 1
    workbook.save(path)
    return max(count, 0)


WRITERS = {"csv": write_csv, "xlsx": write_xlsx}
