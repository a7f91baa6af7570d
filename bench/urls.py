"""The portal's addresses, plus /bench/bare/: a Django view with no template and no query,
served by the same gunicorn workers through the same middleware. Each page's throughput is
reported as a ratio to it, measured side by side (the machines here are shared and noisy)."""

from django.http import HttpResponse
from django.urls import path

from gtr_portal.urls import handler403  # noqa: F401 (the portal's error pages)
from gtr_portal.urls import urlpatterns as portal_urlpatterns


def bare(request):
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/bare/", bare), *portal_urlpatterns]
