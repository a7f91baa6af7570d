"""What a user reads when a job fails: a translated reason, never a server's file path.

The full exception, traceback included, goes to the log; the job's row keeps a reason fit to
show on a page (OSError and WeasyPrint messages quote absolute paths and file:// addresses).
"""

import re

from django.utils.translation import gettext

MAX_LENGTH = 500

# A file:// address, a Windows path, or an absolute POSIX path: a slash not preceded by a word,
# a dot, a colon or another slash, so that "km/h", "12/05/2026", "./relative" and the path of an
# http:// address are left alone. One pattern, so that a replacement is never matched again.
_PATH = re.compile(
    r"file:/+[^\s'\"<>]*"
    r"|(?<![\w])[A-Za-z]:\\[^\s'\"<>]*"
    r"|(?<![\w.~:/\\-])/[^\s'\"<>,;()\[\]{}]+",
    re.IGNORECASE,
)


def _hidden(match: re.Match) -> str:
    name = re.split(r"[/\\]", match.group(0).rstrip("/\\"))[-1]
    return f"…/{name}" if name and ":" not in name else "…"


def redact_paths(text: str) -> str:
    """`text` with each absolute path or file address reduced to its last part (`…/name`)."""
    return _PATH.sub(_hidden, text)


def public_reason(text: str) -> str:
    """A reason written for the user (a handler's JobFailed), made safe to show."""
    text = redact_paths(str(text)).strip()
    return text if len(text) <= MAX_LENGTH else text[: MAX_LENGTH - 1] + "…"


def unexpected_error_reason(exc: BaseException) -> str:
    """The reason shown for an exception no handler anticipated, in the active language."""
    detail = public_reason(str(exc))
    if not detail:
        return gettext("Unexpected error (%(type)s).") % {"type": type(exc).__name__}
    return gettext("Unexpected error: %(error)s") % {"error": detail}
