"""Images shown at the size they are displayed: renditions made once with Pillow, then kept.

An uploaded photo may weigh 2 MB; a card shows it 140 px high. Each rendition is written beside
the original in the same storage the first time it is asked for, and served from there after.
"""

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


def rendition_name(original: str, size: str) -> str:
    stem = PurePosixPath(original).with_suffix("").as_posix()
    return f"renditions/{size}/{stem}.webp"


def image_rendition(file: FieldFile, size: str) -> str:
    """The storage name of `file` reduced to the rendition `size` (made now if missing)."""
    storage, name = file.storage, rendition_name(file.name, size)
    if storage.exists(name):
        return name
    with file.storage.open(file.name, "rb") as source, Image.open(source) as image:
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
