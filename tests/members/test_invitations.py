import pytest
from django.core import mail

from gtr_portal.core.errors import DomainError
from gtr_portal.jobs.models import Job
from members import services
from members.models import FocalPoint, Role, User


def invite(by, **overrides):
    data = {
        "email": "new.fp@douanes.sn",
        "first_name": "Awa",
        "last_name": "Ndiaye",
        "role": Role.FOCAL_POINT,
        "language": "fr",
    }
    data.update(overrides)
    return services.user_invite(invited_by=by, **data)


@pytest.mark.django_db
def test_inviting_a_focal_point_creates_an_account_without_password_and_queues_the_email(
    secretariat, senegal, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        user = invite(secretariat, administration=senegal)

    assert not user.has_usable_password()
    assert user.focal_point.administration == senegal
    job = Job.objects.get(subject=f"members.user:{user.pk}")
    assert (job.kind, job.status, job.language) == ("members.send_invitation", "queued", "fr")
    assert len(callbacks) == 1, "the task is sent only once the transaction commits"


@pytest.mark.django_db
def test_an_email_already_in_use_is_refused_whatever_its_case(secretariat, senegal, fp_senegal):
    with pytest.raises(DomainError) as refusal:
        invite(secretariat, email=fp_senegal.email.upper(), administration=senegal)

    assert refusal.value.field == "email"
    assert User.objects.filter(email__iexact=fp_senegal.email).count() == 1


@pytest.mark.django_db
def test_a_focal_point_needs_an_administration(secretariat):
    with pytest.raises(DomainError):
        invite(secretariat)

    assert not User.objects.filter(email="new.fp@douanes.sn").exists()


@pytest.mark.django_db
def test_the_invitation_email_is_written_in_the_invited_users_language(secretariat, nigeria):
    user = invite(secretariat, email="fp@customs.gov.ng", language="en", administration=nigeria)
    job = Job.objects.get(subject=f"members.user:{user.pk}")

    from gtr_portal.jobs.services import job_run

    job_run(job_id=job.pk)

    job.refresh_from_db()
    assert job.status == "done"
    message = mail.outbox[-1]
    assert message.to == ["fp@customs.gov.ng"]
    assert message.subject == "[GTR] Your account on the GTR Portal"
    assert "as Focal point for Nigeria" in message.body
    assert "/en/accounts/password/reset/key/" in message.body


@pytest.mark.django_db
def test_the_link_in_the_invitation_lets_the_user_choose_a_password_and_sign_in(
    client, secretariat, senegal
):
    user = invite(secretariat, administration=senegal)
    from gtr_portal.jobs.services import job_run

    job_run(job_id=Job.objects.get(subject=f"members.user:{user.pk}").pk)
    link = next(
        line for line in mail.outbox[-1].body.splitlines() if "/password/reset/key/" in line
    )
    path = link.split("127.0.0.1:8000", 1)[1].strip()

    form_page = client.get(path, follow=True)
    assert form_page.status_code == 200
    response = client.post(
        form_page.redirect_chain[-1][0] if form_page.redirect_chain else path,
        {"password1": "Abidjan-2010-gtr!", "password2": "Abidjan-2010-gtr!"},
    )

    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Abidjan-2010-gtr!")
    assert client.login(email=user.email, password="Abidjan-2010-gtr!")


@pytest.mark.django_db
def test_the_secretariat_invites_from_the_browser_form_and_sees_the_state(
    client, secretariat, senegal
):
    client.force_login(secretariat)

    response = client.post(
        "/fr/users/invite/",
        {
            "email": "awa@douanes.sn",
            "first_name": "Awa",
            "last_name": "Ndiaye",
            "role": "focal_point",
            "language": "fr",
            "administration": senegal.pk,
            "function": "deputy",
        },
        follow=True,
    )

    assert response.status_code == 200
    assert "awa@douanes.sn" in response.content.decode()
    assert 'data-job-status="queued"' in response.content.decode()
    assert FocalPoint.objects.get(user__email="awa@douanes.sn").function == "deputy"


@pytest.mark.django_db
def test_a_refused_invitation_keeps_what_the_secretariat_typed(client, secretariat, fp_senegal):
    client.force_login(secretariat)

    response = client.post(
        "/fr/users/invite/",
        {
            "email": fp_senegal.email,
            "first_name": "Awa",
            "last_name": "Ndiaye",
            "role": "focal_point",
            "language": "fr",
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Awa" in page and "Ndiaye" in page
    assert User.objects.filter(email=fp_senegal.email).count() == 1


@pytest.mark.django_db(transaction=True)
@pytest.mark.worker
def test_a_real_worker_sends_the_invitation_in_the_background(celery_worker, secretariat, senegal):
    import time

    user = invite(secretariat, administration=senegal)
    job = Job.objects.get(subject=f"members.user:{user.pk}")

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        job.refresh_from_db()
        if job.status in ("done", "failed"):
            break
        time.sleep(0.2)

    assert job.status == "done", job.error
    assert job.attempts == 1
    assert [m.to for m in mail.outbox] == [[user.email]]
    assert "/fr/accounts/password/reset/key/" in mail.outbox[0].body
