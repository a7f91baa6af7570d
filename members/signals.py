from allauth.account.signals import user_logged_in
from allauth.mfa.models import Authenticator
from django.contrib.auth.signals import user_logged_in as django_user_logged_in
from django.contrib.auth.signals import user_logged_out
from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils import translation

from gtr_portal.audit.services import current_request
from gtr_portal.core.content_cache import forget

from .models import Actor, Body, MemberAdministration, User
from .selectors import has_totp_key
from .sessions import session_mark_started, sessions_end


@receiver(user_logged_in)
def remember_language(sender, request, user, **kwargs):
    """The language the user signs in with becomes the language of their e-mails."""
    language = (translation.get_language() or "fr")[:2]
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])


@receiver(post_save, sender=Authenticator)
@receiver(post_delete, sender=Authenticator)
def forget_totp(sender, instance, **kwargs):
    """Two-factor authentication is required of some roles on every page: its cached answer
    goes as soon as an authenticator is added or removed."""
    forget(has_totp_key(instance.user_id))


@receiver(post_save, sender=MemberAdministration)
@receiver(post_save, sender=Body)
def ensure_actor(sender, instance, created, raw=False, **kwargs):
    """Every member and every body can be named as an actor."""
    if created and not raw:
        field = "member" if sender is MemberAdministration else "body"
        Actor.objects.get_or_create(**{field: instance})


@receiver(django_user_logged_in)
def start_session_clock(sender, request, user, **kwargs):
    session_mark_started(request.session)


@receiver(user_logged_out)
def end_other_sessions_on_logout(sender, request, user, **kwargs):
    """Signing out signs out everywhere: a browser left open elsewhere is closed too."""
    if user is not None:
        sessions_end(user=user, reason="logout")


# What ends every session of a user when it changes. A request of that very user carries on
# under a new session key (members.sessions.sessions_end).
_SESSION_ENDING_FIELDS = ("password", "role", "is_active")


@receiver(pre_save, sender=User)
def note_session_ending_change(sender, instance, update_fields=None, raw=False, **kwargs):
    instance._ends_sessions = ""
    if raw or instance._state.adding:
        return
    if update_fields is not None and not set(update_fields) & set(_SESSION_ENDING_FIELDS):
        return
    before = User.objects.filter(pk=instance.pk).values(*_SESSION_ENDING_FIELDS).first()
    if before is None:
        return
    changed = [f for f in ("role", "is_active") if before[f] != getattr(instance, f)]
    # set_password() leaves the raw password in _password until the save; Django's own hash
    # upgrade at sign-in clears it first: a new hash of the same password is no change.
    if before["password"] != instance.password and instance._password is not None:
        changed.insert(0, "password")
    instance._ends_sessions = ", ".join(changed)


@receiver(post_save, sender=User)
def end_sessions_after_change(sender, instance, created, raw=False, **kwargs):
    if getattr(instance, "_ends_sessions", ""):
        sessions_end(
            user=instance,
            reason=f"{instance._ends_sessions} changed",
            request=current_request(),
        )
        instance._ends_sessions = ""
