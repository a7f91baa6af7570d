from celery import shared_task

from .maintenance import jobs_prune, temporary_files_remove
from .services import job_run, job_sweep


@shared_task(name="gtr_portal.jobs.tasks.run_job")
def run_job(job_id: int) -> None:
    job_run(job_id=job_id)


@shared_task(name="gtr_portal.jobs.tasks.jobs_sweep")
def jobs_sweep() -> dict[str, int]:
    return job_sweep()


@shared_task(name="gtr_portal.jobs.tasks.jobs_prune")
def prune_jobs() -> dict[str, int]:
    return jobs_prune()


@shared_task(name="gtr_portal.jobs.tasks.temporary_files_remove")
def remove_temporary_files() -> int:
    return temporary_files_remove()
