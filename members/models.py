"""Who takes part in the group: member administrations, other bodies, and the people who sign in."""

from functools import cached_property

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", _("Secretariat")
    FOCAL_POINT = "focal_point", _("Focal point")
    SUPERVISOR = "supervisor", _("Supervisor (ROCB-WCA)")
    EXPERT = "expert", _("Expert")
    # Reports for a body that is an actor of recommendations (the ROCB-WCA, a partner), like a
    # focal point for its administration, and gets that body's reminders.
    BODY_REPORTER = "body_reporter", _("Reporter for a body")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_superuser=True, role=Role.SECRETARIAT)
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person who signs in with an e-mail address; what they may do follows from `role`."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.EXPERT)
    language = models.CharField(
        _("preferred language"),
        max_length=2,
        choices=settings.LANGUAGES,
        default="fr",
        help_text=_("Language of the e-mails the portal sends you."),
    )
    body = models.ForeignKey(
        "members.Body",
        verbose_name=_("body"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        help_text=_("For users who act for a body that is not a member (ROCB-WCA, a partner...)."),
    )
    invited_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="user_email_unique_ci"),
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="user_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        # The Django admin is the secretariat's back office and nobody else's.
        self.is_staff = self.is_superuser or self.role == Role.SECRETARIAT
        super().save(*args, **kwargs)

    @cached_property
    def _acts_for(self) -> tuple["MemberAdministration | None", int | None]:
        """The administration a focal point acts for and the actor the user reports for, read
        together once: every page's menu shows the first, and permissions ask the second."""
        if self.role == Role.FOCAL_POINT:
            profile = (
                FocalPoint.objects.filter(user_id=self.pk)
                .select_related("administration")
                .annotate(
                    actor_pk=models.Subquery(
                        Actor.objects.filter(member_id=models.OuterRef("administration_id"))
                        .order_by("pk")
                        .values("pk")[:1]
                    )
                )
                .first()
            )
            return (profile.administration, profile.actor_pk) if profile else (None, None)
        if self.body_id:
            actor = Actor.objects.filter(body_id=self.body_id).values_list("pk", flat=True)
            return None, actor.first()
        return None, None

    @property
    def administration(self) -> "MemberAdministration | None":
        """The member administration a focal point acts for, if any."""
        return self._acts_for[0] if self.role == Role.FOCAL_POINT else None

    @property
    def administration_id(self) -> int | None:
        administration = self.administration
        return administration.pk if administration else None

    @property
    def actor_id(self) -> int | None:
        """The actor (member administration or body) this user reports for, if any."""
        return self._acts_for[1]


class MemberAdministration(models.Model):
    """One of the customs administrations of the West and Central Africa region."""

    iso2 = models.CharField(_("ISO code"), max_length=2, unique=True)
    iso3 = models.CharField(_("ISO alpha-3 code"), max_length=3, unique=True)
    name = models.CharField(_("country"), max_length=100)
    administration_name = models.CharField(
        _("administration's own name"),
        max_length=200,
        help_text=_("As the administration writes it."),
    )
    acronym = models.CharField(_("acronym"), max_length=20, blank=True)
    languages = models.CharField(
        _("official languages"),
        max_length=50,
        blank=True,
        help_text=_("ISO 639-1 codes separated by semicolons, for example: fr;en"),
    )
    clearance_system = models.CharField(_("clearance system"), max_length=200, blank=True)
    single_window = models.CharField(_("single window"), max_length=200, blank=True)
    website = models.URLField(_("website"), blank=True)
    address = models.TextField(_("postal address"), blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)
    email = models.EmailField(_("general e-mail"), blank=True)
    description = models.TextField(
        _("profile"), blank=True, help_text=_("IT organisation, projects, priorities.")
    )
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        verbose_name = _("member administration")
        verbose_name_plural = _("member administrations")
        ordering = ["iso2"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(iso2__regex=r"^[A-Z]{2}$"), name="member_iso2_format"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("members:member-detail", kwargs={"iso2": self.iso2})

    @property
    def flag_path(self) -> str:
        return f"flags/{self.iso2.lower()}.svg"

    @property
    def language_codes(self) -> list[str]:
        return [code.strip() for code in self.languages.split(";") if code.strip()]


class Body(models.Model):
    """A body that can be an actor of a recommendation without being a member."""

    class Kind(models.TextChoices):
        REGIONAL_OFFICE = "regional_office", _("Regional office")
        REGIONAL_BODY = "regional_body", _("Regional body")
        INTERNATIONAL = "international", _("International organisation")
        PARTNER = "partner", _("Partner")
        PRIVATE = "private", _("Private company")

    code = models.SlugField(_("code"), max_length=30, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        ordering = ["kind", "code"]

    def __str__(self) -> str:
        return self.name


class Actor(models.Model):
    """Whoever can be named as an actor: exactly one member administration or one body.

    Later apps point at Actor so that "lead actor: ROCB-WCA; with: Côte d'Ivoire" is one list.
    """

    member = models.OneToOneField(
        MemberAdministration, null=True, blank=True, on_delete=models.CASCADE, related_name="actor"
    )
    body = models.OneToOneField(
        Body, null=True, blank=True, on_delete=models.CASCADE, related_name="actor"
    )

    class Meta:
        verbose_name = _("actor")
        verbose_name_plural = _("actors")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(member__isnull=False, body__isnull=True)
                    | models.Q(member__isnull=True, body__isnull=False)
                ),
                name="actor_is_member_xor_body",
            ),
        ]

    def __str__(self) -> str:
        return str(self.target)

    @property
    def target(self) -> MemberAdministration | Body:
        return self.member if self.member_id else self.body

    @property
    def is_member(self) -> bool:
        return self.member_id is not None


class FocalPoint(models.Model):
    """A user who acts for one member administration."""

    class Function(models.TextChoices):
        ICT_FOCAL_POINT = "ict_focal_point", _("ICT focal point")
        DEPUTY = "deputy", _("Deputy focal point")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="focal_point"
    )
    administration = models.ForeignKey(
        MemberAdministration,
        verbose_name=_("member administration"),
        on_delete=models.PROTECT,
        related_name="focal_points",
    )
    function = models.CharField(
        _("function"), max_length=20, choices=Function.choices, default=Function.ICT_FOCAL_POINT
    )
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    phone = models.CharField(_("telephone"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")
        ordering = ["administration__iso2", "function"]

    def __str__(self) -> str:
        return f"{self.user} ({self.administration.iso2})"


class Interconnection(models.Model):
    """A known link between the customs systems of members (SIGMAT transit, bilateral links)."""

    class Status(models.TextChoices):
        OPERATIONAL = "operational", _("Operational")
        PILOT = "pilot", _("Pilot")
        PLANNED = "planned", _("Planned")

    system = models.CharField(_("system"), max_length=200)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    since = models.DateField(_("since"))
    notes = models.TextField(_("notes"), blank=True)
    members = models.ManyToManyField(
        MemberAdministration, verbose_name=_("members"), related_name="interconnections"
    )

    class Meta:
        verbose_name = _("interconnection")
        verbose_name_plural = _("interconnections")
        ordering = ["-since"]

    def __str__(self) -> str:
        return f"{self.system} ({self.since:%Y})"


class UserSession(AbstractBaseSession):
    """A signed-in browser (members.sessions). The key is stored only as its SHA-256 hash, so
    neither the database nor a backup holds a key that could be replayed; the user is kept so
    that the user's other sessions can end (password, role or active state changed, logout)."""

    session_key = models.CharField(_("session key (hashed)"), max_length=64, primary_key=True)
    user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    class Meta(AbstractBaseSession.Meta):
        verbose_name = _("session")
        verbose_name_plural = _("sessions")

    @classmethod
    def get_session_store_class(cls):
        from .sessions import SessionStore

        return SessionStore
