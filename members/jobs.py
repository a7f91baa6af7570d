"""The background jobs of members, by kind (their handlers are in tasks.py)."""

INVITATION_JOB = "members.send_invitation"
