from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.adapter import DefaultMFAAdapter

from gtr_portal.core.typography import email_typeset

from . import crypto


class AccountAdapter(DefaultAccountAdapter):
    def render_mail(self, template_prefix, email, context, headers=None):
        """Every e-mail of the portal, allauth's and ours, is rendered here (in the recipient's
        active language): French ones get French typography."""
        return email_typeset(super().render_mail(template_prefix, email, context, headers))

    def pre_authenticate(self, request, **credentials) -> None:
        """Passwords are throttled by members.throttling, per address and per (address,
        account). allauth's own check here counts per account alone: five wrong passwords from
        anywhere would lock the account for everyone. Its limit stays on for authenticator
        codes (allauth's MFA step), which only someone holding the password reaches."""

    def is_open_for_signup(self, request) -> bool:
        # No open sign-up: the secretariat invites every user.
        return False


class MFAAdapter(DefaultMFAAdapter):
    """TOTP secrets are stored encrypted (members.crypto), so neither the database nor a backup
    holds them in clear."""

    def encrypt(self, text: str) -> str:
        return crypto.encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return crypto.decrypt(encrypted_text)
