from celery import shared_task

from .services import job_run, job_sweep


@shared_task(name="gtr_portal.jobs.tasks.run_job")
def run_job(job_id: int) -> None:
    job_run(job_id=job_id)


@shared_task(name="gtr_portal.jobs.tasks.jobs_sweep")
def jobs_sweep() -> dict[str, int]:
    return job_sweep()
