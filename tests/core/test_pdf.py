"""Rendering PDFs in a long-lived worker (issue 12: the image cache never shrank)."""

import base64
import io

from PIL import Image

from gtr_portal.core import pdf
from gtr_portal.core.pdf import render_pdf


def png_data_url() -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), "#0b3d6e").save(buffer, "PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode()


def test_decoded_images_live_as_long_as_the_build_that_shares_them(tmp_path):
    html = f'<p>Logo</p><img src="{png_data_url()}" alt="">'
    build_cache: dict = {}

    render_pdf(
        html=html,
        base_url=tmp_path.as_uri() + "/",
        target=tmp_path / "fr.pdf",
        image_cache=build_cache,
    )
    render_pdf(html=html, base_url=tmp_path.as_uri() + "/", target=tmp_path / "alone.pdf")

    assert build_cache, "the renders of one build (French and English) share decoded images"
    module_caches = [v for k, v in vars(pdf).items() if k.isupper() and isinstance(v, dict)]
    assert module_caches == [], "a module-level cache would keep every image a worker saw"
