"""The security event log: who signed in, failed, was refused, changed what about an account.

Rows are only ever added (and pruned when they are older than AUDIT_KEEP_DAYS): the model refuses
to save an existing row, the admin is read-only, and a database trigger refuses UPDATE too.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EventKind(models.TextChoices):
    LOGIN_SUCCEEDED = "login_succeeded", _("Sign-in succeeded")
    LOGIN_FAILED = "login_failed", _("Sign-in failed")
    LOGIN_THROTTLED = "login_throttled", _("Sign-in paused (too many failures)")
    LOGOUT = "logout", _("Sign-out")
    SESSION_EXPIRED = "session_expired", _("Session ended by timeout")
    SESSIONS_ENDED = "sessions_ended", _("Other sessions ended")
    PASSWORD_CHANGED = "password_changed", _("Password changed")
    PASSWORD_RESET = "password_reset", _("Password reset")
    MFA_ENABLED = "mfa_enabled", _("Two-factor authentication enabled")
    MFA_REMOVED = "mfa_removed", _("Two-factor authentication removed")
    MFA_FAILED = "mfa_failed", _("Two-factor code refused")
    RECOVERY_CODES_REGENERATED = "recovery_codes_regenerated", _("Recovery codes regenerated")
    EMAIL_CHANGED = "email_changed", _("E-mail address changed")
    INVITATION_SENT = "invitation_sent", _("Invitation sent")
    ACCOUNT_CREATED = "account_created", _("Account created")
    ROLE_CHANGED = "role_changed", _("Role changed")
    ACCOUNT_DEACTIVATED = "account_deactivated", _("Account deactivated")
    ACCOUNT_REACTIVATED = "account_reactivated", _("Account reactivated")
    FOCAL_POINT_BOUND = "focal_point_bound", _("Focal point bound to an administration")
    FOCAL_POINT_CHANGED = "focal_point_changed", _("Focal point binding changed")
    FOCAL_POINT_UNBOUND = "focal_point_unbound", _("Focal point unbound from an administration")
    PRIVATE_FILE_DOWNLOADED = "private_file_downloaded", _("Private file downloaded")
    ACCESS_DENIED = "access_denied", _("Access denied")
    PDF_BUILD_REQUESTED = "pdf_build_requested", _("PDF build requested")
    EXPORT_DOWNLOADED = "export_downloaded", _("Security log exported")


class SecurityEventQuerySet(models.QuerySet):
    def update(self, **kwargs):
        # Only forgetting a deleted account (on_delete=SET_NULL) may touch a stored event.
        if set(kwargs) <= {"actor", "actor_id"} and all(v is None for v in kwargs.values()):
            return super().update(**kwargs)
        raise TypeError("Security events are append-only.")


class SecurityEvent(models.Model):
    Kind = EventKind

    kind = models.CharField(_("event"), max_length=40, choices=EventKind.choices)
    occurred_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        # The event outlives the account; actor_email keeps who it was.
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # What a refused sign-in tried need not be an e-mail address: kept as typed.
    actor_email = models.CharField(_("e-mail"), max_length=254, blank=True, db_index=True)
    ip_address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    user_agent = models.CharField(_("browser"), max_length=200, blank=True)
    target = models.CharField(_("on what"), max_length=255, blank=True)
    details = models.JSONField(_("details"), default=dict, blank=True)

    objects = SecurityEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("security event")
        verbose_name_plural = _("security events")
        ordering = ["-occurred_at", "-pk"]
        indexes = [models.Index(fields=["kind", "-occurred_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.actor_email} {self.occurred_at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise TypeError("Security events are append-only.")
        super().save(*args, **kwargs)
