"""A request body larger than the portal accepts is refused before anything reads it.

The reverse proxy enforces the same limit (README, `client_max_body_size`); this middleware
holds it when the portal runs without one. It answers 413 from the announced Content-Length,
so the body is never read. Where the body turns out larger than announced allows (the upload
handler `gtr_portal.core.uploads.SizeLimitedUploadHandler` stops it part-way), the answer is the
same page. Django reads nothing of a body sent without a Content-Length (chunked), and keeps
fields that are not files under DATA_UPLOAD_MAX_MEMORY_SIZE.
"""

from django.conf import settings
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation

from .uploads import UPLOAD_TOO_LARGE


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if announced_length(request) > settings.REQUEST_MAX_BYTES:
            return request_too_large(request)
        response = self.get_response(request)
        if getattr(request, UPLOAD_TOO_LARGE, False):
            return request_too_large(request)
        return response


def announced_length(request) -> int:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return 0  # Django then reads nothing of the body either


def request_too_large(request) -> HttpResponse:
    # Before LocaleMiddleware, sessions and authentication: the page is in the language of the
    # address it was sent to, and is rendered without the request, so that nothing in it can
    # touch the user, the session or the body.
    language = translation.get_language_from_request(request, check_path=True)
    with translation.override(language):
        content = render_to_string("413.html", {"limit_bytes": settings.REQUEST_MAX_BYTES})
    # No "Connection: close": a WSGI application may not send hop-by-hop headers (runserver
    # fails on it, gunicorn drops it); gunicorn's sync workers close the connection anyway.
    return HttpResponse(content, status=413, headers={"Content-Language": language})
