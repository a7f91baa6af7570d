"""Best practices of the member administrations and the periodic compendium that gathers them."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gtr_portal.core.storage import private_storage
from members.models import MemberAdministration


class Theme(models.Model):
    slug = models.SlugField(_("short name in addresses"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    order = models.PositiveSmallIntegerField(_("order"), default=100)

    class Meta:
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["order", "slug"]

    def __str__(self) -> str:
        return self.name


class BestPractice(models.Model):
    class State(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted for review")
        RETURNED = "returned", _("Returned")
        PUBLISHED = "published", _("Published")

    slug = models.SlugField(_("short name in addresses"), max_length=120, unique=True)
    administration = models.ForeignKey(
        MemberAdministration,
        verbose_name=_("administration"),
        on_delete=models.PROTECT,
        related_name="best_practices",
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), max_length=1000)
    body = models.TextField(
        _("description"), help_text=_("Markdown: **bold**, *italic*, lists, links, headings.")
    )
    body_html = models.TextField(editable=False, blank=True)
    results = models.TextField(_("results and indicators"), blank=True)
    themes = models.ManyToManyField(Theme, verbose_name=_("themes"), related_name="practices")
    year_started = models.PositiveSmallIntegerField(_("year put in place"))
    contact = models.CharField(
        _("contact"), max_length=200, blank=True, help_text=_("Name, service and e-mail address.")
    )
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.DRAFT)
    review_comment = models.TextField(_("reviewer's comment"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)

    class Meta:
        verbose_name = _("best practice")
        verbose_name_plural = _("best practices")
        ordering = ["-published_at", "title"]
        indexes = [models.Index(fields=["state", "-published_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(year_started__gte=1980, year_started__lte=2100),
                name="practice_year_plausible",
            ),
            models.CheckConstraint(
                condition=~Q(state="returned") | ~Q(review_comment=""),
                name="practice_returned_with_a_comment",
            ),
            models.CheckConstraint(
                condition=~Q(state="published") | Q(published_at__isnull=False),
                name="practice_published_has_a_date",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("best_practices:practice-detail", kwargs={"slug": self.slug})

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED


class PracticeImage(models.Model):
    practice = models.ForeignKey(BestPractice, on_delete=models.CASCADE, related_name="images")
    image = models.ImageField(_("image"), storage=private_storage, upload_to="practices/images/")
    caption = models.CharField(_("caption"), max_length=200, blank=True)
    width = models.PositiveIntegerField(default=0)
    height = models.PositiveIntegerField(default=0)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.caption or self.image.name

    def get_absolute_url(self) -> str:
        return reverse("best_practices:practice-image", kwargs={"pk": self.pk})

    def card_url(self) -> str:
        """The image reduced to the size of a card in lists."""
        return f"{self.get_absolute_url()}?size=card"

    def large_url(self) -> str:
        """The image reduced to the width of a page."""
        return f"{self.get_absolute_url()}?size=large"


class PracticeAttachment(models.Model):
    practice = models.ForeignKey(BestPractice, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), storage=private_storage, upload_to="practices/files/")
    original_name = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField(_("size"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name

    def get_absolute_url(self) -> str:
        return reverse("best_practices:practice-attachment", kwargs={"pk": self.pk})


class CompendiumEdition(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")

    slug = models.SlugField(_("short name in addresses"), max_length=60, unique=True)
    title = models.CharField(_("title"), max_length=200)
    period_start = models.PositiveSmallIntegerField(_("first year"))
    period_end = models.PositiveSmallIntegerField(_("last year"))
    foreword = models.TextField(_("foreword"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    practices = models.ManyToManyField(
        BestPractice, through="CompendiumEntry", related_name="editions", blank=True
    )

    class Meta:
        verbose_name = _("compendium edition")
        verbose_name_plural = _("compendium editions")
        ordering = ["-period_end", "-period_start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")),
                name="edition_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("best_practices:edition-detail", kwargs={"slug": self.slug})

    @property
    def period(self) -> str:
        if self.period_start == self.period_end:
            return str(self.period_start)
        return f"{self.period_start}–{self.period_end}"


class CompendiumEntry(models.Model):
    edition = models.ForeignKey(CompendiumEdition, on_delete=models.CASCADE, related_name="entries")
    practice = models.ForeignKey(BestPractice, on_delete=models.PROTECT, related_name="+")
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "practice"], name="edition_practice_once")
        ]

    def __str__(self) -> str:
        return f"{self.edition} – {self.practice}"


class EditionFile(models.Model):
    """The finished PDF of an edition in one language. Replaced only by a complete new file."""

    edition = models.ForeignKey(CompendiumEdition, on_delete=models.CASCADE, related_name="files")
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES)
    file = models.FileField(storage=private_storage, upload_to="compendium/")
    size = models.PositiveIntegerField(_("size"))
    pages = models.PositiveIntegerField(_("pages"))
    content_hash = models.CharField(max_length=64)
    built_at = models.DateTimeField(_("built at"))
    downloads = models.PositiveIntegerField(_("downloads"), default=0)

    class Meta:
        ordering = ["language"]
        constraints = [
            models.UniqueConstraint(
                fields=["edition", "language"], name="edition_file_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.edition} ({self.language})"

    def get_absolute_url(self) -> str:
        return reverse(
            "best_practices:edition-download",
            kwargs={"slug": self.edition.slug, "language": self.language},
        )
