from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from .permissions import is_secretariat, is_supervisor
from .selectors import has_totp

# Secretariat staff edit everything and supervisors read every draft and private evidence: a
# password alone is not enough for either. Pages such a user without two-factor authentication
# may still open: setting it up, signing out, and what the browser needs to show those pages.
_ALLOWED_PREFIXES = ("/static/", "/healthz", "/i18n/")
_ALLOWED_URL_NAMES = ("mfa_activate_totp", "mfa_index", "account_logout", "account_reauthenticate")


class RequireTwoFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        needs_totp = (
            (is_secretariat(user) or is_supervisor(user))
            and not self._allowed(request.path)
            and not has_totp(user=user)
        )
        if needs_totp:
            messages.warning(
                request,
                _(
                    "Two-factor authentication is required for secretariat staff and "
                    "supervisors. Set it up to continue."
                ),
            )
            return redirect("mfa_activate_totp")
        return self.get_response(request)

    @staticmethod
    def _allowed(path: str) -> bool:
        if path.startswith(_ALLOWED_PREFIXES):
            return True
        return any(path == reverse(name) for name in _ALLOWED_URL_NAMES)
