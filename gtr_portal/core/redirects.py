"""Where to send the reader after a form: the page they came from, if it is one of ours."""

from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def safe_next_url(request: HttpRequest, *, default: str) -> str:
    """The `next` address sent with the request when it stays on this site, else `default`.

    `//evil.example/x` starts with a slash but leaves the site: only Django's own check, with
    the request's host and scheme, tells a local address from a foreign one.
    """
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return default
