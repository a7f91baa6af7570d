"""A job whose worker dies is back in the queue within two minutes, a slow job is not mistaken
for a dead one, old jobs and orphan temporaries are cleaned up without touching a file anything
still uses, and a failure never shows a server path."""

import logging
import os
import re
import socket
import subprocess
import threading
import time
from datetime import timedelta
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.db import connections
from django.utils import timezone, translation
from django.utils.translation import gettext

from gtr_portal.core.pdf import render_pdf
from gtr_portal.jobs import maintenance, services
from gtr_portal.jobs.heartbeat import heartbeat
from gtr_portal.jobs.models import Job
from gtr_portal.jobs.reasons import redact_paths
from gtr_portal.jobs.registry import job_handler

seen: dict = {}


@job_handler("tests.recovery")
def recovery_handler(job):
    action = job.params.get("action")
    if action == "slow":
        time.sleep(job.params["seconds"])
        seen["heartbeat_at"] = Job.objects.get(pk=job.pk).heartbeat_at
    elif action == "disk":
        raise OSError(28, "No space left on device", "/srv/gtr/private-media/compendium/a.pdf")
    elif action == "weasyprint":
        raise ValueError("Failed to load image at file:///srv/gtr/private-media/practices/x.png")
    elif action == "silent":
        raise RuntimeError()
    elif action == "taken_back":
        # Meanwhile the sweeper took this worker for dead and put the job back in the queue.
        Job.objects.filter(pk=job.pk).update(status="queued", dispatched_at=None)
    return {"ok": True}


@pytest.fixture(autouse=True)
def _reset_seen():
    seen.clear()


def enqueue(language="en", **params) -> Job:
    return services.job_enqueue(
        kind="tests.recovery", subject="tests:recovery", params=params, language=language
    )


def heartbeat_threads() -> list[threading.Thread]:
    return [t for t in threading.enumerate() if t.name.endswith("-heartbeat")]


# --- Heartbeat ------------------------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_a_slow_job_keeps_beating_while_its_handler_works_without_reporting(settings):
    settings.JOBS_HEARTBEAT_SECONDS = 0.05
    job = enqueue(action="slow", seconds=0.4)

    services.job_run(job_id=job.pk)

    job.refresh_from_db()
    assert job.status == "done"
    assert seen["heartbeat_at"] > job.started_at
    assert heartbeat_threads() == []


@pytest.mark.django_db(transaction=True)
def test_the_heartbeat_thread_closes_its_own_database_connection():
    job = enqueue()
    Job.objects.filter(pk=job.pk).update(status="running", attempts=1)
    closed_by = []
    close_all = connections.close_all

    def recording_close_all():
        closed_by.append(threading.current_thread().name)
        close_all()

    closing = mock.patch.object(connections, "close_all", side_effect=recording_close_all)
    with closing, heartbeat(job_id=job.pk, attempt=1, interval=0.02):
        time.sleep(0.1)

    assert closed_by == [f"job-{job.pk}-heartbeat"]


@pytest.mark.django_db(transaction=True)
def test_an_old_attempt_cannot_make_a_job_taken_back_look_alive():
    job = enqueue()
    long_ago = timezone.now() - timedelta(minutes=5)
    Job.objects.filter(pk=job.pk).update(status="running", attempts=2, heartbeat_at=long_ago)

    with heartbeat(job_id=job.pk, attempt=1, interval=0.02):
        time.sleep(0.1)

    job.refresh_from_db()
    assert job.heartbeat_at == long_ago


@pytest.mark.django_db
def test_a_worker_that_was_only_slow_does_not_overwrite_the_job_it_lost():
    job = enqueue(action="taken_back")

    services.job_run(job_id=job.pk)

    job.refresh_from_db()
    assert (job.status, job.finished_at, job.result) == ("queued", None, {})


# --- Sweeper --------------------------------------------------------------------------------


def test_by_default_a_dead_worker_is_noticed_within_two_minutes():
    beat = django_settings.JOBS_HEARTBEAT_SECONDS
    stale = django_settings.JOBS_STALE_AFTER_SECONDS
    sweep = django_settings.CELERY_BEAT_SCHEDULE["jobs-sweep"]["schedule"]

    assert (beat, stale, sweep) == (15, 60, 30)
    assert stale >= 3 * beat, "a live worker may miss a beat or two without losing its job"
    assert stale + sweep <= 120


@pytest.mark.django_db
@pytest.mark.parametrize("sweep_phase", [0, 1, 17, 29])
def test_a_job_whose_worker_died_is_queued_and_sent_again_within_two_minutes(freezer, sweep_phase):
    job = enqueue()
    died_at = timezone.now()
    Job.objects.filter(pk=job.pk).update(
        status="running", attempts=1, started_at=died_at, heartbeat_at=died_at
    )

    sent_at = None
    with mock.patch("gtr_portal.celery.app.send_task") as send:
        for second in range(sweep_phase, 180, 30):  # the sweeps, every 30 s
            freezer.move_to(died_at + timedelta(seconds=second))
            services.job_sweep()
            if send.called:
                sent_at = second
                break

    assert sent_at is not None and sent_at <= 120
    job.refresh_from_db()
    assert job.status == "queued" and job.dispatched_at is not None
    assert job.error == "The worker stopped before the job could finish; the job was queued again."


@pytest.mark.django_db
def test_a_job_beating_every_15_seconds_is_never_taken_from_its_worker(freezer):
    job = enqueue()
    start = timezone.now()
    Job.objects.filter(pk=job.pk).update(status="running", attempts=1, heartbeat_at=start)

    with mock.patch("gtr_portal.celery.app.send_task") as send:
        for second in range(0, 600, 5):
            freezer.move_to(start + timedelta(seconds=second))
            if second % 15 == 0:
                Job.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now())
            if second % 30 == 7:
                assert services.job_sweep() == {"failed": 0, "requeued": 0, "sent": 0}

    send.assert_not_called()
    assert Job.objects.get(pk=job.pk).status == "running"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_job_whose_worker_keeps_dying_fails_with_a_reason_in_its_language(language):
    job = enqueue(language=language)
    long_ago = timezone.now() - timedelta(minutes=5)
    Job.objects.filter(pk=job.pk).update(
        status="running", attempts=job.max_attempts, heartbeat_at=long_ago
    )

    assert services.job_sweep()["failed"] == 1

    job.refresh_from_db()
    assert job.status == "failed" and job.finished_at is not None
    with translation.override(language):
        expected = gettext(
            "The worker stopped before the job could finish, too many times: the job was "
            "given up. Try again later."
        )
    assert job.error == expected


@pytest.mark.django_db
def test_a_message_the_broker_lost_is_sent_again_but_not_one_sent_a_moment_ago(settings):
    job = enqueue()
    Job.objects.filter(pk=job.pk).update(dispatched_at=timezone.now())

    with mock.patch("gtr_portal.celery.app.send_task") as send:
        assert services.job_sweep()["sent"] == 0
        lost = timezone.now() - timedelta(seconds=settings.JOBS_RESEND_AFTER_SECONDS + 1)
        Job.objects.filter(pk=job.pk).update(dispatched_at=lost)
        assert services.job_sweep()["sent"] == 1

    assert send.call_count == 1


@pytest.mark.django_db
def test_a_job_retried_after_an_error_waits_longer_each_time(settings):
    settings.JOBS_RETRY_DELAY_SECONDS = 7
    job = enqueue(action="disk")

    with mock.patch.object(services, "job_dispatch") as redispatch:
        services.job_run(job_id=job.pk)
        services.job_run(job_id=job.pk)

    assert [c.kwargs["countdown"] for c in redispatch.call_args_list] == [7, 14]


# --- What users read when a job fails -------------------------------------------------------


@pytest.mark.django_db
def test_a_failure_shows_no_server_path_but_the_log_keeps_it(caplog):
    job = enqueue(action="disk")
    Job.objects.filter(pk=job.pk).update(max_attempts=1)

    with caplog.at_level(logging.ERROR, logger="gtr_portal.jobs.services"):
        services.job_run(job_id=job.pk)

    job.refresh_from_db()
    assert job.status == "failed"
    assert "/srv" not in job.error and "private-media" not in job.error
    assert job.error == "Unexpected error: [Errno 28] No space left on device: '…/a.pdf'"
    assert "/srv/gtr/private-media/compendium/a.pdf" in caplog.text


@pytest.mark.django_db
def test_a_file_address_in_a_rendering_error_is_hidden_too():
    job = enqueue(action="weasyprint")
    Job.objects.filter(pk=job.pk).update(max_attempts=1)

    services.job_run(job_id=job.pk)

    job.refresh_from_db()
    assert job.error == "Unexpected error: Failed to load image at …/x.png"


@pytest.mark.django_db
def test_an_error_without_a_message_shows_its_kind():
    job = enqueue(action="silent")
    Job.objects.filter(pk=job.pk).update(max_attempts=1)

    services.job_run(job_id=job.pk)

    job.refresh_from_db()
    assert job.error == "Unexpected error (RuntimeError)."


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("cannot open '/var/lib/gtr/x.pdf'", "cannot open '…/x.pdf'"),
        ("in /srv/gtr/media/", "in …/media"),
        (r"C:\gtr\media\x.pdf missing", "…/x.pdf missing"),
        ("see http://example.org/a/b and 12/05/2026 at 50 km/h", None),
        ("relative media/x.pdf and ./y", None),
        ("a / b", None),
    ],
)
def test_absolute_paths_are_reduced_to_their_last_part(text, shown):
    assert redact_paths(text) == (shown or text)


# --- Old jobs and orphan files --------------------------------------------------------------


@pytest.fixture
def private_root(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "public"
    return settings.PRIVATE_MEDIA_ROOT


def put(root: Path, name: str, *, age_seconds: float = 0) -> Path:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.7")
    when = time.time() - age_seconds
    os.utime(path, (when, when))
    return path


def finished_job(*, days_ago: float, status="done", files=(), subject="tests:recovery") -> Job:
    finished = timezone.now() - timedelta(days=days_ago)
    return Job.objects.create(
        kind="tests.recovery",
        subject=subject,
        language="en",
        status=status,
        finished_at=finished,
        result={"files": list(files)} if files else {},
    )


@pytest.mark.django_db
def test_jobs_finished_long_ago_go_with_the_files_only_they_referenced(private_root, settings):
    from best_practices.models import CompendiumEdition, EditionFile

    export = put(private_root, "exports/old.csv")
    current_pdf = put(private_root, "compendium/recueil-2026-fr.pdf")
    shared = put(private_root, "exports/shared.csv")
    edition = CompendiumEdition.objects.create(
        slug="recueil-2026", title_fr="Recueil", period_start=2026, period_end=2026
    )
    EditionFile.objects.create(
        edition=edition,
        language="fr",
        file="compendium/recueil-2026-fr.pdf",
        size=8,
        pages=1,
        content_hash="x",
        built_at=timezone.now(),
    )
    old = finished_job(days_ago=settings.JOBS_KEEP_DAYS + 1, files=["exports/old.csv"])
    old_build = finished_job(
        days_ago=200, status="failed", files=["compendium/recueil-2026-fr.pdf"], subject="b"
    )
    old_shared = finished_job(days_ago=200, files=["exports/shared.csv"], subject="c")
    recent_shared = finished_job(days_ago=1, files=["exports/shared.csv"], subject="d")
    recent = finished_job(days_ago=settings.JOBS_KEEP_DAYS - 1, subject="e")
    active = Job.objects.create(kind="tests.recovery", subject="f", language="en")
    Job.objects.filter(pk=active.pk).update(created_at=timezone.now() - timedelta(days=400))

    outcome = maintenance.jobs_prune()

    assert outcome == {"jobs": 3, "files": 1}
    remaining = set(Job.objects.values_list("pk", flat=True))
    assert remaining == {recent_shared.pk, recent.pk, active.pk}
    assert {old.pk, old_build.pk, old_shared.pk}.isdisjoint(remaining)
    assert not export.exists()
    assert current_pdf.exists(), "the edition's current PDF is never removed"
    assert shared.exists(), "a file a kept job still lists stays"


@pytest.mark.django_db
def test_orphan_temporaries_older_than_an_hour_are_removed_and_nothing_else(private_root):
    public_root = Path(django_settings.MEDIA_ROOT)
    hour = 60 * 60
    orphan = put(private_root, "compendium/recueil-2026-fr.pdf.k2j4.part", age_seconds=hour + 60)
    public_orphan = put(public_root, "misc/x.pdf.abcd.part", age_seconds=2 * hour)
    being_written = put(private_root, "reports/report-3-en.pdf.z9.part", age_seconds=30)
    old_pdf = put(private_root, "compendium/recueil-2020-fr.pdf", age_seconds=100 * hour)

    assert maintenance.temporary_files_remove() == 2

    assert not orphan.exists() and not public_orphan.exists()
    assert being_written.exists()
    assert old_pdf.exists()


@pytest.mark.django_db
def test_a_temporary_name_that_a_live_object_references_is_kept(private_root):
    from best_practices.models import CompendiumEdition, EditionFile

    odd = put(private_root, "compendium/odd.part", age_seconds=10 * 60 * 60)
    edition = CompendiumEdition.objects.create(
        slug="odd", title_fr="Odd", period_start=2026, period_end=2026
    )
    EditionFile.objects.create(
        edition=edition,
        language="fr",
        file="compendium/odd.part",
        size=8,
        pages=1,
        content_hash="x",
        built_at=timezone.now(),
    )

    assert maintenance.temporary_files_remove() == 0
    assert odd.exists()


def test_a_finished_render_removes_the_temporaries_of_its_file_whose_writer_died(tmp_path):
    host = re.sub(r"[^A-Za-z0-9-]", "-", socket.gethostname())
    finished = subprocess.Popen(["true"])
    finished.wait()  # a process of this machine that ran and ended
    target = tmp_path / "recueil-2026-fr.pdf"
    killed = put(tmp_path, f"recueil-2026-fr.pdf.{host}-{finished.pid}.q1w2e3.part")
    live = put(tmp_path, f"recueil-2026-fr.pdf.{host}-{os.getpid()}.a1s2d3.part")
    elsewhere = put(tmp_path, f"recueil-2026-fr.pdf.other-machine-{finished.pid}.z1x2c3.part")
    other_file = put(tmp_path, f"recueil-2026-en.pdf.{host}-{finished.pid}.r4t5y6.part")

    pages = render_pdf(html="<p>Bonjour</p>", base_url=tmp_path.as_uri() + "/", target=target)

    assert pages == 1
    assert target.read_bytes().startswith(b"%PDF")
    assert not killed.exists()
    assert live.exists(), "another render of the same file, still running, keeps its own"
    assert elsewhere.exists(), "another machine's processes cannot be checked from here"
    assert other_file.exists(), "another file's render may still be writing"
