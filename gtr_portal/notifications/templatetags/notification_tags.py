from datetime import date

from django import template
from django.conf import settings
from django.utils import translation

from ..rendering import absolute, path_in_language
from ..selectors import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notifications(context) -> int:
    """The signed-in user's unread count: one query, at most once per request."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    if not hasattr(request, "_unread_notifications"):
        request._unread_notifications = unread_count(for_user=user)
    return request._unread_notifications


@register.filter
def localized(value):
    """A parameter stored in every language ({"fr": ..., "en": ...}), in the active one."""
    if not isinstance(value, dict):
        return value
    language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    fallback = value.get(settings.LANGUAGE_CODE) or next(iter(value.values()), "")
    return value.get(language) or fallback


@register.filter
def as_date(value):
    """A date stored as an ISO string in a notice's parameters, for the `date` filter."""
    if isinstance(value, str) and value:
        try:
            return date.fromisoformat(value[:10])
        except ValueError:
            return value
    return value


@register.filter
def portal_url(path: str) -> str:
    """A path of the portal stored in a notice's parameters (with or without its language
    prefix), as an absolute address in the active language: for links in e-mails."""
    return absolute(path_in_language(path)) if path else ""
