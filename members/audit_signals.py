"""What the security log and the account history record about members' accounts.

Role, activity and e-mail changes of users, focal points bound to or unbound from an
administration, invitations: wherever they are made (admin, the secretariat's screens, a shell),
with who made them when a request is being served. Connected from MembersConfig.ready().
"""

from django.db.models.signals import post_delete, post_save, pre_save
from django.dispatch import receiver
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from gtr_portal.audit.history import (
    Change,
    ChangeRow,
    HistorySource,
    history_user_email,
    register_history_source,
    track_account_history,
    with_previous_values,
)
from gtr_portal.audit.models import EventKind
from gtr_portal.audit.registry import audit_job_kind
from gtr_portal.audit.services import audit_record, audit_target, current_request

from .jobs import INVITATION_JOB
from .models import Body, FocalPoint, MemberAdministration, Role, User

# --- History -------------------------------------------------------------------------------

# The password hash is never copied; a sign-in (last_login) is not a change of the account.
track_account_history(User, excluded_fields=["password", "last_login"])
track_account_history(FocalPoint)

USER_FIELDS = [
    ("email", _("e-mail address")),
    ("role", _("role")),
    ("is_active", _("active")),
    ("is_superuser", _("superuser")),
    ("first_name", _("first name")),
    ("last_name", _("last name")),
    ("body_id", _("body")),
]
FOCAL_POINT_FIELDS = [
    ("user_id", _("user")),
    ("administration_id", _("member administration")),
    ("function", _("function")),
]


def _yes_no(value) -> str:
    if value is None:
        return ""
    return gettext("yes") if value else gettext("no")


def _display(name: str, value, names: dict) -> str:
    if value is None or value == "":
        return ""
    if name == "role":
        return str(Role(value).label) if value in Role.values else str(value)
    if name in ("is_active", "is_superuser"):
        return _yes_no(value)
    if name == "function":
        choices = dict(FocalPoint.Function.choices)
        return str(choices.get(value, value))
    if name in names:
        return names[name].get(value, f"#{value}")
    return str(value)


def _changes(row, fields, names) -> list[Change]:
    changes = []
    first = row.history_type == "+" or all(
        getattr(row, f"prev_{name}") is None for name, _label in fields
    )
    for name, label in fields:
        new = getattr(row, name)
        if row.history_type == "-":
            continue
        if first:
            if new not in (None, ""):
                changes.append(Change(str(label), "", _display(name, new, names)))
            continue
        old = getattr(row, f"prev_{name}")
        if old != new:
            changes.append(
                Change(str(label), _display(name, old, names), _display(name, new, names))
            )
    return changes


def _user_history():
    return with_previous_values(
        User.history.select_related("history_user"), [name for name, _label in USER_FIELDS]
    )


def _describe_users(rows) -> list[ChangeRow]:
    body_ids = {r.body_id for r in rows} | {r.prev_body_id for r in rows}
    bodies = dict(Body.objects.filter(pk__in=body_ids - {None}).values_list("pk", "code"))
    names = {"body_id": bodies}
    return [
        ChangeRow(
            when=row.history_date,
            who=history_user_email(row),
            subject=row.email,
            action=row.history_type,
            changes=_changes(row, USER_FIELDS, names),
        )
        for row in rows
    ]


def _focal_point_history():
    return with_previous_values(
        FocalPoint.history.select_related("history_user"),
        [name for name, _label in FOCAL_POINT_FIELDS],
    )


def _describe_focal_points(rows) -> list[ChangeRow]:
    user_ids = {r.user_id for r in rows} | {r.prev_user_id for r in rows}
    emails = dict(User.objects.filter(pk__in=user_ids - {None}).values_list("pk", "email"))
    admin_ids = {r.administration_id for r in rows} | {r.prev_administration_id for r in rows}
    administrations = {
        pk: f"{name} ({iso2})"
        for pk, name, iso2 in MemberAdministration.objects.filter(
            pk__in=admin_ids - {None}
        ).values_list("pk", "name", "iso2")
    }
    names = {"user_id": emails, "administration_id": administrations}
    return [
        ChangeRow(
            when=row.history_date,
            who=history_user_email(row),
            subject=emails.get(row.user_id, f"#{row.user_id}"),
            action=row.history_type,
            changes=_changes(row, FOCAL_POINT_FIELDS, names),
        )
        for row in rows
    ]


register_history_source(
    HistorySource(
        key="users",
        title=_("Users"),
        queryset=_user_history,
        describe=_describe_users,
    )
)
register_history_source(
    HistorySource(
        key="focal_points",
        title=_("Focal points"),
        queryset=_focal_point_history,
        describe=_describe_focal_points,
    )
)

# --- Security events -----------------------------------------------------------------------

audit_job_kind(INVITATION_JOB, EventKind.INVITATION_SENT)

_WATCHED_USER_FIELDS = ("role", "is_active", "email")


@receiver(pre_save, sender=User, dispatch_uid="audit_user_before")
def remember_user_before(sender, instance: User, raw=False, update_fields=None, **kwargs):
    instance._audit_before = None
    if raw or instance.pk is None:
        return
    if update_fields is not None and not set(update_fields) & set(_WATCHED_USER_FIELDS):
        return
    instance._audit_before = (
        User.objects.filter(pk=instance.pk).values(*_WATCHED_USER_FIELDS).first()
    )


@receiver(post_save, sender=User, dispatch_uid="audit_user_after")
def record_user_change(sender, instance: User, created, raw=False, **kwargs):
    if raw:
        return
    request = current_request()
    target = audit_target(instance)
    if created:
        audit_record(
            kind=EventKind.ACCOUNT_CREATED,
            request=request,
            target=target,
            details={"account": instance.email, "role": instance.role},
        )
        return
    before = getattr(instance, "_audit_before", None)
    instance._audit_before = None
    if not before:
        return
    if before["role"] != instance.role:
        audit_record(
            kind=EventKind.ROLE_CHANGED,
            request=request,
            target=target,
            details={"account": instance.email, "from": before["role"], "to": instance.role},
        )
    if before["is_active"] != instance.is_active:
        audit_record(
            kind=(
                EventKind.ACCOUNT_REACTIVATED
                if instance.is_active
                else EventKind.ACCOUNT_DEACTIVATED
            ),
            request=request,
            target=target,
            details={"account": instance.email},
        )
    if before["email"] != instance.email:
        audit_record(
            kind=EventKind.EMAIL_CHANGED,
            request=request,
            target=target,
            details={"from": before["email"], "to": instance.email},
        )


@receiver(pre_save, sender=FocalPoint, dispatch_uid="audit_focal_point_before")
def remember_binding_before(sender, instance: FocalPoint, raw=False, **kwargs):
    instance._audit_before = None
    if raw or instance.pk is None:
        return
    instance._audit_before = (
        FocalPoint.objects.filter(pk=instance.pk).values("administration__iso2", "user_id").first()
    )


def _binding_details(focal_point: FocalPoint, **extra) -> dict:
    return {"user": focal_point.user_id, **extra}


@receiver(post_save, sender=FocalPoint, dispatch_uid="audit_focal_point_after")
def record_binding(sender, instance: FocalPoint, created, raw=False, **kwargs):
    if raw:
        return
    iso2 = (
        MemberAdministration.objects.filter(pk=instance.administration_id)
        .values_list("iso2", flat=True)
        .first()
    )
    target = f"members.user:{instance.user_id}"
    if created:
        audit_record(
            kind=EventKind.FOCAL_POINT_BOUND,
            request=current_request(),
            target=target,
            details=_binding_details(instance, administration=iso2),
        )
        return
    before = getattr(instance, "_audit_before", None)
    instance._audit_before = None
    if before and (before["administration__iso2"] != iso2 or before["user_id"] != instance.user_id):
        audit_record(
            kind=EventKind.FOCAL_POINT_CHANGED,
            request=current_request(),
            target=target,
            details=_binding_details(
                instance, administration=iso2, previous=before["administration__iso2"]
            ),
        )


@receiver(post_delete, sender=FocalPoint, dispatch_uid="audit_focal_point_deleted")
def record_unbinding(sender, instance: FocalPoint, **kwargs):
    iso2 = (
        MemberAdministration.objects.filter(pk=instance.administration_id)
        .values_list("iso2", flat=True)
        .first()
    )
    audit_record(
        kind=EventKind.FOCAL_POINT_UNBOUND,
        request=current_request(),
        target=f"members.user:{instance.user_id}",
        details=_binding_details(instance, administration=iso2),
    )
