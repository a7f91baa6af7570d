"""The background job row is the only truth about a job: it is sent after commit, claimed once,
retried a bounded number of times, and recovered by the sweeper when a worker or broker fails."""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from gtr_portal.core.errors import DomainError
from gtr_portal.jobs import services
from gtr_portal.jobs.models import Job
from gtr_portal.jobs.registry import job_handler

calls = []


@job_handler("tests.echo")
def echo(job):
    calls.append(job.pk)
    if job.params.get("explode"):
        raise RuntimeError("disk full")
    if job.params.get("refuse"):
        raise services.JobFailed("The edition has no practice.")
    return {"echo": job.params.get("value")}


@pytest.fixture(autouse=True)
def _reset_calls():
    calls.clear()


def enqueue(**params):
    return services.job_enqueue(kind="tests.echo", subject="tests:1", params=params, language="en")


@pytest.mark.django_db
def test_a_job_is_sent_to_the_broker_only_after_the_transaction_commits(
    django_capture_on_commit_callbacks,
):
    with mock.patch("gtr_portal.celery.app.send_task") as send:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            job = enqueue()
        send.assert_not_called()
        for callback in callbacks:
            callback()

    send.assert_called_once()
    assert send.call_args.kwargs["args"] == [job.pk]
    job.refresh_from_db()
    assert job.dispatched_at is not None


@pytest.mark.django_db
def test_the_same_work_cannot_be_queued_twice():
    enqueue()

    with pytest.raises(DomainError):
        enqueue()

    assert Job.objects.count() == 1


@pytest.mark.django_db
def test_a_job_runs_once_even_when_its_message_is_delivered_twice():
    job = enqueue(value=42)

    services.job_run(job_id=job.pk)
    services.job_run(job_id=job.pk)

    job.refresh_from_db()
    assert calls == [job.pk]
    assert (job.status, job.progress, job.attempts, job.result) == ("done", 100, 1, {"echo": 42})


@pytest.mark.django_db
def test_a_failure_that_retrying_cannot_fix_fails_at_once_with_its_reason():
    job = enqueue(refuse=True)

    services.job_run(job_id=job.pk)

    job.refresh_from_db()
    assert (job.status, job.error) == ("failed", "The edition has no practice.")


@pytest.mark.django_db
def test_an_unexpected_error_is_retried_a_bounded_number_of_times_then_fails_with_the_reason():
    job = enqueue(explode=True)

    with mock.patch.object(services, "job_dispatch") as redispatch:
        for _ in range(job.max_attempts):
            services.job_run(job_id=job.pk)

    job.refresh_from_db()
    assert redispatch.call_count == job.max_attempts - 1
    assert job.status == "failed"
    assert job.attempts == job.max_attempts
    assert "disk full" in job.error


@pytest.mark.django_db
def test_a_failed_job_can_be_retried_and_the_failure_stays_in_the_history(secretariat):
    job = enqueue(refuse=True)
    services.job_run(job_id=job.pk)
    job.refresh_from_db()

    retry = services.job_retry(job=job, requested_by=secretariat)

    assert retry.pk != job.pk
    assert retry.status == "queued"
    assert Job.objects.filter(subject="tests:1").count() == 2


@pytest.mark.django_db
def test_only_a_failed_job_can_be_retried():
    job = enqueue()

    with pytest.raises(DomainError):
        services.job_retry(job=job)


@pytest.mark.django_db
def test_when_the_broker_is_down_the_job_waits_queued_and_the_sweeper_sends_it_later(
    django_capture_on_commit_callbacks,
):
    broker_down = mock.patch("gtr_portal.celery.app.send_task", side_effect=ConnectionError)
    with broker_down, django_capture_on_commit_callbacks(execute=True):
        job = enqueue()
    job.refresh_from_db()
    assert (job.status, job.dispatched_at) == ("queued", None)

    with mock.patch("gtr_portal.celery.app.send_task") as send:
        outcome = services.job_sweep()

    assert outcome["sent"] == 1
    send.assert_called_once()
    job.refresh_from_db()
    assert job.dispatched_at is not None


@pytest.mark.django_db
def test_a_job_whose_worker_died_is_put_back_then_failed_when_attempts_run_out(settings):
    job = enqueue()
    long_ago = timezone.now() - timedelta(seconds=settings.JOBS_STALE_AFTER_SECONDS + 60)
    Job.objects.filter(pk=job.pk).update(status="running", heartbeat_at=long_ago, attempts=1)

    with mock.patch("gtr_portal.celery.app.send_task"):
        assert services.job_sweep()["requeued"] == 1
    job.refresh_from_db()
    assert job.status == "queued"

    Job.objects.filter(pk=job.pk).update(
        status="running", heartbeat_at=long_ago, attempts=job.max_attempts
    )
    with mock.patch("gtr_portal.celery.app.send_task"):
        assert services.job_sweep()["failed"] == 1
    job.refresh_from_db()
    assert job.status == "failed"
    assert job.error


@pytest.mark.django_db
def test_a_running_job_with_a_recent_heartbeat_is_left_alone():
    job = enqueue()
    Job.objects.filter(pk=job.pk).update(status="running", heartbeat_at=timezone.now(), attempts=1)

    assert services.job_sweep() == {"failed": 0, "requeued": 0, "sent": 0}


@pytest.mark.django_db
def test_the_database_refuses_a_progress_above_100():
    from django.db import IntegrityError

    job = enqueue()
    with pytest.raises(IntegrityError):
        Job.objects.filter(pk=job.pk).update(progress=101)


@pytest.mark.django_db
def test_pdf_builds_wait_on_their_own_queue_and_other_jobs_on_the_default_one(
    django_capture_on_commit_callbacks, settings
):
    """A compendium that builds for minutes never holds up an invitation e-mail or an export:
    PDF work is sent to CELERY_PDF_QUEUE, which a worker of its own serves at low priority."""
    import best_practices.tasks  # noqa: F401  (registers the compendium build)
    import reports.tasks  # noqa: F401  (registers the report build)
    from best_practices.jobs import BUILD_JOB as COMPENDIUM_BUILD
    from gtr_portal.celery import app
    from reports.jobs import BUILD_JOB as REPORT_BUILD

    sending = mock.patch.object(app, "send_task")
    with sending as send_task, django_capture_on_commit_callbacks(execute=True):
        enqueue(value=1)
        for kind in (COMPENDIUM_BUILD, REPORT_BUILD):
            services.job_enqueue(kind=kind, subject=f"tests:{kind}", language="fr")
    queues = [call.kwargs["queue"] for call in send_task.call_args_list]
    assert queues == [
        settings.CELERY_TASK_DEFAULT_QUEUE,
        settings.CELERY_PDF_QUEUE,
        settings.CELERY_PDF_QUEUE,
    ]
    assert settings.CELERY_PDF_QUEUE != settings.CELERY_TASK_DEFAULT_QUEUE
