"""Which function does the work of each kind of job. Apps register handlers in their tasks.py."""

from collections.abc import Callable

_handlers: dict[str, Callable] = {}


def job_handler(kind: str):
    def register(function: Callable) -> Callable:
        _handlers[kind] = function
        return function

    return register


def get_handler(kind: str) -> Callable:
    try:
        return _handlers[kind]
    except KeyError:
        raise LookupError(f"No handler registered for job kind {kind!r}") from None


def is_registered(kind: str) -> bool:
    return kind in _handlers
