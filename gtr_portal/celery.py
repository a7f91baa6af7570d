"""The Celery application: tasks are found in every installed app's `tasks` module."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "gtr_portal.settings.local")

app = Celery("gtr_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
