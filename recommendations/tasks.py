from celery import shared_task

from gtr_portal.jobs.registry import job_handler

from . import notifications, reminders
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
