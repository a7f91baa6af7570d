"""PDF rendering with WeasyPrint, and the per-language PDF files of a document (an edition of the
compendium, a report), each replaced only by a complete new file and kept while unchanged.

No browser is involved: HTML and paged-media CSS go straight to PDF.
"""

import hashlib
import mimetypes
import posixpath
from collections.abc import Callable, Sequence
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit
from urllib.request import url2pathname

import weasyprint
from django.conf import settings
from django.core.files.storage import Storage, default_storage
from django.utils import timezone, translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from .storage import file_replacing, is_local, path_replacing, private_storage
from .typography import typeset_document


def render_pdf(
    *,
    html: str,
    base_url: str,
    target: Path | str,
    storage: Storage | None = None,
    metadata: dict | None = None,
    image_cache: dict | None = None,
) -> int:
    """Render `html` to `target` and return the number of pages.

    `target` is a name in `storage` or, without a storage, a path of this machine. The earlier
    file stays until the new one is complete, so a failed or interrupted render never removes
    or corrupts it (gtr_portal.core.storage.file_replacing).

    `image_cache`: WeasyPrint's decoded images, to share between the renders of one build (the
    French and English PDFs of an edition show the same images). Never a module-level cache: a
    long-lived worker would keep every image of every edition it ever built.
    """
    pages, _size = _render(
        html=html, base_url=base_url, target=target, storage=storage, image_cache=image_cache
    )
    return pages


def _render(
    *, html: str, base_url: str, target, storage: Storage | None, image_cache: dict | None
) -> tuple[int, int]:
    html = typeset_document(html)  # French PDFs get French typography, like French pages
    document = HTML(string=html, base_url=base_url, url_fetcher=PortalURLFetcher()).render(
        cache={} if image_cache is None else image_cache
    )
    replacing = path_replacing(Path(target)) if storage is None else file_replacing(storage, target)
    with replacing as handle:
        document.write_pdf(handle)
        size = handle.tell()
    return len(document.pages), size


def private_files_base_url() -> str:
    """The base URL of a print template whose relative links (`<img src="{{ image.name }}">`)
    name private files; the fetcher reads them from the private storage, wherever it is."""
    return Path(settings.PRIVATE_MEDIA_ROOT).resolve().as_uri() + "/"


def pdf_files_build(
    *,
    files,
    name: Callable[[str], str],
    render_html: Callable[[str], str],
    languages: Sequence[str] | None = None,
    content_hash: Callable[[str], str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> dict[str, dict]:
    """Render a document to PDF in each language and record each file in its row of `files`;
    return what was done per language.

    `files`: the related manager of the document's file rows (`edition.files`, `report.files`),
    whose model has `language`, `file` (in the private storage), `size`, `pages`,
    `content_hash` and `built_at`. `name(language)`: the file's name in that storage.
    `render_html(language)`: the print document, called in that language.
    `content_hash(language)`: everything the PDF depends on, when it can be known without
    rendering the HTML; otherwise the hash of the HTML itself. A file whose hash is unchanged
    and which is still in the storage is kept as it is.
    `progress(percent)`: told after each language (a job's progress, say).
    """
    storage = files.model._meta.get_field("file").storage
    languages = list(languages or [code for code, _name in settings.LANGUAGES])
    images: dict = {}  # decoded once for all languages of this build, then let go
    results = {}
    for index, language in enumerate(languages, start=1):
        html = None
        if content_hash is not None:
            digest = content_hash(language)
        else:
            html = _html(render_html, language)
            digest = html_hash(html)
        existing = files.filter(language=language).first()
        if existing and existing.content_hash == digest and storage.exists(existing.file.name):
            results[language] = {"pages": existing.pages, "size": existing.size, "reused": True}
        else:
            target = name(language)
            pages, size = _render(
                html=_html(render_html, language) if html is None else html,
                base_url=private_files_base_url(),
                target=target,
                storage=storage,
                image_cache=images,
            )
            files.update_or_create(
                language=language,
                defaults={
                    "file": target,
                    "size": size,
                    "pages": pages,
                    "content_hash": digest,
                    "built_at": timezone.now(),
                },
            )
            results[language] = {"pages": pages, "size": size, "reused": False}
        if progress is not None:
            progress(int(100 * index / len(languages)))
    return results


def _html(render_html: Callable[[str], str], language: str) -> str:
    with translation.override(language):
        return render_html(language)


def html_hash(html: str) -> str:
    """A print document's identity: the same HTML through the same WeasyPrint, the same PDF."""
    digest = hashlib.sha256(f"weasyprint {weasyprint.__version__}\0".encode())
    digest.update(html.encode())
    return digest.hexdigest()


# --- What a PDF may load ----------------------------------------------------------------------

# Images, stylesheets and fonts: never a document that could be embedded as an attachment.
PRINTABLE_SUFFIXES = {".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".css"}
PRINTABLE_SUFFIXES |= {".woff", ".woff2", ".ttf", ".otf"}


class PortalURLFetcher(URLFetcher):
    """Loads `data:` URLs, the portal's own static files (from the disk) and its media files
    (public or private, read through their storage: a folder or a bucket).

    Anything else is refused: another file of the machine (`file:///etc/passwd`), any address on
    the network (`http://169.254.169.254/`, the cloud's metadata service). WeasyPrint logs the
    refusal and renders without the resource (a broken image); the PDF is still built.
    """

    def __init__(self):
        super().__init__(allowed_protocols={"data"}, allow_redirects=False)

    def fetch(self, url, headers=None):
        if url[:5].lower() == "data:":
            return super().fetch(url, headers)
        stored = portal_stored_file(url)
        if stored is not None:
            storage, name = stored
            with storage.open(name, "rb") as file:
                content = file.read()
        else:
            path = portal_file(url, media=False)
            if path is None:
                raise ValueError(f"A PDF loads only the portal's own files, not {url[:200]!r}")
            name, content = path.name, path.read_bytes()
        content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, content, headers={"Content-Type": content_type})


def _file_url_path(url: str) -> str | None:
    parts = urlsplit(url)
    if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
        return None
    return unquote(parts.path)


def portal_stored_file(url: str) -> tuple[Storage, str] | None:
    """The media file that `url` names, as its storage and its name there, if it exists.

    A `file:` URL under MEDIA_ROOT or PRIVATE_MEDIA_ROOT (a relative link in a print template
    whose base URL is private_files_base_url()) names a file of that storage, even when the
    storage is a bucket; an absolute path under MEDIA_URL is looked up in both storages. Names
    that climb out (`..`) are refused, and in a folder so are links that lead out of it."""
    path = _file_url_path(url)
    if path is None:
        return None
    private, public = private_storage(), default_storage
    candidates = []
    for storage, root in ((private, settings.PRIVATE_MEDIA_ROOT), (public, settings.MEDIA_ROOT)):
        for prefix in {Path(root).as_posix(), Path(root).resolve().as_posix()}:
            if path.startswith(prefix.rstrip("/") + "/"):
                candidates.append((storage, path[len(prefix.rstrip("/")) + 1 :]))
    prefix = settings.MEDIA_URL
    if prefix and prefix.startswith("/") and path.startswith(prefix):
        candidates += [(public, path[len(prefix) :]), (private, path[len(prefix) :])]
    for storage, name in candidates:
        name = _clean_name(name)
        if name is None or PurePosixPath(name).suffix.lower() not in PRINTABLE_SUFFIXES:
            continue
        if is_local(storage):
            if _inside_folder(storage, name):
                return storage, name
        elif storage.exists(name):
            return storage, name
    return None


def _clean_name(name: str) -> str | None:
    if not name or name.startswith("/") or "\0" in name:
        return None
    cleaned = posixpath.normpath(name)
    if cleaned in (".", "..") or cleaned.startswith("../"):
        return None
    return cleaned


def _inside_folder(storage: Storage, name: str) -> bool:
    """A regular file of the storage's folder once symbolic links are followed."""
    try:
        resolved = Path(storage.path(name)).resolve(strict=True)
    except (OSError, RuntimeError, ValueError):
        return False
    return resolved.is_file() and _inside(resolved, Path(storage.location))


def portal_file(url: str, *, media: bool = True) -> Path | None:
    """The file on disk that `url` names, if it is one of the portal's static files (or, with
    `media`, of its media folders on this machine).

    A `file:` URL must lead, once `..` and symbolic links are resolved, inside STATIC_ROOT,
    STATICFILES_DIRS, MEDIA_ROOT or PRIVATE_MEDIA_ROOT. An absolute path under STATIC_URL or
    MEDIA_URL (`{% static %}` in a print template) is looked up in those folders."""
    path = _file_url_path(url)
    if path is None:
        return None
    static_roots = [Path(settings.STATIC_ROOT)]
    static_roots += [Path(d) for d in settings.STATICFILES_DIRS if isinstance(d, str | Path)]
    media_roots = [Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT)] if media else []
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
