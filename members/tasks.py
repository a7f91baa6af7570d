from celery import shared_task

from gtr_portal.jobs.registry import job_handler

from .jobs import INVITATION_JOB
from .models import User
from .services import invitation_send
from .sessions import SessionStore


@job_handler(INVITATION_JOB)
def send_invitation(job) -> dict:
    user = User.objects.select_related("invited_by").get(pk=job.params["user_id"])
    return invitation_send(user=user)


@shared_task(name="members.tasks.clear_expired_sessions")
def clear_expired_sessions() -> None:
    """Sessions past their end date are useless; remove them rather than keep them for ever."""
    SessionStore.clear_expired()
