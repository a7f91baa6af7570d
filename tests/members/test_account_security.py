"""Sign-in throttling, two-factor authentication, sessions and secrets at rest (issue 11)."""

import time
from datetime import timedelta

import pytest
from allauth.mfa.models import Authenticator
from django.core.cache import cache
from django.test import Client, override_settings

from gtr_portal.audit.models import SecurityEvent
from members import crypto
from members.models import Role, UserSession
from members.sessions import hashed
from tests.conftest import totp_code
from tests.factories import PASSWORD

LOGIN = "/{lang}/accounts/login/"
ATTACKER = "203.0.113.7"
COLLEAGUE = "198.51.100.20"


@pytest.fixture(autouse=True)
def _fresh_counters():
    cache.clear()
    yield
    cache.clear()


def attempt(client, email, password, *, address=ATTACKER, lang="fr", **headers):
    return client.post(
        LOGIN.format(lang=lang),
        {"login": email, "password": password},
        REMOTE_ADDR=address,
        **headers,
    )


def fail(client, email, times, **kwargs):
    for _ in range(times):
        attempt(client, email, "wrong-password", **kwargs)


# --- Throttling that strangers cannot turn against a user ------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "title"), [("fr", "Trop de tentatives"), ("en", "Too many attempts")]
)
def test_five_failures_from_one_address_pause_that_address_with_a_translated_429(
    client, fp_senegal, lang, title
):
    fail(client, fp_senegal.email, 5, lang=lang)

    response = attempt(client, fp_senegal.email, PASSWORD, lang=lang)

    assert response.status_code == 429
    assert title in response.content.decode()
    assert 0 < int(response["Retry-After"]) <= 60
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_a_stranger_cannot_lock_the_secretariat_out(client, secretariat):
    fail(client, secretariat.email, 50)  # renewed for ever, from the stranger's address

    colleague = Client()
    response = attempt(colleague, secretariat.email, PASSWORD, address=COLLEAGUE)

    assert response.status_code == 302
    assert response.url == "/fr/accounts/2fa/authenticate/"


@pytest.mark.django_db
def test_the_pause_grows_with_each_new_failure(client, fp_senegal, freezer):
    fail(client, fp_senegal.email, 5)
    first = int(attempt(client, fp_senegal.email, PASSWORD)["Retry-After"])

    freezer.tick(timedelta(seconds=first + 1))
    fail(client, fp_senegal.email, 1)
    second = int(attempt(client, fp_senegal.email, PASSWORD)["Retry-After"])

    assert first == 60
    assert second == 120


@pytest.mark.django_db
def test_once_the_pause_is_over_the_right_password_signs_in_and_clears_the_count(
    client, fp_senegal, freezer
):
    fail(client, fp_senegal.email, 5)
    freezer.tick(timedelta(seconds=61))

    assert attempt(client, fp_senegal.email, PASSWORD).status_code == 302
    client.logout()
    fail(client, fp_senegal.email, 4)
    assert attempt(client, fp_senegal.email, PASSWORD).status_code == 302


@pytest.mark.django_db
@override_settings(LOGIN_THROTTLE_PER_ADDRESS=30)
def test_an_address_trying_many_accounts_is_paused_for_all_of_them(client, fp_senegal, fp_nigeria):
    for number in range(30):
        attempt(client, f"guess-{number}@example.org", "wrong-password")

    assert attempt(client, fp_nigeria.email, PASSWORD).status_code == 429
    assert attempt(Client(), fp_nigeria.email, PASSWORD, address=COLLEAGUE).status_code == 302


@pytest.mark.django_db
def test_without_trusted_proxies_a_forged_forwarded_for_header_changes_nothing(client, fp_senegal):
    for number in range(5):
        attempt(client, fp_senegal.email, "wrong", HTTP_X_FORWARDED_FOR=f"10.0.0.{number}")

    response = attempt(client, fp_senegal.email, PASSWORD, HTTP_X_FORWARDED_FOR="10.0.0.99")

    assert response.status_code == 429


@pytest.mark.django_db
@override_settings(TRUSTED_PROXY_COUNT=1, ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_behind_the_reverse_proxy_each_client_is_counted_apart(client, fp_senegal):
    proxy = "10.0.0.1"  # every request reaches the portal from the proxy's address
    fail(client, fp_senegal.email, 5, address=proxy, HTTP_X_FORWARDED_FOR=ATTACKER)

    paused = attempt(
        client, fp_senegal.email, PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR=ATTACKER
    )
    real_user = attempt(
        Client(), fp_senegal.email, PASSWORD, address=proxy, HTTP_X_FORWARDED_FOR=COLLEAGUE
    )

    assert paused.status_code == 429
    assert real_user.status_code == 302


@pytest.mark.django_db
def test_a_pause_is_recorded_in_the_security_log(client, fp_senegal):
    fail(client, fp_senegal.email, 5)

    event = SecurityEvent.objects.filter(kind="login_throttled").latest("occurred_at")
    assert event.ip_address == ATTACKER
    assert fp_senegal.email in event.target


@pytest.mark.django_db
def test_sign_in_works_and_still_throttles_while_redis_is_down(client, fp_senegal):
    nowhere = {
        "default": {
            "BACKEND": "gtr_portal.core.cache.ResilientRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        }
    }
    with override_settings(CACHES=nowhere):
        started = time.monotonic()
        signed_in = attempt(Client(), fp_senegal.email, PASSWORD, address=COLLEAGUE)
        fail(client, fp_senegal.email, 5)
        paused = attempt(client, fp_senegal.email, PASSWORD)
        elapsed = time.monotonic() - started

    assert signed_in.status_code == 302
    assert paused.status_code == 429
    assert elapsed < 5


# --- Two-factor authentication for the secretariat and the supervisors --------------------


@pytest.mark.django_db
def test_a_supervisor_without_an_authenticator_must_set_one_up_before_reading_anything(
    client, supervisor
):
    Authenticator.objects.filter(user=supervisor).delete()
    client.force_login(supervisor)

    response = client.get("/fr/dashboard/")

    assert response.status_code == 302
    assert response.url == "/fr/accounts/2fa/totp/activate/"


@pytest.mark.django_db
def test_a_supervisor_signs_in_with_password_and_authenticator_code(client, supervisor):
    response = attempt(client, supervisor.email, PASSWORD)
    assert response.url == "/fr/accounts/2fa/authenticate/"

    client.post("/fr/accounts/2fa/authenticate/", {"code": totp_code(supervisor.totp_secret)})

    assert client.get("/fr/dashboard/").status_code == 200


@pytest.mark.django_db
def test_load_demo_prints_the_totp_secret_of_each_account_that_needs_one(reference_data):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("load_demo", stdout=out)

    lines = out.getvalue().splitlines()
    secrets = {
        line.split(": ")[0].removeprefix("TOTP secret of "): line.split(": ")[1]
        for line in lines
        if line.startswith("TOTP secret of ")
    }
    assert set(secrets) == {"secretariat@example.org", "supervisor@example.org"}
    assert all(len(secret) >= 16 for secret in secrets.values())


# --- Secrets at rest ------------------------------------------------------------------------


@pytest.mark.django_db
def test_totp_secrets_are_stored_encrypted(secretariat):
    stored = Authenticator.objects.get(user=secretariat, type="totp").data["secret"]

    assert secretariat.totp_secret not in stored
    assert crypto.decrypt(stored) == secretariat.totp_secret


@pytest.mark.django_db
def test_secrets_stored_in_clear_before_are_encrypted_by_the_migration_and_back(secretariat):
    from importlib import import_module

    from django.apps import apps

    Authenticator.objects.filter(user=secretariat, type="totp").update(
        data={"secret": secretariat.totp_secret}
    )

    migration = import_module("members.migrations.0008_encrypt_mfa_secrets")
    migration.encrypt_secrets(apps, None)

    stored = Authenticator.objects.get(user=secretariat, type="totp").data["secret"]
    assert crypto.is_encrypted(stored)
    assert crypto.decrypt(stored) == secretariat.totp_secret

    migration.decrypt_secrets(apps, None)  # migrating back, to code that reads them in clear
    back = Authenticator.objects.get(user=secretariat, type="totp").data["secret"]
    assert back == secretariat.totp_secret


@pytest.mark.django_db
def test_session_keys_are_stored_hashed(client, fp_senegal):
    attempt(client, fp_senegal.email, PASSWORD)
    key = client.cookies["sessionid"].value

    assert not UserSession.objects.filter(session_key=key).exists()
    assert UserSession.objects.get(session_key=hashed(key)).user == fp_senegal


# --- Sessions end when idle, when old, and when the account changes ---------------------------


@pytest.mark.django_db
def test_a_session_idle_for_thirty_minutes_ends_and_leads_back_to_the_page(
    client, fp_senegal, freezer
):
    attempt(client, fp_senegal.email, PASSWORD)
    freezer.tick(timedelta(minutes=29))
    assert client.get("/fr/members/SN/edit/").status_code == 200

    freezer.tick(timedelta(minutes=31))
    response = client.get("/fr/members/SN/edit/")

    assert response.status_code == 302
    assert response.url == "/fr/accounts/login/?next=%2Ffr%2Fmembers%2FSN%2Fedit%2F"
    assert "_auth_user_id" not in client.session
    page = client.get(response.url).content.decode()
    assert "30 minutes sans activité" in page


@pytest.mark.django_db
def test_an_active_session_still_ends_after_twelve_hours(client, fp_senegal, freezer):
    attempt(client, fp_senegal.email, PASSWORD)
    for _ in range(35):  # active every 20 minutes for 11 h 40
        freezer.tick(timedelta(minutes=20))
        assert client.get("/en/members/SN/edit/").status_code == 200

    freezer.tick(timedelta(minutes=21))
    response = client.get("/en/members/SN/edit/")

    assert response.status_code == 302
    assert "at most 12 hours" in client.get(response.url).content.decode()


def two_browsers(user):
    laptop, phone = Client(), Client()
    attempt(laptop, user.email, PASSWORD, address=COLLEAGUE)
    attempt(phone, user.email, PASSWORD, address=COLLEAGUE)
    return laptop, phone


@pytest.mark.django_db
def test_changing_ones_password_ends_the_other_sessions_but_not_this_one(fp_senegal):
    laptop, phone = two_browsers(fp_senegal)

    response = laptop.post(
        "/fr/accounts/password/change/",
        {
            "oldpassword": PASSWORD,
            "password1": "An0ther-long-passphrase",
            "password2": "An0ther-long-passphrase",
        },
    )

    assert response.status_code == 302
    assert laptop.get("/fr/members/SN/edit/").status_code == 200
    assert phone.get("/fr/members/SN/edit/").status_code == 302


@pytest.mark.django_db
def test_signing_out_ends_the_users_other_sessions(fp_senegal):
    laptop, phone = two_browsers(fp_senegal)

    laptop.post("/fr/accounts/logout/")

    assert phone.get("/fr/members/SN/edit/").status_code == 302
    assert not UserSession.objects.filter(user=fp_senegal).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "change", [{"role": Role.EXPERT}, {"is_active": False}], ids=["role", "deactivation"]
)
def test_a_role_change_or_deactivation_ends_every_session_of_the_user(fp_senegal, change):
    laptop, phone = two_browsers(fp_senegal)

    for field, value in change.items():
        setattr(fp_senegal, field, value)
    fp_senegal.save()

    assert laptop.get("/fr/members/SN/edit/").status_code == 302
    assert phone.get("/fr/members/SN/edit/").status_code == 302
    ended = SecurityEvent.objects.get(kind="sessions_ended")
    assert ended.target == fp_senegal.email
    assert ended.details["sessions"] == 2


@pytest.mark.django_db
def test_recording_the_last_sign_in_or_the_language_keeps_the_sessions(fp_senegal):
    laptop, phone = two_browsers(fp_senegal)

    fp_senegal.language = "en"
    fp_senegal.save(update_fields=["language"])

    assert phone.get("/fr/members/SN/edit/").status_code == 200


@pytest.mark.django_db
def test_expired_sessions_are_cleared_daily(client, fp_senegal, freezer):
    from members.tasks import clear_expired_sessions

    attempt(client, fp_senegal.email, PASSWORD)
    freezer.tick(timedelta(hours=13))

    clear_expired_sessions()

    assert not UserSession.objects.exists()


def test_the_expired_sessions_clean_up_is_scheduled():
    from django.conf import settings

    entry = settings.CELERY_BEAT_SCHEDULE["sessions-clear-expired"]
    assert entry["task"] == "members.tasks.clear_expired_sessions"


@pytest.mark.django_db
def test_wrong_authenticator_codes_are_limited_for_whoever_holds_the_password(client, supervisor):
    attempt(client, supervisor.email, PASSWORD)
    for _ in range(5):
        client.post("/fr/accounts/2fa/authenticate/", {"code": "000000"})

    right = client.post(
        "/fr/accounts/2fa/authenticate/", {"code": totp_code(supervisor.totp_secret)}
    )

    assert "_auth_user_id" not in client.session
    assert right.status_code in (200, 429)


# A cache in this process's memory reads the frozen clock; Redis expires keys on its own clock.
IN_MEMORY_CACHE = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}


@pytest.mark.django_db
@override_settings(CACHES=IN_MEMORY_CACHE)
def test_failures_are_forgotten_after_a_quiet_quarter_of_an_hour(client, fp_senegal, freezer):
    fail(client, fp_senegal.email, 4)
    freezer.tick(timedelta(minutes=16))
    fail(client, fp_senegal.email, 4)

    assert attempt(client, fp_senegal.email, PASSWORD).status_code == 302


@pytest.mark.django_db
def test_an_ipv6_client_is_counted_by_its_network_not_by_each_address(client, fp_senegal):
    for host in range(5):
        attempt(client, fp_senegal.email, "wrong", address=f"2001:db8:1:2::{host + 1}")

    response = attempt(client, fp_senegal.email, PASSWORD, address="2001:db8:1:2::99")

    assert response.status_code == 429


@pytest.mark.django_db
def test_a_new_hash_of_the_same_password_ends_no_session(fp_senegal):
    two_browsers(fp_senegal)

    # What Django does when it upgrades a password's hash at sign-in.
    fp_senegal.set_password(PASSWORD)
    fp_senegal._password = None
    fp_senegal.save(update_fields=["password"])

    assert UserSession.objects.filter(user=fp_senegal).count() == 2
    assert not SecurityEvent.objects.filter(kind="sessions_ended").exists()


@pytest.mark.django_db
def test_changing_ones_own_role_in_a_request_moves_that_session_to_a_new_key(secretariat, rf):
    from django.contrib.sessions.middleware import SessionMiddleware

    from members.sessions import sessions_end

    request = rf.get("/")
    SessionMiddleware(lambda r: None).process_request(request)
    request.user = secretariat
    request.session["_auth_user_id"] = str(secretariat.pk)
    request.session.save()
    old_key = request.session.session_key

    sessions_end(user=secretariat, reason="role changed", request=request)
    request.session["touched"] = True
    request.session.save()  # would raise SessionInterrupted if its row were gone

    assert request.session.session_key != old_key
    assert UserSession.objects.filter(session_key=hashed(request.session.session_key)).exists()
    assert not UserSession.objects.filter(session_key=hashed(old_key)).exists()
