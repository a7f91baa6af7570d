from celery import shared_task
from django.conf import settings

from .services import audit_prune as prune_events


@shared_task(name="gtr_portal.audit.tasks.audit_prune")
def audit_prune() -> int:
    """Nightly: forget security events older than AUDIT_KEEP_DAYS."""
    return prune_events(keep_days=settings.AUDIT_KEEP_DAYS)
