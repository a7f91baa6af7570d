"""Settings of the fault tests (tools/fault_tests.sh), shared by the test process and the worker
processes it starts and kills: the test settings, with the production broker options, media of
the run's own, and job recovery in seconds instead of minutes (the same code, shorter clocks)."""

from pathlib import Path

from gtr_portal.settings import base
from gtr_portal.settings.test import *  # noqa: F401,F403
from gtr_portal.settings.test import env

FAULTS_DIR = Path(env("FAULTS_DIR", default="/tmp/gtr-faults"))
MEDIA_ROOT = FAULTS_DIR / "media"
PRIVATE_MEDIA_ROOT = FAULTS_DIR / "private-media"

# What production runs with (visibility timeout, bounded connection waits), not the test
# settings' empty options.
CELERY_BROKER_TRANSPORT_OPTIONS = base.CELERY_BROKER_TRANSPORT_OPTIONS
# Every process of one run reads and writes the same queue.
CELERY_TASK_DEFAULT_QUEUE = env("FAULTS_QUEUE", default="gtr-faults")
CELERY_PDF_QUEUE = f"{CELERY_TASK_DEFAULT_QUEUE}.pdf"
CELERY_BEAT_SCHEDULE = {
    "jobs-sweep": {"task": "gtr_portal.jobs.tasks.jobs_sweep", "schedule": 1.0},
}
JOBS_HEARTBEAT_SECONDS = 0.5
JOBS_STALE_AFTER_SECONDS = 5
JOBS_RETRY_DELAY_SECONDS = 1
