"""Writes: writing, submitting, reviewing and publishing best practices; compendium editions."""

from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from gtr_portal.core.errors import DomainError
from gtr_portal.core.images import RENDITIONS, image_rendition, open_image, renditions_delete
from gtr_portal.core.text import markdown_to_safe_html
from gtr_portal.core.uploads import DOCUMENTS, IMAGES, MB, StoredFiles, validate_upload
from gtr_portal.jobs.models import Job
from gtr_portal.jobs.selectors import subject_for
from gtr_portal.jobs.services import job_enqueue
from members.models import MemberAdministration, User

from .jobs import BUILD_JOB
from .models import (
    BestPractice,
    CompendiumEdition,
    CompendiumEntry,
    EditionFile,
    PracticeAttachment,
    PracticeImage,
)
from .notifications import practice_reviewed_notify, practice_submitted_notify
from .permissions import of_own_administration

IMAGE_MAX_BYTES = 5 * MB
ATTACHMENT_MAX_BYTES = 15 * MB

TRANSLATED = ("title", "summary", "body", "results")


def _unique_slug(title: str, *, exclude_pk: int | None = None) -> str:
    base = slugify(title)[:100] or "pratique"
    slug, n = base, 2
    while BestPractice.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _check_uploads(images: list, attachments: list) -> list[tuple[object, str]]:
    """Check each file; return the attachments with their sniffed types."""
    for upload in images:
        try:
            validate_upload(upload, kinds=(IMAGES,), max_bytes=IMAGE_MAX_BYTES)
        except ValidationError as error:
            raise DomainError(error.messages[0], field="images") from None
    checked = []
    for upload in attachments:
        try:
            checked.append(
                (upload, validate_upload(upload, kinds=DOCUMENTS, max_bytes=ATTACHMENT_MAX_BYTES))
            )
        except ValidationError as error:
            raise DomainError(error.messages[0], field="attachments") from None
    return checked


def _store_files(
    practice: BestPractice, images: list, attachments: list, stored: StoredFiles
) -> None:
    start = practice.images.count()
    for index, upload in enumerate(images):
        with open_image(upload) as picture:
            width, height = picture.size
        upload.seek(0)
        image = PracticeImage(practice=practice, width=width, height=height, order=start + index)
        stored.save(image.image, upload.name, upload)
        image.save()
        for size in RENDITIONS:  # made once, now, rather than by the first reader
            stored.track(image.image.storage, image_rendition(image.image, size))
    for upload, mime in attachments:
        attachment = PracticeAttachment(
            practice=practice, original_name=upload.name[:255], content_type=mime, size=upload.size
        )
        stored.save(attachment.file, upload.name, upload)
        attachment.save()


def _delete_on_commit(file, *, with_renditions: bool = False) -> None:
    """Removed from the disk only once the change is committed: if storing the new files fails,
    the practice keeps its files as they were."""
    storage, name = file.storage, file.name

    def delete() -> None:
        if with_renditions:
            renditions_delete(file)
        storage.delete(name)

    transaction.on_commit(delete)


@transaction.atomic
def practice_save(
    *,
    user: User,
    data: dict,
    practice: BestPractice | None = None,
    administration: MemberAdministration | None = None,
    images: list = (),
    attachments: list = (),
    remove_images: list = (),
    remove_attachments: list = (),
) -> BestPractice:
    """Create or edit a practice. Its body is kept as Markdown and as sanitised HTML, so that
    no script written in it can ever reach a page or a PDF."""
    images = list(images)
    checked_attachments = _check_uploads(images, list(attachments))
    if practice is None:
        practice = BestPractice(administration=administration, created_by=user)
    themes = data.pop("themes", None)
    for field, value in data.items():
        setattr(practice, field, value)
    for language, _name in settings.LANGUAGES:
        body = getattr(practice, f"body_{language}") or ""
        setattr(practice, f"body_html_{language}", markdown_to_safe_html(body) if body else "")
    if not practice.slug:
        practice.slug = _unique_slug(practice.title_fr or practice.title_en or "")
    practice.full_clean(exclude=["themes"])
    practice._history_user = user
    practice.save()
    if themes is not None:
        practice.themes.set(themes)
    for image in practice.images.filter(pk__in=list(remove_images)):
        _delete_on_commit(image.image, with_renditions=True)
        image.delete()
    for attachment in practice.attachments.filter(pk__in=list(remove_attachments)):
        _delete_on_commit(attachment.file)
        attachment.delete()
    with StoredFiles() as stored:
        _store_files(practice, images, checked_attachments, stored)
    return practice


def _transition(practice: BestPractice, user: User, state: str, **fields) -> BestPractice:
    for field, value in fields.items():
        setattr(practice, field, value)
    practice.state = state
    practice.full_clean()
    practice._history_user = user
    practice.save()
    return practice


@transaction.atomic
def practice_submit(*, practice: BestPractice, user: User) -> BestPractice:
    practice = BestPractice.objects.select_for_update().get(pk=practice.pk)
    if not of_own_administration(user, practice):
        raise DomainError(_("Only a focal point of the administration can submit its practice."))
    if practice.state not in (BestPractice.State.DRAFT, BestPractice.State.RETURNED):
        raise DomainError(_("This practice was already submitted."))
    if not practice.themes.exists():
        raise DomainError(_("Choose at least one theme before submitting."), field="themes")
    practice = _transition(
        practice, user, BestPractice.State.SUBMITTED, submitted_at=timezone.now()
    )
    practice_submitted_notify(practice=practice)
    return practice


@transaction.atomic
def practice_return(*, practice: BestPractice, reviewer: User, comment: str) -> BestPractice:
    if not comment.strip():
        raise DomainError(_("Say why the practice is returned."), field="comment")
    practice = BestPractice.objects.select_for_update().get(pk=practice.pk)
    if practice.state != BestPractice.State.SUBMITTED:
        raise DomainError(_("Only a submitted practice can be returned."))
    practice = _transition(
        practice, reviewer, BestPractice.State.RETURNED, review_comment=comment.strip()
    )
    practice_reviewed_notify(practice=practice)
    return practice


@transaction.atomic
def practice_publish(*, practice: BestPractice, reviewer: User) -> BestPractice:
    practice = BestPractice.objects.select_for_update().get(pk=practice.pk)
    if practice.state == BestPractice.State.PUBLISHED:
        raise DomainError(_("This practice is already published."))
    if not (practice.title_fr and practice.summary_fr and practice.body_fr):
        raise DomainError(
            _(
                "Add the French title, summary and description before publishing: French is "
                "the portal's reference language, shown when a text has no translation."
            )
        )
    practice = _transition(
        practice,
        reviewer,
        BestPractice.State.PUBLISHED,
        published_at=timezone.now(),
        review_comment="",
    )
    practice_reviewed_notify(practice=practice)
    return practice


def missing_languages(practice: BestPractice) -> list[str]:
    """Languages in which the practice has no title or body yet."""
    return [
        code
        for code, _name in settings.LANGUAGES
        if not (getattr(practice, f"title_{code}") and getattr(practice, f"body_{code}"))
    ]


# --- Compendium editions --------------------------------------------------------------------


@transaction.atomic
def edition_create(
    *,
    title_fr: str,
    period_start: int,
    period_end: int,
    title_en: str = "",
    foreword_fr: str = "",
    foreword_en: str = "",
) -> tuple[CompendiumEdition, int]:
    """A new edition holding every practice published in its period: the edition and how many
    practices it holds. Its address comes from its French title and its period."""
    slug = slugify(f"{title_fr}-{period_start}-{period_end}")[:60]
    if CompendiumEdition.objects.filter(slug=slug).exists():
        raise DomainError(_("An edition with this title and period already exists."))
    edition = CompendiumEdition(
        slug=slug,
        title_fr=title_fr,
        title_en=title_en,
        period_start=period_start,
        period_end=period_end,
        foreword_fr=foreword_fr,
        foreword_en=foreword_en,
    )
    edition.full_clean()
    edition.save()
    return edition, edition_fill_default(edition=edition)


@transaction.atomic
def edition_fill_default(*, edition: CompendiumEdition) -> int:
    """Include every practice published in the edition's period, grouped by theme."""
    practices = (
        BestPractice.objects.filter(
            state=BestPractice.State.PUBLISHED,
            published_at__year__gte=edition.period_start,
            published_at__year__lte=edition.period_end,
        )
        .prefetch_related("themes")
        .order_by("title")
    )
    ordered = sorted(practices, key=lambda p: min((t.order for t in p.themes.all()), default=999))
    edition.entries.all().delete()
    CompendiumEntry.objects.bulk_create(
        [CompendiumEntry(edition=edition, practice=p, order=i) for i, p in enumerate(ordered)]
    )
    return len(ordered)


def edition_change_practices(
    *,
    edition: CompendiumEdition,
    remove: Iterable[int] = (),
    add: Iterable[int] = (),
    move: tuple[str, int] | None = None,
) -> None:
    """The secretariat's changes to an edition's practices: some removed, some added at the
    end, one moved a place "up" or "down" (a move past either end changes nothing)."""
    removed = set(remove)
    ordered = [
        pk for pk in edition.entries.values_list("practice_id", flat=True) if pk not in removed
    ]
    if move is not None and move[1] in ordered:
        direction, pk = move
        i = ordered.index(pk)
        j = i - 1 if direction == "up" else i + 1
        if 0 <= j < len(ordered):
            ordered[i], ordered[j] = ordered[j], ordered[i]
    edition_set_practices(edition=edition, practice_ids=ordered + list(add))


def edition_file_downloaded(*, edition_file: EditionFile) -> None:
    """Count a download (in the database, so that simultaneous downloads all count)."""
    EditionFile.objects.filter(pk=edition_file.pk).update(downloads=F("downloads") + 1)


@transaction.atomic
def edition_set_practices(*, edition: CompendiumEdition, practice_ids: list[int]) -> None:
    """The secretariat's choice and order of practices."""
    published = set(
        BestPractice.objects.filter(pk__in=practice_ids, state="published").values_list(
            "pk", flat=True
        )
    )
    edition.entries.all().delete()
    CompendiumEntry.objects.bulk_create(
        [
            CompendiumEntry(edition=edition, practice_id=pk, order=i)
            for i, pk in enumerate(pk for pk in practice_ids if pk in published)
        ]
    )


def compendium_build_request(*, edition: CompendiumEdition, user: User) -> Job:
    """Queue the PDFs of an edition. The request returns at once; the worker renders."""
    return job_enqueue(
        kind=BUILD_JOB,
        subject=subject_for(edition),
        requested_by=user,
        language=translation.get_language(),
        params={"edition_id": edition.pk},
    )


@transaction.atomic
def edition_publish(*, edition: CompendiumEdition, user: User) -> CompendiumEdition:
    edition = CompendiumEdition.objects.select_for_update().get(pk=edition.pk)
    built = set(edition.files.values_list("language", flat=True))
    if built != {code for code, _name in settings.LANGUAGES}:
        raise DomainError(_("Build the PDFs in both languages before publishing the edition."))
    edition.status = CompendiumEdition.Status.PUBLISHED
    edition.published_at = edition.published_at or timezone.now()
    edition.save()
    return edition
