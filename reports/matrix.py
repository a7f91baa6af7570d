"""The follow-up matrix: administrations and bodies × recommendations, each cell an actor's own
part. What supervisors review at a meeting, on screen, as XLSX or CSV, and in activity reports."""

from dataclasses import dataclass, field

from django.core.paginator import Paginator

from recommendations.models import Recommendation, RecommendationActor

from .selectors import DashboardFilters, _selected

COLUMNS_PER_PAGE = 30


@dataclass
class MatrixRow:
    actor_id: int
    label: str
    code: str
    is_member: bool
    cells: list = field(default_factory=list)  # a RecommendationActor, or None, per column


@dataclass
class Matrix:
    columns: list[Recommendation]
    rows: list[MatrixRow]
    page: object | None = None


def actor_matrix(
    *, filters: DashboardFilters, page: int | str | None = 1, paged: bool = True
) -> Matrix:
    """In three queries whatever the data: the page of recommendations, their actors' parts
    (with the actors' names), and the count for paging. Members first, by name, then bodies."""
    recommendations = (
        _selected(filters)
        .select_related("meeting")
        .order_by("-meeting__start_date", "meeting_id", "sequence")
    )
    page_obj = None
    if paged:
        page_obj = Paginator(recommendations, COLUMNS_PER_PAGE).get_page(page)
        columns = list(page_obj.object_list)
    else:
        columns = list(recommendations)
    links = RecommendationActor.objects.filter(
        recommendation_id__in=[r.pk for r in columns]
    ).select_related("actor__member", "actor__body")
    if filters.member:
        links = links.filter(actor__member=filters.member)
    index = {r.pk: i for i, r in enumerate(columns)}
    rows: dict[int, MatrixRow] = {}
    for link in links:
        actor = link.actor
        row = rows.get(actor.pk)
        if row is None:
            target = actor.member or actor.body
            row = rows[actor.pk] = MatrixRow(
                actor_id=actor.pk,
                label=target.name,
                code=actor.member.iso2 if actor.member else actor.body.code,
                is_member=actor.member_id is not None,
                cells=[None] * len(columns),
            )
        column = index[link.recommendation_id]
        link.recommendation = columns[column]  # already loaded: no query per cell
        row.cells[column] = link
    ordered = sorted(rows.values(), key=lambda r: (not r.is_member, r.label))
    return Matrix(columns=columns, rows=ordered, page=page_obj)
