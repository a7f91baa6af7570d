"""Reads of best practices and compendium editions, in a constant number of queries."""

from django.db.models import Prefetch, Q, QuerySet

from gtr_portal.core.errors import NotFound
from gtr_portal.jobs.models import Job
from gtr_portal.jobs.selectors import job_latest, subject_for
from members.permissions import reads_everything

from .jobs import BUILD_JOB
from .models import BestPractice, CompendiumEdition, CompendiumEntry, EditionFile, Theme


def practices_visible_to(user) -> Q:
    if reads_everything(user):
        return Q()
    visible = Q(state=BestPractice.State.PUBLISHED)
    if user.is_authenticated and user.administration_id:
        visible |= Q(administration_id=user.administration_id)
    return visible


def practice_list(
    *, user, theme: str = "", member: str = "", year: str = "", search: str = "", state: str = ""
) -> QuerySet:
    practices = (
        BestPractice.objects.filter(practices_visible_to(user))
        .select_related("administration")
        .prefetch_related("themes", Prefetch("images", to_attr="all_images"))
        .order_by("-published_at", "title")
    )
    if state:
        practices = practices.filter(state=state)
    if theme:
        practices = practices.filter(themes__slug=theme)
    if member:
        practices = practices.filter(administration__iso2=member.upper())
    if year.isdigit():
        practices = practices.filter(year_started=int(year))
    for word in search.split():
        practices = practices.filter(
            Q(title_fr__icontains=word)
            | Q(title_en__icontains=word)
            | Q(summary_fr__icontains=word)
            | Q(summary_en__icontains=word)
            | Q(body_fr__icontains=word)
            | Q(body_en__icontains=word)
        )
    return practices.distinct()


def practice_get(*, slug: str, user) -> BestPractice:
    try:
        return (
            BestPractice.objects.filter(practices_visible_to(user))
            .select_related("administration", "created_by")
            .prefetch_related("themes", "images", "attachments")
            .get(slug=slug)
        )
    except BestPractice.DoesNotExist:
        raise NotFound from None


def practice_history(*, practice: BestPractice, limit: int = 30) -> list:
    return list(practice.history.select_related("history_user").order_by("-history_date")[:limit])


def themes() -> QuerySet:
    return Theme.objects.order_by("order", "slug")


def edition_list(*, user) -> QuerySet:
    editions = CompendiumEdition.objects.prefetch_related(
        Prefetch("files", queryset=EditionFile.objects.order_by("language"))
    ).order_by("-period_end", "-period_start")
    if not reads_everything(user):
        editions = editions.filter(status=CompendiumEdition.Status.PUBLISHED)
    return editions


def edition_get(*, slug: str, user) -> CompendiumEdition:
    try:
        edition = (
            edition_list(user=user)
            .prefetch_related(
                Prefetch(
                    "entries",
                    queryset=CompendiumEntry.objects.select_related(
                        "practice__administration"
                    ).order_by("order", "pk"),
                )
            )
            .get(slug=slug)
        )
    except CompendiumEdition.DoesNotExist:
        raise NotFound from None
    return edition


def edition_latest_build(*, edition: CompendiumEdition) -> Job | None:
    return job_latest(kind=BUILD_JOB, subject=subject_for(edition))


def published_practice_count(*, member=None, period: tuple[int, int] | None = None) -> int:
    practices = BestPractice.objects.filter(state=BestPractice.State.PUBLISHED)
    if member is not None:
        practices = practices.filter(administration=member)
    if period:
        practices = practices.filter(
            published_at__year__gte=period[0], published_at__year__lte=period[1]
        )
    return practices.count()
