"""Django's model permissions, for the superuser only.

The portal grants nothing through Django's groups or per-user permissions: the rules in each
app's `permissions.py` are the one place where roles become permissions. Django's ModelBackend
(and allauth's backend, built on it) would still read both tables (two queries) on every request
that asks a permission the rules refuse; these backends answer "none" at once for everyone but
the superuser, whom Django's admin trusts with every model permission.

Replacing the backends' paths signs everyone out once: a session names the backend that signed
it in."""

from allauth.account.auth_backends import AuthenticationBackend
from django.contrib.auth.backends import ModelBackend


class SuperuserModelPermissions:
    def get_all_permissions(self, user_obj, obj=None) -> set[str]:
        if not user_obj.is_active or not user_obj.is_superuser or obj is not None:
            return set()
        return super().get_all_permissions(user_obj, obj)


class SuperuserModelBackend(SuperuserModelPermissions, ModelBackend):
    """Sign-in with e-mail and password as Django's admin asks it."""


class AccountBackend(SuperuserModelPermissions, AuthenticationBackend):
    """allauth's sign-in (e-mail, password, then the second factor)."""
