"""Reads of the governance: who holds which organ now, and who held it before."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Prefetch
from django.utils import timezone

from gtr_portal.core.errors import NotFound
from members.models import Body, MemberAdministration

from .models import AssessorTerm, CommissionTerm, PresidencyTerm, TechnicalCommission

SUPERVISOR_BODY = "ROCB-WCA"
COORDINATION_BODIES = ["VICE-CHAIR", "WCO-SEC"]


@dataclass
class CommissionSummary:
    commission: TechnicalCommission
    term: CommissionTerm | None


@dataclass
class Governance:
    presidency: PresidencyTerm | None
    assessors: list[AssessorTerm]
    commissions: list[CommissionSummary]
    supervisor: Body | None
    coordination: list[Body] = field(default_factory=list)
    past_presidencies: list[PresidencyTerm] = field(default_factory=list)
    past_assessors: list[AssessorTerm] = field(default_factory=list)


def _commission_terms():
    return CommissionTerm.objects.select_related("chair", "rapporteur").prefetch_related(
        Prefetch("members", queryset=MemberAdministration.objects.order_by("name"))
    )


def governance_get(*, on: date | None = None) -> Governance:
    on = on or timezone.localdate()
    presidencies = PresidencyTerm.objects.select_related("administration")
    assessors = AssessorTerm.objects.select_related("actor__member", "actor__body")
    current_terms = {
        term.commission_id: term
        for term in _commission_terms().current(on).order_by("commission_id", "-start_date")
    }
    bodies = {
        b.code: b for b in Body.objects.filter(code__in=[SUPERVISOR_BODY, *COORDINATION_BODIES])
    }
    return Governance(
        presidency=presidencies.current(on).first(),
        assessors=list(assessors.current(on).order_by("start_date")),
        commissions=[
            CommissionSummary(commission=c, term=current_terms.get(c.pk))
            for c in TechnicalCommission.objects.order_by("number")
        ],
        supervisor=bodies.get(SUPERVISOR_BODY),
        coordination=[bodies[code] for code in COORDINATION_BODIES if code in bodies],
        past_presidencies=list(presidencies.past(on)),
        past_assessors=list(assessors.past(on)),
    )


def commission_get(*, slug: str) -> TechnicalCommission:
    commissions = TechnicalCommission.objects.prefetch_related(
        Prefetch("terms", queryset=_commission_terms().order_by("-start_date"))
    )
    try:
        return commissions.get(slug=slug)
    except TechnicalCommission.DoesNotExist:
        raise NotFound from None


def commission_memberships(*, member: MemberAdministration, on: date | None = None) -> list:
    """The commissions a member sits on now, and in which capacity."""
    return list(_commission_terms().current(on).filter(members=member).select_related("commission"))


@dataclass
class GovernanceSummary:
    """What the home page shows of the governance."""

    presidency: PresidencyTerm | None
    supervisor: Body | None
    commissions: list[TechnicalCommission]


def governance_summary(*, on: date | None = None) -> GovernanceSummary:
    """The current presidency, the supervising body and the commissions, in three queries."""
    on = on or timezone.localdate()
    return GovernanceSummary(
        presidency=PresidencyTerm.objects.select_related("administration").current(on).first(),
        supervisor=Body.objects.filter(code=SUPERVISOR_BODY).first(),
        commissions=list(TechnicalCommission.objects.order_by("number")),
    )
