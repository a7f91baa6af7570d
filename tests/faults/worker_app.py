"""The Celery application of the fault tests' worker processes: the portal's own, plus the
test-only job kinds and a slow disk (`celery -A tests.faults.worker_app worker`)."""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tests.faults.settings")

import django  # noqa: E402

django.setup()

from gtr_portal.celery import app  # noqa: E402,F401
from tests.faults import handlers  # noqa: E402

handlers.slow_down_pdf_writes(float(os.environ.get("FAULTS_PDF_WRITE_SECONDS", "2")))
