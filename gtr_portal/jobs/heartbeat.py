"""A running job's sign of life, sent by a thread of the worker while the handler works.

A handler may spend minutes in one call (WeasyPrint laying out a compendium) without reporting
progress. The thread keeps `heartbeat_at` fresh meanwhile, so the sweeper tells a slow job from
one whose worker died: only the latter stops beating, and the sweeper puts it back in the queue.
"""

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connections
from django.utils import timezone

logger = logging.getLogger(__name__)


@contextmanager
def heartbeat(*, job_id: int, attempt: int, interval: float) -> Iterator[None]:
    """Beat every `interval` seconds for the attempt `attempt` of a job, until the block ends."""
    stop = threading.Event()
    thread = threading.Thread(
        target=_beat,
        kwargs={"job_id": job_id, "attempt": attempt, "interval": interval, "stop": stop},
        name=f"job-{job_id}-heartbeat",
        daemon=True,  # never keeps a worker that is shutting down alive
    )
    thread.start()
    try:
        yield
    finally:
        stop.set()
        # Waits for the thread to close its database connection; a thread stuck on a dead
        # database is not waited for long (it is a daemon, and its update is harmless).
        thread.join(timeout=5)


def _beat(*, job_id: int, attempt: int, interval: float, stop: threading.Event) -> None:
    from .models import Job

    try:
        while not stop.wait(interval):
            try:
                # Only this attempt's row: once the sweeper has taken the job back, a worker
                # that was merely slow must not make it look alive again.
                Job.objects.filter(pk=job_id, status=Job.Status.RUNNING, attempts=attempt).update(
                    heartbeat_at=timezone.now()
                )
            except Exception:
                logger.warning("Heartbeat of job %s failed; trying again", job_id, exc_info=True)
    finally:
        # Connections belong to their thread: this one would otherwise stay open until the
        # server drops it.
        connections.close_all()
