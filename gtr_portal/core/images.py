"""Images shown at the size they are displayed: renditions made once with Pillow, then kept.

An uploaded photo may weigh 2 MB; a card shows it 140 px high. Each rendition is written beside
the original in the same storage the first time it is asked for, and served from there after.
"""

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from io import BytesIO
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.db.models.fields.files import FieldFile
from PIL import Image, ImageOps

# name: (width, height, crop). A card shows 140 px high and up to about 400 px wide, the image's
# left part kept (`object-position: left center`): cut to that shape, nothing sent is hidden.
# A large image fills the text column (at most 960 px) and keeps its shape.
RENDITIONS = {
    "card": (400, 140, True),
    "large": (960, 720, False),
}
QUALITY = 75
# A 48-megapixel phone photo passes; a 30000 × 30000 image of a few kilobytes (a "pixel flood",
# 3.6 GB once decoded) does not. Pillow's own guard (MAX_IMAGE_PIXELS) only warns below twice
# its 89 million pixels.
IMAGE_MAX_PIXELS = 50_000_000


class ImageTooLarge(ValueError):
    """The image has more pixels than the portal decodes (IMAGE_MAX_PIXELS)."""


@contextmanager
def open_image(source) -> Iterator[Image.Image]:
    """Pillow's Image.open, which reads only the header, refusing with ImageTooLarge an image
    whose size passes IMAGE_MAX_PIXELS before anything decodes its pixels."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(source)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
            raise ImageTooLarge(str(error)) from None
    with image:
        width, height = image.size
        if width * height > IMAGE_MAX_PIXELS:
            raise ImageTooLarge(f"{width} × {height} pixels")
        yield image


def rendition_name(original: str, size: str) -> str:
    stem = PurePosixPath(original).with_suffix("").as_posix()
    return f"renditions/{size}/{stem}.webp"


def image_rendition(file: FieldFile, size: str) -> str:
    """The storage name of `file` reduced to the rendition `size` (made now if missing).

    Raises ImageTooLarge, without decoding it, for an image of more than IMAGE_MAX_PIXELS (one
    stored before uploads were checked for it)."""
    storage, name = file.storage, rendition_name(file.name, size)
    if storage.exists(name):
        return name
    with file.storage.open(file.name, "rb") as source, open_image(source) as image:
        image = ImageOps.exif_transpose(image)
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if "transparency" in image.info else "RGB")
        width, height, crop = RENDITIONS[size]
        if crop:
            image = ImageOps.fit(
                image, (width, height), Image.Resampling.LANCZOS, centering=(0, 0.5)
            )
        else:
            image.thumbnail((width, height), Image.Resampling.LANCZOS)
        buffer = BytesIO()
        image.save(buffer, "WEBP", quality=QUALITY, method=6)
    saved = storage.save(name, ContentFile(buffer.getvalue()))
    if saved != name:  # another request made it meanwhile: keep one copy
        storage.delete(saved)
    return name


def renditions_delete(file: FieldFile) -> None:
    for size in RENDITIONS:
        file.storage.delete(rendition_name(file.name, size))
