"""A job that always crashes does not crash forever: it ends failed after a bounded number of
attempts, with a reason a user can read and no server path."""

import time

import pytest

from gtr_portal.jobs import services
from gtr_portal.jobs.models import Job

from .conftest import wait_until
from .handlers import CRASH_JOB, RAISE_JOB, runs_dir

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]


def queue(kind: str) -> Job:
    return services.job_enqueue(kind=kind, subject=f"faults:{kind}", language="en", max_attempts=3)


def failed(job: Job) -> bool:
    job.refresh_from_db()
    return job.status == "failed"


def runs(job: Job) -> int:
    return len(list(runs_dir().glob(f"{job.pk}-*.started")))


def test_a_job_that_kills_its_worker_each_time_fails_after_three_attempts(cluster):
    job = queue(CRASH_JOB)

    wait_until(lambda: failed(job), timeout=90, what="the job to fail")
    time.sleep(3)  # a few more sweeps and redeliveries: none may start it again

    job.refresh_from_db()
    assert (job.status, job.attempts, runs(job)) == ("failed", 3, 3)
    assert job.error == (
        "The worker stopped before the job could finish, too many times: the job was given up. "
        "Try again later."
    )
    assert cluster.all_alive(), "each worker replaced its pool process and lives on"


def test_a_job_that_raises_each_time_fails_after_three_attempts_without_a_path(cluster, scratch):
    job = queue(RAISE_JOB)

    wait_until(lambda: failed(job), timeout=60, what="the job to fail")

    job.refresh_from_db()
    assert (job.attempts, runs(job)) == (3, 3)
    assert job.error == "Unexpected error: [Errno 5] Input/output error: '…/broken.pdf'"
    assert str(scratch) not in job.error
