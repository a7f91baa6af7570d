"""Accounts' history and security events recorded by the members app: roles, activity, focal
points, invitations, two-factor authentication; and the audit page's "Changes to accounts"."""

import pytest
from django.core.cache import cache

from gtr_portal.audit.models import SecurityEvent
from members import services
from members.jobs import INVITATION_JOB
from members.models import FocalPoint, MemberAdministration, Role, User
from tests.factories import FocalPointFactory, UserFactory

ADDRESS = "198.51.100.4"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def events(kind: str):
    return SecurityEvent.objects.filter(kind=kind)


def admin_change(client, user: User, **changes):
    data = {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "language": user.language,
        "role": user.role,
        "body": user.body_id or "",
        "is_active": "on" if user.is_active else "",
        "focal_point-TOTAL_FORMS": "0",
        "focal_point-INITIAL_FORMS": "0",
        "focal_point-MIN_NUM_FORMS": "0",
        "focal_point-MAX_NUM_FORMS": "1",
    }
    data.update(changes)
    data = {k: v for k, v in data.items() if v != ""}
    return client.post(f"/fr/admin/members/user/{user.pk}/change/", data, REMOTE_ADDR=ADDRESS)


@pytest.mark.django_db
def test_a_role_change_by_the_secretariat_is_recorded_with_its_history(client, secretariat, expert):
    client.force_login(secretariat)

    response = admin_change(client, expert, role=Role.SUPERVISOR)

    assert response.status_code == 302, response.content.decode()[:3000]
    event = events("role_changed").get()
    assert (event.actor, event.target, event.ip_address) == (
        secretariat,
        f"members.user:{expert.pk}",
        ADDRESS,
    )
    assert (event.details["from"], event.details["to"]) == ("expert", "supervisor")
    latest = expert.history.first()
    assert (latest.role, latest.history_user) == ("supervisor", secretariat)


@pytest.mark.django_db
def test_deactivating_and_reactivating_an_account_are_recorded(client, secretariat, expert):
    client.force_login(secretariat)

    admin_change(client, expert, is_active="")
    expert.refresh_from_db()
    admin_change(client, expert, is_active="on")

    assert events("account_deactivated").get().actor == secretariat
    assert events("account_reactivated").get().actor == secretariat


@pytest.mark.django_db
def test_the_history_never_keeps_the_password_nor_each_sign_in(client, expert):
    before = expert.history.count()

    expert.set_password("Another-passw0rd-123")
    expert.save()
    client.force_login(expert)

    assert expert.history.count() == before
    assert "password" not in {f.name for f in User.history.model._meta.fields}


@pytest.mark.django_db
def test_a_focal_point_bound_moved_and_unbound_is_recorded(secretariat):
    user = UserFactory(role=Role.FOCAL_POINT, email="new-fp@gtr.test")

    focal_point = FocalPointFactory(user=user, iso2="SN")
    focal_point.administration = MemberAdministration.objects.get(iso2="NG")
    focal_point.save()
    pk = focal_point.pk
    focal_point.delete()

    assert events("focal_point_bound").get().details["administration"] == "SN"
    moved = events("focal_point_changed").get()
    assert (moved.details["previous"], moved.details["administration"]) == ("SN", "NG")
    assert events("focal_point_unbound").get().target == f"members.user:{user.pk}"
    assert [h.history_type for h in FocalPoint.history.filter(id=pk)] == [
        "-",
        "~",
        "+",
    ]


@pytest.mark.django_db
def test_an_invitation_by_the_secretariat_is_recorded(client, secretariat, senegal):
    client.force_login(secretariat)

    client.post(
        "/fr/users/invite/",
        {
            "email": "invited@gtr.test",
            "first_name": "Awa",
            "last_name": "Diop",
            "role": Role.FOCAL_POINT,
            "language": "fr",
            "administration": senegal.pk,
            "function": FocalPoint.Function.ICT_FOCAL_POINT,
        },
        REMOTE_ADDR=ADDRESS,
    )

    invited = User.objects.get(email="invited@gtr.test")
    event = events("invitation_sent").get()
    assert (event.actor, event.target, event.ip_address) == (
        secretariat,
        f"members.user:{invited.pk}",
        ADDRESS,
    )
    target = f"members.user:{invited.pk}"
    assert events("account_created").get(target=target).actor == secretariat
    assert events("focal_point_bound").get(target=target).actor == secretariat


@pytest.mark.django_db
def test_an_invitation_sent_again_is_recorded_too(secretariat):
    user = services.user_invite(
        invited_by=secretariat,
        email="again@gtr.test",
        first_name="A",
        last_name="B",
        role=Role.EXPERT,
        language="en",
    )
    from gtr_portal.jobs.models import Job

    Job.objects.filter(kind=INVITATION_JOB).update(status=Job.Status.DONE)
    services.invitation_request(user=user, requested_by=secretariat)

    assert events("invitation_sent").count() == 2


@pytest.mark.django_db
def test_two_factor_changes_are_recorded(expert, rf):
    from allauth.mfa import signals
    from allauth.mfa.models import Authenticator

    request = rf.post("/", REMOTE_ADDR=ADDRESS)
    request.user = expert
    totp = Authenticator(user=expert, type=Authenticator.Type.TOTP)
    codes = Authenticator(user=expert, type=Authenticator.Type.RECOVERY_CODES)

    signals.authenticator_added.send(
        Authenticator, request=request, user=expert, authenticator=totp
    )
    signals.authenticator_added.send(
        Authenticator, request=request, user=expert, authenticator=codes
    )
    signals.authenticator_reset.send(
        Authenticator, request=request, user=expert, authenticator=codes
    )
    signals.authenticator_removed.send(
        Authenticator, request=request, user=expert, authenticator=totp
    )

    assert events("mfa_enabled").get().details == {"type": "totp"}
    assert events("recovery_codes_regenerated").count() == 1
    assert events("mfa_removed").get().ip_address == ADDRESS


@pytest.mark.django_db
def test_the_account_changes_show_who_changed_what(client, secretariat, expert):
    client.force_login(secretariat)
    admin_change(client, expert, role=Role.SUPERVISOR)

    page = client.get("/en/audit/accounts/").content.decode()

    assert "Changes to accounts" in page
    assert "expert@gtr.test" in page
    assert "Expert → <strong>Supervisor (ROCB-WCA)</strong>" in page
    assert secretariat.email in page


@pytest.mark.django_db
def test_the_account_changes_cost_the_same_queries_for_many_changes(
    client, secretariat, django_assert_max_num_queries
):
    for n in range(40):
        user = UserFactory(role=Role.FOCAL_POINT, email=f"fp{n}@gtr.test")
        FocalPointFactory(user=user, iso2="SN" if n % 2 else "NG")
        user.role = Role.EXPERT
        user.save()
    client.force_login(secretariat)

    with django_assert_max_num_queries(16):
        response = client.get("/fr/audit/accounts/")
    assert response.status_code == 200
    with django_assert_max_num_queries(16):
        assert client.get("/fr/audit/accounts/", {"users": 2, "focal_points": 2}).status_code == 200
