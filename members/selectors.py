"""Reads of the members app. Each list is built in a constant number of queries."""

from dataclasses import dataclass
from datetime import datetime

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import is_mfa_enabled
from django.db.models import Prefetch, Q, QuerySet

from gtr_portal.core.content_cache import kept_until_changed
from gtr_portal.core.errors import NotFound
from gtr_portal.core.forms import translated_label
from gtr_portal.jobs.models import Job
from gtr_portal.jobs.selectors import latest_jobs_by_subject, subject_for

from .jobs import INVITATION_JOB
from .models import Body, FocalPoint, MemberAdministration, User


def member_list(*, search: str = "", with_focal_points: bool = False) -> QuerySet:
    members = MemberAdministration.objects.order_by("name")
    if search:
        members = members.filter(
            Q(name_fr__icontains=search)
            | Q(name_en__icontains=search)
            | Q(administration_name__icontains=search)
            | Q(acronym__icontains=search)
            | Q(clearance_system_fr__icontains=search)
            | Q(clearance_system_en__icontains=search)
            | Q(single_window__icontains=search)
            | Q(iso2__iexact=search)
        )
    if with_focal_points:
        members = members.prefetch_related(_focal_points())
    return members


def _focal_points() -> Prefetch:
    return Prefetch(
        "focal_points",
        queryset=FocalPoint.objects.select_related("user")
        .filter(user__is_active=True)
        .order_by("function", "user__last_name"),
    )


def member_get(*, iso2: str, with_focal_points: bool = False) -> MemberAdministration:
    members = MemberAdministration.objects.prefetch_related(
        "interconnections__members",
    )
    if with_focal_points:
        members = members.prefetch_related(_focal_points())
    try:
        return members.get(iso2=iso2.upper())
    except MemberAdministration.DoesNotExist:
        raise NotFound from None


# modeltranslation keeps the untranslated column beside name_fr/name_en; it mirrors one of them.
UNTRANSLATED_COPIES = ["name", "description", "clearance_system"]


@dataclass
class ProfileChange:
    when: datetime
    who: User | None
    kind: str
    fields: list[str]


def member_history(*, member: MemberAdministration, limit: int = 20) -> list[ProfileChange]:
    """The latest changes to a member's profile: who, when, and which fields."""
    records = list(
        member.history.select_related("history_user").order_by("-history_date", "-history_id")[
            : limit + 1
        ]
    )
    labels = {
        f.name: translated_label(f) or f.verbose_name for f in MemberAdministration._meta.fields
    }
    changes = []
    for record, previous in zip(records, [*records[1:], None][: len(records)], strict=True):
        if len(changes) == limit:
            break
        fields = []
        if previous is not None:
            delta = record.diff_against(previous, excluded_fields=UNTRANSLATED_COPIES)
            fields = [
                str(labels.get(c.field, c.field))
                for c in delta.changes
                if (c.old or "") != (c.new or "")  # an empty text is not a change
            ]
        changes.append(
            ProfileChange(
                when=record.history_date,
                who=record.history_user,
                kind=record.get_history_type_display(),
                fields=fields,
            )
        )
    return changes


@dataclass
class UserRow:
    user: User
    invitation: Job | None


def user_list() -> list[UserRow]:
    users = list(
        User.objects.select_related("focal_point__administration", "body").order_by(
            "role", "last_name", "email"
        )
    )
    jobs = latest_jobs_by_subject(kind=INVITATION_JOB, subjects=[subject_for(u) for u in users])
    return [UserRow(user=u, invitation=jobs.get(subject_for(u))) for u in users]


def body_list() -> QuerySet:
    return Body.objects.order_by("kind", "code")


def has_totp_key(user_id: int) -> str:
    return f"has-totp:{user_id}"


def has_totp(*, user) -> bool:
    """Whether the user has set up an authenticator app: asked on every page the secretariat
    and supervisors open, and kept until one of their authenticators is saved or deleted
    (members/signals.py)."""
    return kept_until_changed(
        has_totp_key(user.pk), lambda: is_mfa_enabled(user, types=[Authenticator.Type.TOTP])
    )
