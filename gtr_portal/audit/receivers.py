"""Sign-ins, sign-outs, two-factor and password changes, and jobs worth recording.

Receivers that know domain models (roles, focal points, invitations) live in the domain apps.
"""

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from django.contrib.auth import signals as auth_signals
from django.db.models.signals import post_save
from django.dispatch import receiver

from gtr_portal.jobs.models import Job

from .models import EventKind
from .registry import event_for_job
from .services import audit_record, audit_target, current_request

# Django and allauth name the tried identifier differently; the password is never read.
_IDENTIFIER_KEYS = ("email", "username", "login")


@receiver(auth_signals.user_logged_in, dispatch_uid="audit_login_succeeded")
def record_login(sender, request, user, **kwargs):
    audit_record(kind=EventKind.LOGIN_SUCCEEDED, request=request, actor=user)


@receiver(auth_signals.user_login_failed, dispatch_uid="audit_login_failed")
def record_login_failure(sender, credentials, request=None, **kwargs):
    tried = next((str(credentials[k]) for k in _IDENTIFIER_KEYS if credentials.get(k)), "")
    audit_record(kind=EventKind.LOGIN_FAILED, request=request, actor_email=tried.strip().lower())


@receiver(auth_signals.user_logged_out, dispatch_uid="audit_logout")
def record_logout(sender, request, user, **kwargs):
    if user is not None:
        audit_record(kind=EventKind.LOGOUT, request=request, actor=user)


def _authenticator_details(authenticator) -> dict:
    return {"type": getattr(authenticator, "type", "")}


def _record_authenticator_change(kind, *, request, user, authenticator) -> None:
    audit_record(
        kind=kind,
        request=request,
        actor=user,
        target=audit_target(user),
        details=_authenticator_details(authenticator),
    )


@receiver(mfa_signals.authenticator_added, dispatch_uid="audit_mfa_added")
def record_mfa_added(sender, request, user, authenticator, **kwargs):
    # Adding a TOTP also creates recovery codes: one line says it all.
    if getattr(authenticator, "type", "") != "recovery_codes":
        _record_authenticator_change(
            EventKind.MFA_ENABLED, request=request, user=user, authenticator=authenticator
        )


@receiver(mfa_signals.authenticator_removed, dispatch_uid="audit_mfa_removed")
def record_mfa_removed(sender, request, user, authenticator, **kwargs):
    _record_authenticator_change(
        EventKind.MFA_REMOVED, request=request, user=user, authenticator=authenticator
    )


@receiver(mfa_signals.authenticator_reset, dispatch_uid="audit_mfa_reset")
def record_mfa_reset(sender, request, user, authenticator, **kwargs):
    _record_authenticator_change(
        EventKind.RECOVERY_CODES_REGENERATED,
        request=request,
        user=user,
        authenticator=authenticator,
    )


@receiver(mfa_signals.authentication_failed, dispatch_uid="audit_mfa_failed")
def record_mfa_failure(sender, request, user, authenticator=None, **kwargs):
    audit_record(
        kind=EventKind.MFA_FAILED,
        request=request,
        actor=user,
        details=_authenticator_details(authenticator),
    )


@receiver(account_signals.password_changed, dispatch_uid="audit_password_changed")
@receiver(account_signals.password_set, dispatch_uid="audit_password_set")
def record_password_changed(sender, request, user, **kwargs):
    audit_record(
        kind=EventKind.PASSWORD_CHANGED, request=request, actor=user, target=audit_target(user)
    )


@receiver(account_signals.password_reset, dispatch_uid="audit_password_reset")
def record_password_reset(sender, request, user, **kwargs):
    audit_record(
        kind=EventKind.PASSWORD_RESET, request=request, actor=user, target=audit_target(user)
    )


@receiver(account_signals.email_changed, dispatch_uid="audit_email_changed")
def record_email_changed(sender, request, user, from_email_address, to_email_address, **kwargs):
    audit_record(
        kind=EventKind.EMAIL_CHANGED,
        request=request,
        actor=user,
        target=audit_target(user),
        details={
            "from": getattr(from_email_address, "email", ""),
            "to": getattr(to_email_address, "email", ""),
        },
    )


@receiver(post_save, sender=Job, dispatch_uid="audit_job_requested")
def record_job(sender, instance: Job, created: bool, raw: bool = False, **kwargs):
    if not created or raw:
        return
    kind = event_for_job(instance.kind)
    if kind is None:
        return
    audit_record(
        kind=kind,
        request=current_request(),
        actor=instance.requested_by,
        target=instance.subject,
        details={"job": instance.pk, "job_kind": instance.kind, "language": instance.language},
    )
