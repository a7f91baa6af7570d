"""Responses that travel light on slow, shared links."""

from django.middleware.gzip import GZipMiddleware

# Text compresses several times over; images, PDFs and office files are compressed already and
# downloads keep their Content-Length (progress bars, resumable downloads).
COMPRESSIBLE_TYPES = (
    "text/",
    "application/json",
    "application/javascript",
    "application/xml",
    "image/svg+xml",
)


class CompressTextMiddleware(GZipMiddleware):
    """Django's GZipMiddleware (with its BREACH mitigation), for text responses only."""

    def process_response(self, request, response):
        content_type = response.get("Content-Type", "").lower()
        if not content_type.startswith(COMPRESSIBLE_TYPES):
            return response
        return super().process_response(request, response)
