"""The secretariat's security log: what is recorded, who may read it, and how it is read.

This module is also the URL configuration of its tests that need `handler403` (the portal's URLs
plus the audit's refusal view), so that they do not depend on the order in which it is wired.
"""

import csv
import io
from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from gtr_portal.audit.models import EventKind, SecurityEvent
from gtr_portal.audit.services import audit_prune, audit_record
from gtr_portal.urls import urlpatterns  # noqa: F401  (this module serves as a URLconf)
from tests.conftest import downloaded
from tests.factories import PASSWORD, UserFactory

handler403 = "gtr_portal.audit.views.permission_denied"
THIS_URLCONF = __name__
ADDRESS = "203.0.113.7"


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def events(kind: str):
    return SecurityEvent.objects.filter(kind=kind)


# --- What is recorded ----------------------------------------------------------------------


@pytest.mark.django_db
def test_a_failed_sign_in_is_recorded_with_the_tried_email_and_address_but_no_password(
    client, fp_senegal
):
    client.post(
        "/fr/accounts/login/",
        {"login": "FP-SN@gtr.test", "password": "Secret-guess-123"},
        REMOTE_ADDR=ADDRESS,
        HTTP_USER_AGENT="Mozilla/5.0 (test)",
    )

    event = events("login_failed").get()
    assert event.actor_email == "fp-sn@gtr.test"
    assert event.ip_address == ADDRESS
    assert event.user_agent == "Mozilla/5.0 (test)"
    stored = str(SecurityEvent.objects.filter(pk=event.pk).values().get())
    assert "Secret-guess-123" not in stored
    assert "password" not in stored.lower()


@pytest.mark.django_db
def test_a_sign_in_and_a_sign_out_are_recorded_for_the_person(client, fp_senegal):
    client.post(
        "/fr/accounts/login/",
        {"login": fp_senegal.email, "password": PASSWORD},
        REMOTE_ADDR=ADDRESS,
    )
    client.post("/fr/accounts/logout/", REMOTE_ADDR=ADDRESS)

    signed_in = events("login_succeeded").get()
    assert (signed_in.actor, signed_in.ip_address) == (fp_senegal, ADDRESS)
    assert events("logout").get().actor == fp_senegal


@pytest.mark.django_db
def test_the_client_address_is_read_behind_the_trusted_proxy_only(rf, settings):
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 1
    request = rf.get("/", HTTP_X_FORWARDED_FOR=f"{ADDRESS}", REMOTE_ADDR="10.0.0.2")

    assert audit_record(kind=EventKind.ACCESS_DENIED, request=request).ip_address == ADDRESS

    settings.ALLAUTH_TRUSTED_PROXY_COUNT = 0
    assert audit_record(kind=EventKind.ACCESS_DENIED, request=request).ip_address == "10.0.0.2"


@pytest.mark.django_db
def test_recording_never_breaks_the_request_and_drops_secrets(monkeypatch):
    event = audit_record(
        kind=EventKind.LOGIN_FAILED,
        actor_email="x@gtr.test",
        details={"password": "p", "otp_code": "1", "code": "123456", "tried": "x@gtr.test"},
    )
    assert event.details == {"tried": "x@gtr.test"}

    def broken(*args, **kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(SecurityEvent, "save", broken)
    assert audit_record(kind=EventKind.LOGOUT) is None


@pytest.mark.django_db
def test_the_log_is_append_only_down_to_the_database(secretariat):
    event = audit_record(kind=EventKind.LOGOUT, actor=secretariat)

    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        SecurityEvent.objects.filter(pk=event.pk).update(kind="login_failed")
    with pytest.raises(Exception, match="append-only"), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE audit_securityevent SET actor_email = 'someone@else' WHERE id = %s", [event.pk]
        )


@pytest.mark.django_db
def test_an_event_outlives_the_account_and_keeps_its_email(expert):
    audit_record(kind=EventKind.LOGOUT, actor=expert)

    expert.delete()

    event = events("logout").get()
    assert (event.actor, event.actor_email) == (None, "expert@gtr.test")


@pytest.mark.django_db
@pytest.mark.urls(THIS_URLCONF)
def test_a_refusal_is_recorded_as_access_denied_with_the_path(client, fp_senegal):
    client.force_login(fp_senegal)

    response = client.get("/fr/users/", REMOTE_ADDR=ADDRESS)

    assert response.status_code == 403
    event = events("access_denied").get()
    assert (event.actor, event.target, event.ip_address) == (fp_senegal, "/fr/users/", ADDRESS)


@pytest.mark.django_db
def test_a_pdf_build_request_is_recorded_with_who_asked(client, secretariat):
    from reports import services

    report = services.report_save(
        user=secretariat,
        kind="activity",
        data={
            "title_fr": "Rapport d'activité 2025",
            "title_en": "Activity report 2025",
            "period_start": date(2025, 1, 1),
            "period_end": date(2025, 12, 31),
        },
    )
    client.force_login(secretariat)

    client.post(f"/fr/reports/{report.pk}/build/", REMOTE_ADDR=ADDRESS)

    event = events("pdf_build_requested").get()
    assert (event.actor, event.target, event.ip_address) == (
        secretariat,
        f"reports.report:{report.pk}",
        ADDRESS,
    )
    assert event.details["job_kind"] == "reports.build_report"


@pytest.mark.django_db
def test_a_members_only_meeting_document_download_is_recorded(client, supervisor, meeting):
    from recommendations import services
    from tests.recommendations.conftest import pdf_upload

    secretariat = UserFactory(role="secretariat")
    document = services.meeting_document_add(
        meeting=meeting, user=secretariat, upload=pdf_upload(), kind="agenda", language="fr"
    )
    client.force_login(supervisor)

    response = client.get(document.get_absolute_url(), REMOTE_ADDR=ADDRESS)
    downloaded(response)

    event = events("private_file_downloaded").get()
    assert (event.actor, event.ip_address) == (supervisor, ADDRESS)
    assert event.details["file"] == document.download_name
    # The browser asking "has it changed?" is not a second download.
    again = client.get(document.get_absolute_url(), HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    assert events("private_file_downloaded").count() == 1


@pytest.mark.django_db
def test_a_private_evidence_download_is_recorded(client, interconnection, fp_senegal):
    from recommendations import services
    from tests.recommendations.conftest import pdf_upload

    update = services.update_submit(
        recommendation=interconnection,
        user=fp_senegal,
        as_of=date(2026, 11, 1),
        narrative="Le lien est opérationnel.",
        progress=60,
        proposed_status="in_progress",
        files=[pdf_upload("preuve.pdf")],
    )
    evidence = update.evidence.get()
    client.force_login(fp_senegal)

    downloaded(client.get(f"/fr/recommendations/evidence/{evidence.pk}/", REMOTE_ADDR=ADDRESS))

    event = events("private_file_downloaded").get()
    assert (event.actor, event.target, event.ip_address) == (
        fp_senegal,
        f"recommendations.evidence:{evidence.pk}",
        ADDRESS,
    )


# --- Retention -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_pruning_forgets_old_events_and_keeps_recent_ones(settings, freezer):
    freezer.move_to("2025-01-01")
    audit_record(kind=EventKind.LOGIN_FAILED, actor_email="old@gtr.test")
    freezer.move_to("2026-01-01")
    audit_record(kind=EventKind.LOGIN_FAILED, actor_email="recent@gtr.test")
    settings.AUDIT_KEEP_DAYS = 300

    from gtr_portal.audit.tasks import audit_prune as task

    assert task() == 1
    assert list(SecurityEvent.objects.values_list("actor_email", flat=True)) == ["recent@gtr.test"]
    assert audit_prune(keep_days=0) == 0 or not SecurityEvent.objects.exists()


def test_pruning_runs_every_night(settings):
    entry = settings.CELERY_BEAT_SCHEDULE["audit-prune"]
    assert entry["task"] == "gtr_portal.audit.tasks.audit_prune"
    assert settings.AUDIT_KEEP_DAYS == 400


# --- Who may read it -----------------------------------------------------------------------

LOG_URLS = [
    "/fr/audit/",
    "/fr/audit/?format=csv",
    "/fr/audit/?format=xlsx&kind=login_failed",
    "/en/audit/accounts/",
]


@pytest.mark.django_db
@pytest.mark.urls(THIS_URLCONF)
@pytest.mark.parametrize("url", LOG_URLS)
def test_a_focal_point_cannot_open_the_log_even_with_a_crafted_url(client, fp_senegal, url):
    audit_record(kind=EventKind.LOGIN_FAILED, actor_email="someone@gtr.test")
    client.force_login(fp_senegal)

    response = client.get(url)

    assert response.status_code == 403
    assert b"someone@gtr.test" not in response.content
    assert "attachment" not in response.get("Content-Disposition", "")


@pytest.mark.django_db
@pytest.mark.urls(THIS_URLCONF)
@pytest.mark.parametrize("url", LOG_URLS)
def test_supervisors_read_everything_but_the_security_log(client, supervisor, url):
    """Decision: the log holds every user's addresses, browsers and failed sign-ins, and the
    supervisors' own downloads of private evidence; it is the secretariat's alone."""
    client.force_login(supervisor)

    assert client.get(url).status_code == 403


@pytest.mark.django_db
def test_a_stranger_is_sent_to_sign_in(client):
    response = client.get("/fr/audit/")
    assert response.status_code == 302
    assert response.url.startswith("/fr/accounts/login/")


@pytest.mark.django_db
def test_the_secretariat_finds_the_log_in_its_menu_and_others_do_not(client, secretariat, expert):
    client.force_login(expert)
    assert reverse("audit:event-list") not in client.get("/en/").content.decode()

    client.force_login(secretariat)
    home = client.get("/en/").content.decode()
    assert reverse("audit:event-list") in home and "Security log" in home


# --- Reading it ----------------------------------------------------------------------------


def some_events():
    audit_record(kind=EventKind.LOGIN_FAILED, actor_email="=cmd|' /C calc'!A0")
    audit_record(kind=EventKind.LOGIN_FAILED, actor_email="attacker@evil.test")
    audit_record(kind=EventKind.LOGIN_SUCCEEDED, actor_email="fp-sn@gtr.test")


@pytest.mark.django_db
def test_the_secretariat_filters_the_log_by_kind_and_email(client, secretariat):
    some_events()
    client.force_login(secretariat)

    page = client.get("/en/audit/", {"kind": "login_failed", "actor": "evil"}).content.decode()

    assert "attacker@evil.test" in page
    assert "fp-sn@gtr.test" not in page


@pytest.mark.django_db
def test_a_bad_address_in_the_filter_is_an_error_not_a_crash(client, secretariat):
    client.force_login(secretariat)
    response = client.get("/en/audit/", {"ip": "not-an-address"})
    assert response.status_code == 200
    assert "Enter a valid IPv4 or IPv6 address" in response.content.decode()


@pytest.mark.django_db
def test_the_csv_export_holds_the_filtered_rows_and_defuses_formulas(client, secretariat):
    some_events()
    client.force_login(secretariat)

    response = client.get("/en/audit/", {"kind": "login_failed", "format": "csv"})

    assert response["Content-Disposition"].startswith("attachment")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:4] == ["When", "Event", "Code", "E-mail"]
    emails = sorted(row[3] for row in rows[1:])
    assert emails == ["'=cmd|' /C calc'!A0", "attacker@evil.test"]
    # Taking a copy of the log is itself recorded.
    assert events("export_downloaded").get().actor == secretariat


@pytest.mark.django_db
def test_the_xlsx_export_holds_the_filtered_rows(client, secretariat):
    some_events()
    client.force_login(secretariat)

    response = client.get(
        "/fr/audit/", {"kind": "login_succeeded", "actor": "fp-sn", "format": "xlsx"}
    )

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[1][3] == "fp-sn@gtr.test"


@pytest.mark.django_db
def test_the_log_page_costs_the_same_queries_for_many_events(
    client, secretariat, django_assert_max_num_queries
):
    SecurityEvent.objects.bulk_create(
        SecurityEvent(
            kind=EventKind.LOGIN_FAILED, actor_email=f"user{n}@gtr.test", ip_address=ADDRESS
        )
        for n in range(300)
    )
    client.force_login(secretariat)

    with django_assert_max_num_queries(12):
        response = client.get("/fr/audit/")
    assert response.status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get("/fr/audit/", {"page": 3}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "language, title, filters",
    [("fr", "Journal de sécurité", "Filtres"), ("en", "Security log", "Filters")],
)
def test_the_log_speaks_french_and_english(client, secretariat, language, title, filters):
    client.force_login(secretariat)

    page = client.get(f"/{language}/audit/").content.decode()

    assert f'lang="{language}"' in page
    assert title in page and filters in page


@pytest.mark.django_db
def test_dates_of_the_filter_bound_the_rows(client, secretariat, freezer):
    freezer.move_to("2026-03-01 12:00")
    audit_record(kind=EventKind.LOGOUT, actor_email="march@gtr.test")
    freezer.move_to("2026-05-01 12:00")
    audit_record(kind=EventKind.LOGOUT, actor_email="may@gtr.test")
    client.force_login(secretariat)
    day = timezone.localdate() - timedelta(days=1)

    page = client.get("/en/audit/", {"after": day.isoformat()}).content.decode()

    assert "may@gtr.test" in page and "march@gtr.test" not in page


@pytest.mark.django_db
def test_an_event_about_an_account_names_it_by_its_email(client, secretariat, fp_senegal):
    audit_record(kind=EventKind.ROLE_CHANGED, target=f"members.user:{fp_senegal.pk}")
    client.force_login(secretariat)

    page = client.get("/en/audit/?kind=role_changed").content.decode()

    assert fp_senegal.email in page
