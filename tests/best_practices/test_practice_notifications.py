"""The review of a best practice notifies: the secretariat when a practice is submitted (at once
or in their daily digest), its author when it is returned (with the comment) or published, by
e-mail and in the portal, in each reader's language."""

import pytest
from django.core import mail

from best_practices import services
from best_practices.notifications import (
    PRACTICE_PUBLISHED,
    PRACTICE_RETURNED,
    PRACTICE_SUBMITTED,
)
from gtr_portal.jobs.models import Job
from gtr_portal.jobs.services import job_run
from gtr_portal.notifications.models import Notification, NotificationPreference
from gtr_portal.notifications.services import DIGEST_JOB, EMAIL_JOB, digests_request
from members.models import Role
from tests.factories import UserFactory

from .conftest import practice_data


def run_jobs(kind: str = EMAIL_JOB) -> None:
    for job in Job.objects.filter(kind=kind, status="queued"):
        job_run(job_id=job.pk)


@pytest.fixture
def submitted(draft, fp_senegal):
    return services.practice_submit(practice=draft, user=fp_senegal)


@pytest.mark.django_db
def test_a_submitted_practice_is_notified_to_the_secretariat_at_once_or_in_the_digest(
    draft, fp_senegal, secretariat, expert
):
    digest_reader = UserFactory(role=Role.SECRETARIAT, email="digest@gtr.test", language="en")
    NotificationPreference.objects.create(user=digest_reader, frequency="daily")

    services.practice_submit(practice=draft, user=fp_senegal)

    notices = Notification.objects.filter(kind=PRACTICE_SUBMITTED)
    assert {n.recipient for n in notices} == {secretariat, digest_reader}
    assert notices.get(recipient=secretariat).delivery == "immediate"
    assert notices.get(recipient=digest_reader).delivery == "digest"
    run_jobs()
    assert [m.to for m in mail.outbox] == [[secretariat.email]]
    assert "Guichet unique ORBUS" in mail.outbox[0].subject
    assert f"/fr/best-practices/{draft.slug}/" in mail.outbox[0].body

    digests_request()
    run_jobs(DIGEST_JOB)
    assert mail.outbox[-1].to == [digest_reader.email]
    assert "ORBUS single window" in mail.outbox[-1].body, "in the reader's language"
    assert f"/en/best-practices/{draft.slug}/" in mail.outbox[-1].body


@pytest.mark.django_db
def test_a_returned_practice_is_notified_to_its_author_with_the_comment(
    submitted, fp_senegal, secretariat
):
    services.practice_return(
        practice=submitted, reviewer=secretariat, comment="Ajoutez des indicateurs chiffrés."
    )

    notice = Notification.objects.get(kind=PRACTICE_RETURNED)
    assert notice.recipient == fp_senegal
    assert notice.url == f"/best-practices/{submitted.slug}/"
    run_jobs()
    message = mail.outbox[-1]
    assert message.to == [fp_senegal.email]
    assert message.body.startswith("Bonjour")
    assert "Guichet unique ORBUS" in message.subject
    assert "Ajoutez des indicateurs chiffrés." in message.body


@pytest.mark.django_db
def test_the_english_speaking_author_reads_the_notice_in_english(
    fp_nigeria, nigeria, secretariat, client
):
    practice = services.practice_save(user=fp_nigeria, administration=nigeria, data=practice_data())
    services.practice_submit(practice=practice, user=fp_nigeria)
    services.practice_return(practice=practice, reviewer=secretariat, comment="More figures.")
    run_jobs()

    message = next(m for m in mail.outbox if m.to == [fp_nigeria.email])
    assert message.subject == "[GTR] Your practice was returned: ORBUS single window"
    assert "More figures." in message.body
    assert f"/en/best-practices/{practice.slug}/" in message.body
    client.force_login(fp_nigeria)
    page = client.get("/en/notifications/").content.decode()
    assert "Your practice “ORBUS single window” was returned with a comment" in page


@pytest.mark.django_db
def test_a_published_practice_is_notified_to_its_author(submitted, fp_senegal, secretariat):
    services.practice_publish(practice=submitted, reviewer=secretariat)

    notice = Notification.objects.get(kind=PRACTICE_PUBLISHED)
    assert notice.recipient == fp_senegal
    run_jobs()
    assert mail.outbox[-1].to == [fp_senegal.email]


@pytest.mark.django_db
def test_a_refused_transition_notifies_nobody(submitted, secretariat):
    from gtr_portal.core.errors import DomainError

    with pytest.raises(DomainError):
        services.practice_return(practice=submitted, reviewer=secretariat, comment=" ")

    assert not Notification.objects.filter(kind=PRACTICE_RETURNED).exists()


@pytest.mark.django_db
def test_the_author_opens_the_notice_and_lands_on_the_practice(
    client, submitted, fp_senegal, secretariat
):
    services.practice_return(practice=submitted, reviewer=secretariat, comment="Chiffres ?")
    notice = Notification.objects.get(kind=PRACTICE_RETURNED)
    client.force_login(fp_senegal)

    response = client.get(f"/fr/notifications/{notice.pk}/", follow=True)

    assert response.redirect_chain[-1][0] == f"/fr/best-practices/{submitted.slug}/"
    assert response.status_code == 200
    assert "Chiffres" in response.content.decode()
