"""Liveness of the portal and of what it depends on, for load balancers and monitoring."""

from django.conf import settings
from django.db import connection
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import translate_url
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from gtr_portal.celery import app as celery_app
from gtr_portal.core.redirects import safe_next_url


def _database_ok() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:
        return False


def _broker_ok() -> bool:
    try:
        with celery_app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
            return True
    except Exception:
        return False


@never_cache
@require_GET
def healthz(request):
    checks = {"database": _database_ok(), "broker": _broker_ok()}
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "unavailable"}
    body.update({name: "ok" if ok else "down" for name, ok in checks.items()})
    return JsonResponse(body, status=200 if healthy else 503)


@require_POST
def language_switch(request):
    """Switch language and stay on the same page (query string included). A signed-in user's
    choice also becomes the language of their e-mails.

    Django's set_language translates the page address in the language the request arrived in,
    which fails when the browser prefers another language than the page's; here the address is
    read in its own language first.
    """
    language = request.POST.get("language")
    next_url = safe_next_url(request, default="/")
    if language not in dict(settings.LANGUAGES):
        return HttpResponseRedirect(next_url)
    current = translation.get_language_from_path(next_url)
    if current:
        with translation.override(current):
            next_url = translate_url(next_url, language)
    response = HttpResponseRedirect(next_url)
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
        secure=settings.LANGUAGE_COOKIE_SECURE,
    )
    user = request.user
    if user.is_authenticated and user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return response
