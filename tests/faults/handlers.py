"""Test-only job kinds of the fault tests. The test process imports them to queue such jobs, the
worker processes to run them. Each run leaves a trace in FAULTS_DIR/runs: which process ran
which attempt of which job, and whether it got to the end."""

import os
import signal
import time
from pathlib import Path

from django.conf import settings

from gtr_portal.core.pdf import render_pdf
from gtr_portal.jobs.registry import job_handler
from gtr_portal.jobs.services import job_report_progress

PDF_JOB = "faults.pdf"
CRASH_JOB = "faults.crash"
RAISE_JOB = "faults.raise"

PAGE = """<html lang="fr"><head><style>@page {{ size: A4; margin: 2cm }}</style></head>
<body><h1>{name}</h1>{paragraphs}</body></html>"""


def runs_dir() -> Path:
    path = Path(settings.FAULTS_DIR) / "runs"
    path.mkdir(parents=True, exist_ok=True)
    return path


def pdf_target(name: str) -> Path:
    return Path(settings.PRIVATE_MEDIA_ROOT) / "faults" / f"{name}.pdf"


def _trace(job, event: str) -> None:
    (runs_dir() / f"{job.pk}-{job.attempts}.{event}").write_text(str(os.getpid()))


@job_handler(PDF_JOB)
def render_a_pdf(job) -> dict:
    _trace(job, "started")
    job_report_progress(job=job, progress=10)
    name = job.params["name"]
    paragraphs = "".join(f"<p>Paragraphe {i} du document {name}.</p>" for i in range(200))
    target = pdf_target(name)
    pages = render_pdf(
        html=PAGE.format(name=name, paragraphs=paragraphs),
        base_url=target.parent.as_uri() + "/",
        target=target,
    )
    _trace(job, "finished")
    return {"pages": pages}


@job_handler(CRASH_JOB)
def crash_the_worker(job) -> dict:
    """Like a handler that runs out of memory: the process running it dies on the spot."""
    _trace(job, "started")
    os.kill(os.getpid(), signal.SIGKILL)
    return {}


@job_handler(RAISE_JOB)
def raise_an_error(job) -> dict:
    _trace(job, "started")
    raise OSError(5, "Input/output error", str(pdf_target("broken")))


def slow_down_pdf_writes(seconds: float) -> None:
    """A slow disk: each PDF takes `seconds` to write, so that a test can kill its writer."""
    from weasyprint.document import Document

    original = Document.write_pdf

    def write_pdf(self, target=None, *args, **kwargs):
        data = original(self, None, *args, **kwargs)
        if target is None:
            return data
        step = max(1, len(data) // 20)
        for start in range(0, len(data), step):
            target.write(data[start : start + step])
            target.flush()
            time.sleep(seconds / 20)
        return None

    Document.write_pdf = write_pdf
