import rules
from django.conf import settings
from django.contrib.auth.context_processors import PermWrapper

from gtr_portal.notifications.selectors import unread_count


def portal(request):
    context = {"PORTAL_NAME": settings.PORTAL_NAME, "SITE_URL": settings.SITE_URL}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        context.update(_user_menu(request, user))
    return context


def _user_menu(request, user) -> dict:
    """What the menus of every page show a signed-in user, read here, before the page renders:
    templates run no query (tests/query_guard.py), and a page rendered twice reads it once."""
    if not hasattr(request, "_user_menu"):
        request._user_menu = {
            "unread_notifications": unread_count(for_user=user),
            # A focal point's administration (its flag in the menu); None for other users.
            "user_administration": getattr(user, "administration", None),
            # Replaces django.contrib.auth's `perms` (this processor comes after it).
            "perms": PermWrapper(_RulesOnly(user)),
        }
    return request._user_menu


class _RulesOnly:
    """The user as `perms` in templates sees them: the portal's rules (members/permissions.py
    and each app's) answer, as they do in `user.has_perm`. Django's model permissions, which
    `user.has_perm` asks next when a rule says no, are never granted in the portal (the back
    office does not offer them; active superusers have every permission either way): asking
    them would cost two queries on every page for the same answer."""

    def __init__(self, user):
        self.user = user

    def has_perm(self, perm: str, obj=None) -> bool:
        if self.user.is_active and self.user.is_superuser:
            return True
        return rules.has_perm(perm, self.user, obj)

    def has_module_perms(self, app_label: str) -> bool:
        return self.has_perm(app_label)
