"""Which function does the work of each kind of job, and on which queue it waits. Apps register
handlers in their tasks.py."""

from collections.abc import Callable
from typing import Literal

from django.conf import settings

Queue = Literal["default", "pdf"]

_handlers: dict[str, Callable] = {}
_queues: dict[str, Queue] = {}


def job_handler(kind: str, *, queue: Queue = "default"):
    """Register the handler of a kind of job. `queue="pdf"` is for long CPU-bound work (PDF
    builds): it waits on CELERY_PDF_QUEUE, served by a worker of its own at a lower priority."""

    def register(function: Callable) -> Callable:
        _handlers[kind] = function
        _queues[kind] = queue
        return function

    return register


def get_handler(kind: str) -> Callable:
    try:
        return _handlers[kind]
    except KeyError:
        raise LookupError(f"No handler registered for job kind {kind!r}") from None


def is_registered(kind: str) -> bool:
    return kind in _handlers


def queue_name(kind: str) -> str:
    """The broker queue a job of this kind is sent to."""
    if _queues.get(kind) == "pdf":
        return settings.CELERY_PDF_QUEUE
    return settings.CELERY_TASK_DEFAULT_QUEUE
