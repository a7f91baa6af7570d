"""A notice to one user, kept in the portal and e-mailed; the user's choice of how notices that
can wait reach them; and the record of each daily digest, which makes it go out once a day."""

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    class Delivery(models.TextChoices):
        IMMEDIATE = "immediate", _("E-mailed at once")
        DIGEST = "digest", _("In the daily digest")
        PORTAL = "portal", _("In the portal only")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    kind = models.CharField(_("kind"), max_length=100)
    subject = models.CharField(
        _("subject"),
        max_length=200,
        blank=True,
        help_text=_("What the notice is about, for example recommendations.actor:42."),
    )
    # Texts in every language ({"fr": ..., "en": ...}) where the reader's language matters: the
    # notice is written when shown, in the reader's language, not when it is stored.
    params = models.JSONField(_("parameters"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    url = models.CharField(
        _("target"),
        max_length=300,
        blank=True,
        help_text=_("Path of the page the notice leads to, without its language prefix."),
    )
    delivery = models.CharField(
        _("delivery"), max_length=10, choices=Delivery.choices, default=Delivery.IMMEDIATE
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("e-mailed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "-created_at"]),
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["delivery", "emailed_at"]),
            # When was this subject last notified: reminders that repeat ask it.
            models.Index(fields=["kind", "subject", "-created_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient_id}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("At once, one e-mail per notice")
        DAILY = "daily", _("Once a day, in one e-mail (digest)")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="notification_preference",
    )
    frequency = models.CharField(
        _("notices that can wait"),
        max_length=10,
        choices=Frequency.choices,
        default=Frequency.IMMEDIATE,
        help_text=_("Such as a new submission to review. Other notices are e-mailed at once."),
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return f"{self.user_id}: {self.frequency}"


class NotificationDigest(models.Model):
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("notices"), default=0)
    sent_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("daily digest")
        verbose_name_plural = _("daily digests")
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(
                fields=["recipient", "day"], name="notification_digest_once_per_day"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.recipient_id} {self.day}"
