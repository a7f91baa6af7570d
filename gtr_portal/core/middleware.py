"""Responses that travel light on slow, shared links."""

from django.core.handlers.exception import response_for_exception
from django.http import Http404
from django.middleware.gzip import GZipMiddleware

from .errors import NotFound

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


class NotFoundMiddleware:
    """A selector that finds nothing raises the domain's NotFound; the user gets the portal's
    404 page, exactly as for Http404 (translated, logged as Django logs a 404)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, NotFound):
            return response_for_exception(request, Http404(str(exception)))
        return None
