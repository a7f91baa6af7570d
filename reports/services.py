"""Writes: drafting, finalising and versioning reports; building their PDFs in the background."""

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from gtr_portal.core.errors import DomainError
from gtr_portal.core.pdf import pdf_files_build
from gtr_portal.jobs.models import Job
from gtr_portal.jobs.selectors import subject_for
from gtr_portal.jobs.services import job_enqueue, job_report_progress
from members.models import User

from .jobs import BUILD_JOB
from .models import Report
from .snapshots import activity_snapshot, facts_for_display, meeting_snapshot

EDITABLE = (
    "title_fr",
    "title_en",
    "summary_fr",
    "summary_en",
    "outlook_fr",
    "outlook_en",
    "period_start",
    "period_end",
    "meeting",
)


def report_facts(report: Report) -> dict:
    """The frozen snapshot of a final report; live facts for a draft."""
    if report.is_final:
        return report.snapshot
    if report.kind == Report.Kind.ACTIVITY:
        return activity_snapshot(start=report.period_start, end=report.period_end)
    return meeting_snapshot(meeting=report.meeting)


@transaction.atomic
def report_save(
    *, user: User, data: dict, report: Report | None = None, kind: str | None = None
) -> Report:
    if report is not None:
        # Locked until the save: a report finalised meanwhile is not edited afterwards.
        locked = Report.objects.select_for_update().filter(pk=report.pk)
        if locked.values_list("status", flat=True).first() == Report.Status.FINAL:
            raise DomainError(_("A final report cannot be edited: make a new version."))
    report = report or Report(kind=kind)
    for field in EDITABLE:
        if field in data:
            setattr(report, field, data[field])
    report.full_clean()
    report.save()
    return report


@transaction.atomic
def report_finalise(*, report: Report, user: User) -> Report:
    report = Report.objects.select_for_update().get(pk=report.pk)
    if report.is_final:
        raise DomainError(_("This report is already final."))
    report.snapshot = report_facts(report)
    report.status = Report.Status.FINAL
    report.finalised_at, report.finalised_by = timezone.now(), user
    report.save()
    return report


@transaction.atomic
def report_new_version(*, report: Report, user: User) -> Report:
    """A final report is never edited: a new draft version supersedes it."""
    report = Report.objects.select_for_update().get(pk=report.pk)
    if not report.is_final:
        raise DomainError(_("Only a final report gets a new version."))
    if Report.objects.filter(supersedes=report).exists():
        raise DomainError(_("A newer version of this report already exists."))
    copy = Report.objects.get(pk=report.pk)
    copy.pk = None
    copy.id = None
    copy.status, copy.snapshot = Report.Status.DRAFT, {}
    copy.finalised_at = copy.finalised_by = None
    copy.version = report.version + 1
    copy.supersedes = report
    copy.save()
    return copy


def report_build_request(*, report: Report, user: User) -> Job:
    return job_enqueue(
        kind=BUILD_JOB,
        subject=subject_for(report),
        requested_by=user,
        language=translation.get_language(),
        params={"report_id": report.pk},
    )


def report_build(*, report: Report, job=None) -> dict:
    """Render the report in each language; a file is replaced only once complete, and kept
    while its content is unchanged."""
    from .charts import snapshot_charts

    facts = facts_for_display(report_facts(report))

    def render_html(language: str) -> str:
        return render_to_string(
            "reports/pdf/report.html",
            {
                "report": report,
                "facts": facts,
                "language": language,
                "follow_up_rows": facts.get("follow_up", []),  # all of them, unlike the screen
                "charts": snapshot_charts(facts, language) if report.kind == "activity" else {},
            },
        )

    return pdf_files_build(
        files=report.files,
        name=lambda language: f"reports/report-{report.pk}-{language}.pdf",
        render_html=render_html,
        progress=(
            None if job is None else lambda percent: job_report_progress(job=job, progress=percent)
        ),
    )
