from django.utils.translation import gettext

from gtr_portal.jobs.registry import job_handler
from gtr_portal.jobs.services import JobFailed, job_report_progress

from .jobs import BUILD_JOB
from .models import CompendiumEdition
from .pdf import build_edition


@job_handler(BUILD_JOB, queue="pdf")
def build_compendium(job) -> dict:
    edition = CompendiumEdition.objects.filter(pk=job.params["edition_id"]).first()
    if edition is None:
        raise JobFailed(gettext("The edition was deleted before its PDFs were built."))
    if not edition.entries.exists():
        raise JobFailed(gettext("The edition has no practice yet: add practices, then build."))
    return build_edition(
        edition=edition, progress=lambda percent: job_report_progress(job=job, progress=percent)
    )
