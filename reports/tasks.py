from django.utils.translation import gettext

from gtr_portal.jobs.registry import job_handler
from gtr_portal.jobs.services import JobFailed

from .jobs import BUILD_JOB
from .models import Report
from .services import report_build


@job_handler(BUILD_JOB, queue="pdf")
def build_report(job) -> dict:
    report = Report.objects.filter(pk=job.params["report_id"]).first()
    if report is None:
        raise JobFailed(gettext("The report was deleted before its PDFs were built."))
    return report_build(report=report, job=job)
