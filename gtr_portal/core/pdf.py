"""PDF rendering with WeasyPrint, and the atomic replacement of a finished file.

No browser is involved: HTML and paged-media CSS go straight to PDF.
"""

import os
import tempfile
from pathlib import Path

from weasyprint import HTML

from .typography import typeset_document

# WeasyPrint's own advice for speed: share the image cache between renders.
IMAGE_CACHE: dict = {}


def render_pdf(*, html: str, base_url: str, target: Path, metadata: dict | None = None) -> int:
    """Render `html` to `target` and return the number of pages.

    The PDF is written next to the target under a temporary name and moved into place only
    once complete, so a failed or interrupted render never removes or corrupts the previous file.
    """
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    html = typeset_document(html)  # French PDFs get French typography, like French pages
    document = HTML(string=html, base_url=base_url).render(cache=IMAGE_CACHE)
    descriptor, temporary = tempfile.mkstemp(dir=target.parent, suffix=".part")
    try:
        with os.fdopen(descriptor, "wb") as handle:
            document.write_pdf(handle)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return len(document.pages)
