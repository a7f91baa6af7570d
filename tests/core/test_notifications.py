"""Notifications, the generic machinery: a notice is a row for its recipient, e-mailed by the
worker (at once, or in a daily digest sent once a day) and listed in the portal, always written
in its reader's language; nobody sees or opens another user's notices."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from gtr_portal.jobs.models import Job
from gtr_portal.jobs.services import job_run
from gtr_portal.notifications.models import (
    Notification,
    NotificationDigest,
    NotificationPreference,
)
from gtr_portal.notifications.registry import notification_kind_register
from gtr_portal.notifications.services import (
    DIGEST_JOB,
    EMAIL_JOB,
    digest_send,
    digests_request,
    notification_mark_read,
    notify,
)
from tests.factories import UserFactory

GREETING = "tests.greeting"
SUBMISSION = "tests.submission"
notification_kind_register(GREETING, templates="tests/notifications/greeting")
notification_kind_register(SUBMISSION, templates="tests/notifications/submission", can_wait=True)

TEXT = {"fr": "Pratique renvoyée : à revoir", "en": "Practice returned: to review"}


@pytest.fixture(autouse=True)
def _test_templates(settings):
    engine = settings.TEMPLATES[0]
    folder = Path(__file__).parent / "notification_templates"
    settings.TEMPLATES = [{**engine, "DIRS": [*engine["DIRS"], folder]}]


@pytest.fixture
def french(db):
    return UserFactory(email="awa@douanes.sn", first_name="Awa", last_name="Ndiaye")


@pytest.fixture
def english(db):
    return UserFactory(email="ada@customs.gov.ng", first_name="Ada", last_name="Obi", language="en")


def send(kind=GREETING, recipients=(), **params):
    return notify(
        recipients=recipients,
        kind=kind,
        params={"text": TEXT, "deadline": date(2026, 5, 14), **params},
        url="/fr/best-practices/guichet-unique/",
    )


def run_jobs(kind: str) -> None:
    for job in Job.objects.filter(kind=kind, status="queued"):
        job_run(job_id=job.pk)


@pytest.mark.django_db
def test_a_notice_is_one_row_per_recipient_and_its_emails_are_queued_after_commit(
    french, english, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        rows = send(recipients=[french, english, french, None])

    assert len(rows) == 2
    assert {n.recipient for n in Notification.objects.all()} == {french, english}
    notice = Notification.objects.get(recipient=french)
    assert notice.url == "/best-practices/guichet-unique/", "stored without its language"
    assert (notice.read_at, notice.emailed_at, notice.delivery) == (None, None, "immediate")
    assert notice.params["deadline"] == "2026-05-14"
    jobs = Job.objects.filter(kind=EMAIL_JOB)
    assert sorted(jobs.values_list("language", flat=True)) == ["en", "fr"]
    dispatches = [c for c in callbacks if getattr(c, "keywords", {}).get("kind") == EMAIL_JOB]
    assert len(dispatches) == 2, "each e-mail goes to the worker once the transaction commits"


@pytest.mark.django_db
def test_each_recipient_gets_the_email_in_their_own_language_from_the_worker(
    french, english, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        send(recipients=[french, english], comment="<b>Ajoutez des indicateurs</b> & chiffres")
    run_jobs(EMAIL_JOB)

    by_address = {message.to[0]: message for message in mail.outbox}
    fr, en = by_address[french.email], by_address[english.email]
    # French typography (narrow no-break space before the colon) from the single e-mail renderer.
    assert fr.subject == "[GTR] Pratique renvoyée\u202f: à revoir"
    assert fr.body.startswith("Bonjour Awa Ndiaye,")
    assert "/fr/best-practices/guichet-unique/\n" in fr.body
    assert "<b>Ajoutez des indicateurs</b> & chiffres" in fr.body, "plain text is not escaped"
    assert "&lt;b&gt;" in fr.alternatives[0].content, "the HTML body is"
    assert en.subject == "[GTR] Practice returned: to review"
    assert en.body.startswith("Hello Ada Obi,")
    assert "/en/best-practices/guichet-unique/" in en.body
    assert Notification.objects.filter(emailed_at__isnull=True).count() == 0


@pytest.mark.django_db
def test_a_notice_is_emailed_once_even_when_its_job_runs_twice(french):
    send(recipients=[french])
    job = Job.objects.get(kind=EMAIL_JOB)
    job_run(job_id=job.pk)
    Job.objects.filter(pk=job.pk).update(status="queued")

    job_run(job_id=job.pk)

    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_the_email_follows_the_language_the_recipient_has_when_it_is_sent(french):
    send(recipients=[french])
    french.language = "en"
    french.save()

    run_jobs(EMAIL_JOB)

    assert mail.outbox[0].subject == "[GTR] Practice returned: to review"


@pytest.mark.django_db
def test_only_paths_of_the_portal_and_registered_kinds_are_accepted(french):
    with pytest.raises(ValueError):
        notify(recipients=[french], kind=GREETING, url="//evil.example/x")
    with pytest.raises(ValueError):
        notify(recipients=[french], kind=GREETING, url="https://evil.example/x")
    with pytest.raises(LookupError):
        notify(recipients=[french], kind="tests.unknown")
    assert not Notification.objects.exists()


# --- Daily digest ------------------------------------------------------------------------------


@pytest.fixture
def daily(english):
    NotificationPreference.objects.create(user=english, frequency="daily")
    return english


@pytest.mark.django_db
def test_notices_that_can_wait_go_in_one_daily_digest_for_those_who_chose_it(daily, french):
    send(SUBMISSION, recipients=[daily, french])
    send(SUBMISSION, recipients=[daily], text={"fr": "Deuxième", "en": "Second"})

    assert Job.objects.filter(kind=EMAIL_JOB).count() == 1, "only the French user's, at once"
    assert digests_request() == 1
    run_jobs(DIGEST_JOB)
    run_jobs(EMAIL_JOB)

    digest = next(m for m in mail.outbox if m.to == [daily.email])
    assert digest.subject == "[GTR] Your 2 notices of the day"
    assert "Practice returned: to review" in digest.body and "Second" in digest.body
    assert "/en/best-practices/guichet-unique/" in digest.body
    assert not Notification.objects.filter(recipient=daily, emailed_at__isnull=True).exists()


@pytest.mark.django_db
def test_a_notice_that_cannot_wait_is_emailed_at_once_even_to_a_digest_reader(daily):
    send(GREETING, recipients=[daily])

    assert Job.objects.filter(kind=EMAIL_JOB).count() == 1
    assert digests_request() == 0


@pytest.mark.django_db
def test_the_digest_goes_out_at_most_once_a_day(daily):
    today = timezone.localdate()
    send(SUBMISSION, recipients=[daily])
    digests_request(day=today)
    run_jobs(DIGEST_JOB)
    send(SUBMISSION, recipients=[daily], text={"fr": "Plus tard", "en": "Later"})

    assert digests_request(day=today) == 0
    assert digest_send(user_id=daily.pk, day=today)["sent"] == 0
    assert len(mail.outbox) == 1
    with pytest.raises(IntegrityError):
        NotificationDigest.objects.create(recipient=daily, day=today)


@pytest.mark.django_db
def test_what_arrives_after_a_digest_goes_in_the_next_days(daily):
    today = timezone.localdate()
    send(SUBMISSION, recipients=[daily])
    digests_request(day=today)
    run_jobs(DIGEST_JOB)
    send(SUBMISSION, recipients=[daily], text={"fr": "Demain", "en": "Tomorrow"})

    assert digests_request(day=today + timedelta(days=1)) == 1
    run_jobs(DIGEST_JOB)

    assert len(mail.outbox) == 2
    assert mail.outbox[1].subject == "[GTR] Your notice of the day"
    assert "Tomorrow" in mail.outbox[1].body


# --- The page -----------------------------------------------------------------------------------


LIST = "notifications:notification-list"


def page_url(language: str = "fr", name: str = LIST, **kwargs) -> str:
    with translation.override(language):
        return reverse(name, kwargs=kwargs or None)


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_sign_in(client):
    for url in (page_url(), page_url(name="notifications:notification-open", pk=1)):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    assert client.post(page_url(name="notifications:read-all")).status_code == 302


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["secretariat", "fp_senegal", "supervisor", "expert"])
def test_each_role_sees_its_own_notices_and_nobody_elses(client, request, role, french):
    user = request.getfixturevalue(role)
    send(recipients=[user], text={"fr": f"Pour {role}", "en": f"For {role}"})
    send(recipients=[french], text={"fr": "Pour Awa seulement", "en": "For Awa only"})
    client.force_login(user)

    response = client.get(page_url())

    assert response.status_code == 200
    content = response.content.decode()
    assert f"Pour {role}" in content
    assert "Pour Awa seulement" not in content
    assert "data-unread>1<" in content, "the top bar counts the unread notice"


@pytest.mark.django_db
def test_the_list_is_written_in_the_readers_current_language(client, english):
    send(recipients=[english])
    client.force_login(english)

    assert "Pratique renvoyée" in client.get(page_url("fr")).content.decode()
    english_page = client.get(page_url("en")).content.decode()
    assert "Practice returned: to review (14 May 2026)" in english_page


@pytest.mark.django_db
def test_opening_a_notice_marks_it_read_and_leads_to_its_page_in_the_readers_language(
    client, english
):
    (notice,) = send(recipients=[english])
    client.force_login(english)

    response = client.get(page_url("en", "notifications:notification-open", pk=notice.pk))

    assert response.status_code == 302
    assert response["Location"] == "/en/best-practices/guichet-unique/"
    notice.refresh_from_db()
    assert notice.read_at is not None
    assert "data-unread" not in client.get(page_url("en")).content.decode()


@pytest.mark.django_db
def test_nobody_can_open_another_users_notice(client, french, english):
    (notice,) = send(recipients=[french])
    client.force_login(english)

    response = client.get(page_url("en", "notifications:notification-open", pk=notice.pk))

    assert response.status_code == 404
    notice.refresh_from_db()
    assert notice.read_at is None


@pytest.mark.django_db
def test_mark_all_as_read_is_a_protected_post_that_touches_only_ones_own_notices(french, english):
    send(recipients=[french, english])
    send(recipients=[french])
    client = Client(enforce_csrf_checks=True)
    client.force_login(french)
    url = page_url(name="notifications:read-all")

    assert client.get(url).status_code == 405
    assert client.post(url).status_code == 403, "without its CSRF token"
    client.get(page_url())
    response = client.post(url, {"csrfmiddlewaretoken": client.cookies["csrftoken"].value})

    assert response.status_code == 302
    assert not Notification.objects.filter(recipient=french, read_at__isnull=True).exists()
    assert Notification.objects.get(recipient=english).read_at is None


@pytest.mark.django_db
def test_a_user_chooses_the_daily_digest_on_the_page(client, french):
    client.force_login(french)

    response = client.post(page_url(name="notifications:preference-update"), {"frequency": "daily"})

    assert response.status_code == 302
    assert NotificationPreference.objects.get(user=french).frequency == "daily"
    content = client.get(page_url()).content.decode()
    assert 'value="daily" required id="id_frequency_1" checked' in content
    bad = client.post(page_url(name="notifications:preference-update"), {"frequency": "hourly"})
    assert bad.status_code == 302
    assert NotificationPreference.objects.get(user=french).frequency == "daily"


@pytest.mark.django_db
def test_the_page_costs_the_same_queries_whatever_the_number_of_notices(
    client, french, django_assert_max_num_queries
):
    client.force_login(french)
    send(recipients=[french])
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(page_url())
    for _ in range(45):
        send(recipients=[french])

    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(page_url())

    assert response.status_code == 200
    assert response.content.decode().count('class="notification unread"') == 20, "paginated"
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(page_url() + "?page=3").status_code == 200


@pytest.mark.django_db
def test_reminders_that_repeat_can_ask_when_a_subject_was_last_notified(french, english):
    from gtr_portal.notifications.selectors import last_notified_at

    assert last_notified_at(kind=GREETING, subject="tests.actor:1") is None
    notify(recipients=[french], kind=GREETING, subject="tests.actor:1")
    Notification.objects.update(created_at=timezone.now() - timedelta(days=31))
    notify(recipients=[english], kind=GREETING, subject="tests.actor:1")
    notify(recipients=[english], kind=GREETING, subject="tests.actor:2")

    last = last_notified_at(kind=GREETING, subject="tests.actor:1")
    assert timezone.now() - last < timedelta(minutes=1)
    assert last_notified_at(kind=SUBMISSION, subject="tests.actor:1") is None


def test_a_path_given_in_the_parameters_becomes_an_absolute_link_in_the_readers_language():
    from django.template import Context, Template

    template = Template("{% load notification_tags %}{{ path|portal_url }}")
    with translation.override("en"):
        link = template.render(Context({"path": "/fr/recommendations/calendar/"}))

    assert link.endswith("/en/recommendations/calendar/")
    assert link.startswith("http")


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
def test_with_the_caches_on_the_menu_counts_a_new_notice_at_once_and_forgets_it_once_read(
    client, french, settings, language, django_capture_on_commit_callbacks
):
    """The unread count in every page's menu is kept between requests (issue 12), never past
    a notice that arrives or is read."""
    from django.core.cache import cache

    settings.PAGE_CACHE_SECONDS = 300
    cache.clear()
    client.force_login(french)
    page = f"/{language}/recommendations/calendar/"

    assert "data-unread" not in client.get(page).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        (notice,) = send(recipients=[french])
    assert "data-unread>1<" in client.get(page).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        notification_mark_read(notification=notice)
    assert "data-unread" not in client.get(page).content.decode()
    cache.clear()
