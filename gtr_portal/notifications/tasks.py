from datetime import date

from celery import shared_task

from gtr_portal.jobs.registry import job_handler

from .services import DIGEST_JOB, EMAIL_JOB, digest_send, digests_request, notification_email_send


@job_handler(EMAIL_JOB)
def send_email(job) -> dict:
    return notification_email_send(notification_id=job.params["notification_id"])


@job_handler(DIGEST_JOB)
def send_digest(job) -> dict:
    return digest_send(user_id=job.params["user_id"], day=date.fromisoformat(job.params["day"]))


@shared_task(name="gtr_portal.notifications.tasks.send_daily_digests")
def send_daily_digests() -> int:
    return digests_request()
