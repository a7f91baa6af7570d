"""Writes of the members app: inviting users, sending invitations, editing a member's profile."""

from allauth.account.adapter import get_adapter
from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from gtr_portal.core.errors import DomainError
from gtr_portal.jobs.models import Job
from gtr_portal.jobs.selectors import subject_for
from gtr_portal.jobs.services import job_enqueue

from .jobs import INVITATION_JOB
from .models import Body, FocalPoint, MemberAdministration, Role, User


@transaction.atomic
def user_invite(
    *,
    invited_by: User,
    email: str,
    first_name: str,
    last_name: str,
    role: str,
    language: str,
    administration: MemberAdministration | None = None,
    function: str = FocalPoint.Function.ICT_FOCAL_POINT,
    job_title_fr: str = "",
    job_title_en: str = "",
    body: Body | None = None,
) -> User:
    """Create an account without a password and send its holder a link to choose one."""
    email = email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise DomainError(_("A user with this e-mail address already exists."), field="email")
    if role == Role.FOCAL_POINT and administration is None:
        raise DomainError(
            _("A focal point must be linked to a member administration."), field="administration"
        )
    if role == Role.BODY_REPORTER and body is None:
        raise DomainError(_("A reporter for a body must be linked to that body."), field="body")
    if role != Role.FOCAL_POINT and administration is not None:
        raise DomainError(
            _("Only focal points are linked to a member administration."), field="administration"
        )
    user = User(
        email=email,
        first_name=first_name,
        last_name=last_name,
        role=role,
        language=language,
        body=body,
        invited_by=invited_by,
    )
    user.set_unusable_password()
    user.full_clean()
    user.save()
    # The secretariat vouches for the address; following the link proves it.
    EmailAddress.objects.create(user=user, email=email, primary=True, verified=True)
    if role == Role.FOCAL_POINT:
        FocalPoint.objects.create(
            user=user,
            administration=administration,
            function=function,
            job_title_fr=job_title_fr,
            job_title_en=job_title_en,
        )
    invitation_request(user=user, requested_by=invited_by)
    return user


def invitation_request(*, user: User, requested_by: User | None) -> Job:
    """Queue the invitation e-mail; it is sent by the worker, in the invited user's language."""
    return job_enqueue(
        kind=INVITATION_JOB,
        subject=subject_for(user),
        requested_by=requested_by,
        language=user.language,
        params={"user_id": user.pk},
    )


def invitation_send(*, user: User) -> dict:
    """Send the invitation e-mail now. Runs in the worker, in the job's language."""
    path = reverse(
        "account_reset_password_from_key",
        kwargs={
            "uidb36": user_pk_to_url_str(user),
            "key": default_token_generator.make_token(user),
        },
    )
    context = {
        "user": user,
        "invited_by": user.invited_by,
        "activate_url": settings.SITE_URL.rstrip("/") + path,
        "login_url": settings.SITE_URL.rstrip("/") + reverse("account_login"),
        "role": user.get_role_display(),
        "administration": getattr(getattr(user, "focal_point", None), "administration", None),
        "language": translation.get_language(),
    }
    # Subject, text and HTML bodies rendered where every e-mail is (French typography).
    get_adapter().render_mail("members/email/invitation", user.email, context).send()
    return {"to": user.email}


def member_update_profile(
    *, member: MemberAdministration, changed_by: User, data: dict
) -> MemberAdministration:
    """Save a member's profile; django-simple-history records who changed what."""
    if not member.history.exists():
        # Record the stored reference data first (a fresh copy: a bound form may already have
        # changed `member`), so the first edit shows which fields it changed.
        MemberAdministration.objects.get(pk=member.pk).save()
    for field, value in data.items():
        setattr(member, field, value)
    member.full_clean()
    member._history_user = changed_by
    member.save()
    return member
