"""Checks every uploaded file by its size and by its real type (magic bytes), never by its name.

A file renamed from .exe to .pdf is refused; so is an image that Pillow cannot open.
"""

import zipfile
from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

MB = 1024 * 1024


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
    except zipfile.BadZipFile:
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
    return mime


def _verify_image(upload) -> None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(upload) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError):
        raise ValidationError(
            _("“%(name)s” is damaged or is not really an image."),
            code="file_type",
            params={"name": upload.name},
        ) from None
    finally:
        upload.seek(0)
