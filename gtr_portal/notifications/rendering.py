"""Writing a notice: its line in the portal, its e-mail, the daily digest. Always in one
language, the reader's: the caller activates it (`translation.override(recipient.language)` for
e-mails; the request's language for pages)."""

from allauth.account.adapter import get_adapter
from django.conf import settings
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext

from .models import Notification
from .registry import get_kind, is_registered


def _language() -> str:
    return (translation.get_language() or settings.LANGUAGE_CODE)[:2]


def absolute(path: str) -> str:
    return settings.SITE_URL.rstrip("/") + path


def neutral_path(url: str) -> str:
    """A path of the portal without its language prefix: the reader's is added when shown."""
    if not url:
        return ""
    if not url.startswith("/") or url.startswith("//"):
        raise ValueError(f"A notification leads to a path of the portal, not to {url!r}")
    for code, _name in settings.LANGUAGES:
        if url.startswith(f"/{code}/"):
            return url[len(code) + 1 :]
    return url


def path_in_language(url: str) -> str:
    """A page of the portal in the active language (every page has its language prefix)."""
    return f"/{_language()}{neutral_path(url)}"


def target_path(notification: Notification) -> str:
    if not notification.url:
        return reverse("notifications:notification-list")
    return path_in_language(notification.url)


def _context(notification: Notification) -> dict:
    return {
        "notification": notification,
        "params": notification.params,
        "recipient": notification.recipient,
        "url": absolute(target_path(notification)),
    }


def _plain(notification: Notification, part: str) -> str:
    """A text part (subject, body): rendered without HTML escaping, it is no HTML."""
    template = get_template(get_kind(notification.kind).template(part))
    return template.template.render(Context(_context(notification), autoescape=False)).strip()


def notification_subject(notification: Notification) -> str:
    if not is_registered(notification.kind):
        return gettext("Notice from the GTR Portal")
    return " ".join(_plain(notification, "subject.txt").split())


def notification_line(notification: Notification) -> str:
    """One line (safe HTML, no link: the list makes the whole line a link)."""
    if not is_registered(notification.kind):
        return format_html("{}", gettext("Notice from the GTR Portal"))
    return render_to_string(
        get_kind(notification.kind).template("line.html"), _context(notification)
    ).strip()


def _common_context(recipient) -> dict:
    return {
        "user": recipient,
        "language": _language(),
        "settings_url": absolute(reverse("notifications:notification-list")),
    }


def notification_email(notification: Notification):
    """The e-mail of one notice, rendered where every e-mail of the portal is (the account
    adapter: French typography in French)."""
    context = _common_context(notification.recipient) | {
        "subject": notification_subject(notification),
        "body": _plain(notification, "body.txt"),
        "url": absolute(target_path(notification)),
    }
    return get_adapter().render_mail(
        "notifications/email/notification", notification.recipient.email, context
    )


def digest_email(*, recipient, notifications: list[Notification]):
    items = [
        {
            "subject": notification_subject(notification),
            "url": absolute(target_path(notification)),
            "created_at": notification.created_at,
        }
        for notification in notifications
    ]
    context = _common_context(recipient) | {"items": items, "count": len(items)}
    return get_adapter().render_mail("notifications/email/digest", recipient.email, context)
