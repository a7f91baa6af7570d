from celery import shared_task

from gtr_portal.jobs.registry import job_handler

from . import notifications, reminders, services
from .exports import EXPORT_JOB
from .services import REVIEW_NOTICE_JOB


@shared_task(name="recommendations.tasks.send_deadline_reminders")
def send_deadline_reminders() -> dict:
    outcome = reminders.reminders_send()
    return {"sent": outcome.sent, "failed": outcome.failed}


@shared_task(name="recommendations.tasks.send_weekly_digest")
def send_weekly_digest() -> int:
    return reminders.digest_send()


@job_handler(REVIEW_NOTICE_JOB)
def notify_review(job) -> dict:
    return notifications.review_notice_send(event_id=job.params["event_id"])


@job_handler(EXPORT_JOB)
def export_recommendations(job) -> dict:
    return services.recommendation_export_build(job=job)


@shared_task(name="recommendations.tasks.expire_exports")
def expire_exports() -> dict[str, int]:
    return services.recommendation_exports_expire()
