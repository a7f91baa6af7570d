"""PDF rendering with WeasyPrint, and the atomic replacement of a finished file.

No browser is involved: HTML and paged-media CSS go straight to PDF.
"""

import glob
import mimetypes
import os
import re
import socket
import tempfile
from pathlib import Path
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

from django.conf import settings
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .typography import typeset_document

# A PDF being written is named `<target name>.<host>-<pid>.<random>.part` next to its target.
# The next complete render of the target removes those whose process died on this machine; the
# hourly cleanup (gtr_portal.jobs.maintenance) removes any other left for an hour.
TEMPORARY_SUFFIX = ".part"


def render_pdf(
    *,
    html: str,
    base_url: str,
    target: Path,
    metadata: dict | None = None,
    image_cache: dict | None = None,
) -> int:
    """Render `html` to `target` and return the number of pages.

    The PDF is written next to the target under a temporary name and moved into place only
    once complete, so a failed or interrupted render never removes or corrupts the previous file.

    `image_cache`: WeasyPrint's decoded images, to share between the renders of one build (the
    French and English PDFs of an edition show the same images). Never a module-level cache: a
    long-lived worker would keep every image of every edition it ever built.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    html = typeset_document(html)  # French PDFs get French typography, like French pages
    document = HTML(string=html, base_url=base_url, url_fetcher=PortalURLFetcher()).render(
        cache={} if image_cache is None else image_cache
    )
    descriptor, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f"{target.name}.{_writer()}.", suffix=TEMPORARY_SUFFIX
    )
    try:
        with os.fdopen(descriptor, "wb") as handle:
            document.write_pdf(handle)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _remove_interrupted_temporaries(target)
    return len(document.pages)


def _host() -> str:
    return re.sub(r"[^A-Za-z0-9-]", "-", socket.gethostname()) or "host"


def _writer() -> str:
    return f"{_host()}-{os.getpid()}"


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed process nobody has reaped yet is as dead as it gets
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _remove_interrupted_temporaries(target: Path) -> None:
    """Remove the temporaries of `target` whose writer was killed mid-write (a worker's pool
    process killed for memory, say): a process of this machine that no longer runs. Those of a
    live process (another render of the same file, in a test run beside this one) or of another
    machine are left alone; the hourly cleanup takes the latter once they are old.
    """
    prefix = f"{target.name}."
    host = _host()
    for leftover in target.parent.glob(f"{glob.escape(prefix)}*{TEMPORARY_SUFFIX}"):
        writer = leftover.name[len(prefix) :].split(".", 1)[0]
        writer_host, _dash, pid = writer.rpartition("-")
        if writer_host == host and pid.isdigit() and not _process_alive(int(pid)):
            leftover.unlink(missing_ok=True)


# --- What a PDF may load ----------------------------------------------------------------------

# Images, stylesheets and fonts: never a document that could be embedded as an attachment.
PRINTABLE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".css"}
PRINTABLE_SUFFIXES |= {".woff", ".woff2", ".ttf", ".otf"}


class PortalURLFetcher(URLFetcher):
    """Loads `data:` URLs and the portal's own static and media files, read from the disk.

    Anything else is refused: another file of the machine (`file:///etc/passwd`), any address on
    the network (`http://169.254.169.254/`, the cloud's metadata service). WeasyPrint logs the
    refusal and renders without the resource (a broken image); the PDF is still built.
    """

    def __init__(self):
        super().__init__(allowed_protocols={"data"}, allow_redirects=False)

    def fetch(self, url, headers=None):
        if url[:5].lower() == "data:":
            return super().fetch(url, headers)
        path = portal_file(url)
        if path is None:
            raise ValueError(f"A PDF loads only the portal's own files, not {url[:200]!r}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(
            path.as_uri(), path.read_bytes(), headers={"Content-Type": content_type}
        )


def portal_file(url: str) -> Path | None:
    """The file on disk that `url` names, if it is one of the portal's static or media files.

    A `file:` URL must lead, once `..` and symbolic links are resolved, inside STATIC_ROOT,
    STATICFILES_DIRS, MEDIA_ROOT or PRIVATE_MEDIA_ROOT. An absolute path under STATIC_URL or
    MEDIA_URL (`{% static %}` in a print template) is looked up in those folders."""
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return None
    path = unquote(parts.path)
    static_roots = [Path(settings.STATIC_ROOT)]
    static_roots += [Path(d) for d in settings.STATICFILES_DIRS if isinstance(d, str | Path)]
    media_roots = [Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT)]
    candidates = [Path(url2pathname(path))]
    for prefix, roots in ((settings.STATIC_URL, static_roots), (settings.MEDIA_URL, media_roots)):
        if prefix and prefix.startswith("/") and path.startswith(prefix):
            candidates += [root / url2pathname(path[len(prefix) :]) for root in roots]
    for candidate in candidates:
        try:
            resolved = candidate.resolve(strict=True)
        except (OSError, RuntimeError):
            continue
        if (
            resolved.is_file()
            and resolved.suffix.lower() in PRINTABLE_SUFFIXES
            and any(_inside(resolved, root) for root in static_roots + media_roots)
        ):
            return resolved
    return None


def _inside(path: Path, root: Path) -> bool:
    try:
        return path.is_relative_to(root.resolve())
    except OSError:
        return False
