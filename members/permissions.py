"""Who may do what. Every view, template and task asks these rules, through `user.has_perm`.

Roles are defined here; each later app adds its own rules in its own permissions module, on top
of these predicates.
"""

import rules

from .models import Role


@rules.predicate
def is_secretariat(user) -> bool:
    return user.is_authenticated and (user.is_superuser or user.role == Role.SECRETARIAT)


@rules.predicate
def is_supervisor(user) -> bool:
    return user.is_authenticated and user.role == Role.SUPERVISOR


@rules.predicate
def is_focal_point(user) -> bool:
    return user.is_authenticated and user.role == Role.FOCAL_POINT


@rules.predicate
def is_body_reporter(user) -> bool:
    return user.is_authenticated and user.role == Role.BODY_REPORTER


@rules.predicate
def is_expert(user) -> bool:
    return user.is_authenticated and user.role == Role.EXPERT


@rules.predicate
def is_focal_point_of(user, administration) -> bool:
    """The user acts for this member administration."""
    if administration is None or not user.is_authenticated:
        return False
    return user.administration_id is not None and user.administration_id == administration.pk


is_signed_in = rules.is_authenticated
reads_everything = is_secretariat | is_supervisor


def grant_back_office(app_label: str, model_names: list[str]) -> None:
    """The Django admin is the secretariat's back office: it may add, change, delete and view
    every model of the app there, and nobody else may."""
    rules.add_perm(app_label, is_secretariat)
    for model in model_names:
        for action in ("add", "change", "delete", "view"):
            name = f"{app_label}.{action}_{model}"
            if not rules.perm_exists(name):
                rules.add_perm(name, is_secretariat)


rules.add_perm("members.view_focal_points", is_signed_in)
rules.add_perm("members.change_memberadministration", is_secretariat | is_focal_point_of)
rules.add_perm(
    "members.view_memberadministration_history",
    reads_everything | is_focal_point_of,
)
rules.add_perm("members.manage_users", is_secretariat)
# Which texts lack a language, and the badges that say so on lists.
rules.add_perm("core.view_translation_status", is_secretariat)

grant_back_office(
    "members",
    ["user", "memberadministration", "body", "actor", "focalpoint", "interconnection"],
)
grant_back_office("jobs", ["job"])


@rules.predicate
def requested_the_job(user, job) -> bool:
    return job is not None and user.is_authenticated and job.requested_by_id == user.pk


# Background jobs: whoever asked for one follows it; the secretariat and supervisors see all,
# and only the secretariat (or who asked) can try again.
rules.set_perm("jobs.view_job", reads_everything | requested_the_job)
rules.add_perm("jobs.retry_job", is_secretariat | requested_the_job)

# The security log is the secretariat's alone. Supervisors read all of the group's content, but
# the log is not content: it holds every user's addresses, browsers and failed sign-ins, and the
# supervisors' own downloads of private evidence, which they should not be the ones to review.
rules.add_perm("audit.view_securityevent", is_secretariat)
grant_back_office("audit", ["securityevent"])
