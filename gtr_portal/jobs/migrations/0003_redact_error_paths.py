"""Reasons of failure recorded before job errors were redacted may show server paths: reduce
each absolute path or file:// address to its last part, as gtr_portal.jobs.reasons now does.
The pattern is copied here so that this migration never changes with the code."""

import re

from django.db import migrations

PATH = re.compile(
    r"file:/+[^\s'\"<>]*"
    r"|(?<![\w])[A-Za-z]:\\[^\s'\"<>]*"
    r"|(?<![\w.~:/\\-])/[^\s'\"<>,;()\[\]{}]+",
    re.IGNORECASE,
)


def hidden(match):
    name = re.split(r"[/\\]", match.group(0).rstrip("/\\"))[-1]
    return f"…/{name}" if name and ":" not in name else "…"


def redact(apps, schema_editor):
    Job = apps.get_model("jobs", "Job")
    for job in Job.objects.exclude(error="").only("pk", "error").iterator():
        error = PATH.sub(hidden, job.error)
        if error != job.error:
            Job.objects.filter(pk=job.pk).update(error=error)


class Migration(migrations.Migration):
    dependencies = [("jobs", "0002_initial")]

    operations = [migrations.RunPython(redact, migrations.RunPython.noop)]
