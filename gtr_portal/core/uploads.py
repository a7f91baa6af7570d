"""Checks every uploaded file by its size and by its real type (magic bytes), never by its name,
and stores the files a service writes so that a failure leaves nothing behind.

A file renamed from .exe to .pdf is refused; so is an image that Pillow cannot open, a PDF that
does not parse into at least one page, an office document whose archive would inflate to
absurd sizes, and an image too large in pixels to decode. None of these checks decodes or
extracts the content: headers and directories only.
"""

import logging
import warnings
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import RequestDataTooBig, ValidationError
from django.core.files.uploadhandler import FileUploadHandler
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import UnidentifiedImageError
from pypdf import PasswordType, PdfReader

from .errors import DomainError
from .images import IMAGE_MAX_PIXELS, ImageTooLarge, open_image

logger = logging.getLogger(__name__)

MB = 1024 * 1024

# An office document is a zip archive. Real ones inflate to a few times their size (XML
# compresses about 10:1); a "zip bomb" inflates a few kilobytes to gigabytes. Whoever opens the
# file later (the reviewer's office software, an indexer) would pay for it.
OFFICE_MAX_UNCOMPRESSED_BYTES = 100 * MB
OFFICE_MAX_MEMBERS = 5000
OFFICE_MAX_RATIO = 200  # for a member that inflates past OFFICE_RATIO_FROM_BYTES
OFFICE_RATIO_FROM_BYTES = 1 * MB

STORAGE_FAILED = _(
    "The file could not be stored; nothing was saved. Try again later or tell the secretariat."
)


@dataclass(frozen=True)
class FileKind:
    label: str
    extensions: tuple[str, ...]
    mime_types: tuple[str, ...]


PDF = FileKind("PDF", ("pdf",), ("application/pdf",))
IMAGES = FileKind(
    "image",
    ("png", "jpg", "jpeg", "webp", "gif"),
    ("image/png", "image/jpeg", "image/webp", "image/gif"),
)
OFFICE = FileKind(
    "office",
    ("docx", "xlsx", "pptx", "odt", "ods", "odp"),
    (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/vnd.oasis.opendocument.text",
        "application/vnd.oasis.opendocument.spreadsheet",
        "application/vnd.oasis.opendocument.presentation",
    ),
)
DOCUMENTS = (PDF, OFFICE, IMAGES)

_OFFICE_MIME_BY_EXTENSION = dict(zip(OFFICE.extensions, OFFICE.mime_types, strict=True))


def sniff_mime_type(upload) -> str | None:
    """The type the file's content says it is, whatever its name says."""
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    guess = filetype.guess(head)
    mime = guess.mime if guess else None
    extension = _extension(upload.name)
    # Office documents are zip archives: look inside for the part that names their kind.
    if mime in (None, "application/zip") and extension in _OFFICE_MIME_BY_EXTENSION:
        if _is_office_archive(upload, extension):
            return _OFFICE_MIME_BY_EXTENSION[extension]
        return mime
    if guess and guess.extension in OFFICE.extensions:
        return _OFFICE_MIME_BY_EXTENSION[guess.extension]
    return mime


def _extension(name: str) -> str:
    return name.rsplit(".", 1)[-1].lower() if "." in name else ""


def _is_office_archive(upload, extension: str) -> bool:
    marker = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}.get(extension)
    try:
        with zipfile.ZipFile(upload) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    finally:
        upload.seek(0)
    if marker:
        return "[Content_Types].xml" in names and any(n.startswith(marker) for n in names)
    return "mimetype" in names


def validate_upload(upload, *, kinds: tuple[FileKind, ...], max_bytes: int) -> str:
    """Raise a translated ValidationError unless the file is small enough and really one of
    `kinds`. Returns the sniffed MIME type."""
    if upload.size > max_bytes:
        raise ValidationError(
            _("“%(name)s” is too large (%(size)s); the limit is %(limit)s."),
            code="file_too_large",
            params={
                "name": upload.name,
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(max_bytes),
            },
        )
    allowed = {mime for kind in kinds for mime in kind.mime_types}
    extensions = {ext for kind in kinds for ext in kind.extensions}
    mime = sniff_mime_type(upload)
    if mime not in allowed or _extension(upload.name) not in extensions:
        raise ValidationError(
            _(
                "“%(name)s” is not an accepted file. Accepted: %(extensions)s. "
                "The content of the file is checked, not only its name."
            ),
            code="file_type",
            params={"name": upload.name, "extensions": ", ".join(sorted(extensions))},
        )
    if mime in IMAGES.mime_types:
        _verify_image(upload)
    elif mime in PDF.mime_types:
        _verify_pdf(upload)
    elif mime in OFFICE.mime_types:
        _verify_archive(upload)
    return mime


def _verify_image(upload) -> None:
    try:
        with open_image(upload) as image:
            image.verify()
    except ImageTooLarge:
        raise ValidationError(
            _(
                "“%(name)s” has too many pixels: the limit is %(limit)s million. "
                "Reduce the image and send it again."
            ),
            code="image_too_large",
            params={"name": upload.name, "limit": IMAGE_MAX_PIXELS // 1_000_000},
        ) from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise ValidationError(
            _("“%(name)s” is damaged or is not really an image."),
            code="file_type",
            params={"name": upload.name},
        ) from None
    finally:
        upload.seek(0)


def _verify_pdf(upload) -> None:
    """A real PDF parses and has at least one page: "%PDF-" followed by a web page does not.
    pypdf reads the cross-reference table and the page tree, never the pages' content."""
    protected = False
    try:
        with warnings.catch_warnings():
            # A damaged file makes pypdf warn before it fails; only the outcome matters here.
            warnings.simplefilter("ignore")
            upload.seek(0)
            reader = PdfReader(upload, strict=False)
            if reader.is_encrypted and reader.decrypt("") == PasswordType.NOT_DECRYPTED:
                protected = True
                pages = 0
            else:
                pages = len(reader.pages)
    except Exception:  # a hostile file can break the parser in any way: it is simply refused
        pages = 0
    finally:
        upload.seek(0)
    if protected:
        raise ValidationError(
            _("“%(name)s” is protected by a password. Send a copy without one."),
            code="file_protected",
            params={"name": upload.name},
        )
    if pages < 1:
        raise ValidationError(
            _("“%(name)s” is damaged or is not really a PDF document."),
            code="file_type",
            params={"name": upload.name},
        )


def _verify_archive(upload) -> None:
    """Read the zip's directory (the sizes it declares), never its content."""
    try:
        with zipfile.ZipFile(upload) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        members = None
    finally:
        upload.seek(0)
    inflated = sum(member.file_size for member in members or ())
    if (
        members is None
        or len(members) > OFFICE_MAX_MEMBERS
        or inflated > OFFICE_MAX_UNCOMPRESSED_BYTES
        or any(
            member.file_size > OFFICE_RATIO_FROM_BYTES
            and member.file_size > OFFICE_MAX_RATIO * max(member.compress_size, 1)
            for member in members
        )
    ):
        raise ValidationError(
            _(
                "“%(name)s” would expand to more than %(limit)s once opened, or is built in a "
                "way the portal does not accept. Save it again from your office software, or "
                "send it as a PDF."
            ),
            code="archive_too_large",
            params={"name": upload.name, "limit": filesizeformat(OFFICE_MAX_UNCOMPRESSED_BYTES)},
        )


class StoredFiles:
    """The files one service call writes, removed again if the call fails: the database rolls
    back, the disk would not. A storage failure (disk full, folder not writable) becomes a
    DomainError the form shows, with what the user typed kept.

        with StoredFiles() as stored:
            stored.save(evidence.file, upload.name, upload)
    """

    def __enter__(self) -> "StoredFiles":
        self._written: list[tuple] = []
        return self

    def save(self, field_file, name: str, content) -> None:
        field_file.save(name, content, save=False)
        self.track(field_file.storage, field_file.name)

    def track(self, storage, name: str) -> None:
        """A file written some other way (an image's renditions)."""
        self._written.append((storage, name))

    def __exit__(self, exc_type, exc, traceback) -> bool:
        if exc_type is None:
            return False
        for storage, name in reversed(self._written):
            try:
                storage.delete(name)
            except OSError:
                logger.warning("Could not remove %s after a failed upload", name, exc_info=True)
        if issubclass(exc_type, OSError):
            logger.error("Storing an uploaded file failed", exc_info=exc)
            raise DomainError(STORAGE_FAILED) from exc
        return False


# Set on the request when SizeLimitedUploadHandler stops its body; the middleware answers 413.
UPLOAD_TOO_LARGE = "gtr_upload_too_large"


class SizeLimitedUploadHandler(FileUploadHandler):
    """Stops reading a multipart body as soon as the files in it pass settings.REQUEST_MAX_BYTES:
    the chunk that passes the limit goes to no later handler, so nothing past it is written to
    memory or disk, and the files received so far are closed (temporary files deleted).

    RequestSizeLimitMiddleware refuses an announced Content-Length before anything reads the
    body; this holds the limit where the announced length is not what arrives (a server that
    passes on a chunked body) or where a view is reached without the middleware. Django itself
    reads no more than the announced length, and nothing of a body sent without one. Fields
    that are not files are bounded by DATA_UPLOAD_MAX_MEMORY_SIZE.
    """

    def __init__(self, request=None):
        super().__init__(request)
        self.received = 0

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.REQUEST_MAX_BYTES:
            self._discard_files_in_progress()
            # Not StopUpload: that would hand the view the files received so far as if they
            # were all, and a form could save half a submission.
            raise RequestDataTooBig("The uploaded files pass REQUEST_MAX_BYTES.")
        return raw_data

    def _discard_files_in_progress(self) -> None:
        """Close (and so delete) the file the next handlers were writing: Django does it on
        StopUpload only, and the files already complete are closed by the parser."""
        if self.request is None:
            return
        setattr(self.request, UPLOAD_TOO_LARGE, True)
        for handler in self.request.upload_handlers:
            file = getattr(handler, "file", None)
            if handler is not self and file is not None:
                file.close()

    def file_complete(self, file_size):
        return None
