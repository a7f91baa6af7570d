"""A PDF worker killed with SIGKILL in the middle of writing a PDF, again and again: each job
still ends done exactly once, with one file and no temporary file left behind."""

from pathlib import Path

import pytest
from pypdf import PdfReader

from gtr_portal.jobs import services
from gtr_portal.jobs.models import Job

from .conftest import kill_process, wait_until
from .handlers import PDF_JOB, pdf_target, runs_dir

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]


def queue_pdf(name: str) -> Job:
    return services.job_enqueue(
        kind=PDF_JOB, subject=f"faults:{name}", params={"name": name}, language="fr"
    )


def temporaries(name: str) -> list[Path]:
    return sorted(pdf_target(name).parent.glob(f"{name}.pdf.*.part"))


def pid_of(job: Job, attempt: int) -> int | None:
    trace = runs_dir() / f"{job.pk}-{attempt}.started"
    text = trace.read_text() if trace.exists() else ""
    return int(text) if text else None


def writing(job: Job, name: str, attempt: int):
    """The process running `attempt` of `job`, once it is writing the PDF (each attempt killed
    before left its temporary file: the n-th attempt writes the n-th one)."""
    return len(temporaries(name)) == attempt and pid_of(job, attempt)


def finished(*jobs: Job) -> bool:
    return not Job.objects.filter(pk__in=[j.pk for j in jobs], status__in=Job.ACTIVE).exists()


def assert_done_once_with_one_file(job: Job, name: str, *, attempts: int) -> None:
    job.refresh_from_db()
    assert (job.status, job.attempts, job.error) == ("done", attempts, "")
    assert len(list(runs_dir().glob(f"{job.pk}-*.finished"))) == 1, "rendered to the end once"
    assert [p.name for p in pdf_target(name).parent.glob(f"{name}.pdf*")] == [f"{name}.pdf"]
    assert len(PdfReader(pdf_target(name)).pages) == job.result["pages"] > 1


def assert_no_temporary_left(scratch: Path) -> None:
    assert list(scratch.glob("**/*.part")) == []


def test_a_pdf_job_whose_process_is_killed_twice_mid_write_ends_done_once(cluster, scratch):
    job, neighbour = queue_pdf("rapport-a"), queue_pdf("rapport-b")

    for attempt in (1, 2):
        pid = wait_until(
            lambda attempt=attempt: writing(job, "rapport-a", attempt),
            timeout=30,
            what=f"attempt {attempt} to write its PDF",
        )
        kill_process(pid)

    wait_until(lambda: finished(job, neighbour), timeout=60, what="both jobs to end")
    assert_done_once_with_one_file(job, "rapport-a", attempts=3)
    assert_done_once_with_one_file(neighbour, "rapport-b", attempts=1)
    assert_no_temporary_left(scratch)


def test_a_worker_killed_whole_mid_write_leaves_its_job_to_another_that_ends_it_once(
    cluster, scratch
):
    job = queue_pdf("recueil-c")
    pid = wait_until(lambda: writing(job, "recueil-c", 1), timeout=30, what="the PDF written")

    cluster.kill_worker_of(pid)  # main and pool processes at once: like a container killed
    job.refresh_from_db()
    assert (job.status, job.progress) == ("running", 10)

    wait_until(lambda: finished(job), timeout=60, what="the job to end")
    assert_done_once_with_one_file(job, "recueil-c", attempts=2)
    assert_no_temporary_left(scratch)
