from gtr_portal.jobs.registry import job_handler

from .models import User
from .services import INVITATION_JOB, invitation_send


@job_handler(INVITATION_JOB)
def send_invitation(job) -> dict:
    user = User.objects.select_related("invited_by").get(pk=job.params["user_id"])
    return invitation_send(user=user)
