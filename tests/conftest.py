import os

import pytest
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
    yield_hotp_counters_from_time,
)

from members.models import MemberAdministration, Role

from .factories import FocalPointFactory, MeetingFactory, UserFactory, make_recommendation

pytest_plugins = ["tests.browser.fixtures"]

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# around it are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session", autouse=True)
def _import_the_whole_portal_before_any_frozen_clock():
    """Load every URL's view (and so every form and selector) before a test freezes the clock:
    a module first imported under freezegun keeps its fake `date` class for good."""
    from django.urls import get_resolver

    get_resolver().url_patterns  # noqa: B018


@pytest.fixture(autouse=True)
def _french_by_default():
    """Each test starts in the portal's default language, whatever an earlier test activated."""
    from django.utils import translation

    with translation.override("fr"):
        yield


def totp_code(secret: str) -> str:
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


@pytest.fixture
def reference_data(transactional_db):
    """Transactional tests (live server, real worker) empty the database after them; reload
    what the data migrations put there, so each such test starts like a fresh installation."""
    from importlib import import_module

    from django.apps import apps

    if not MemberAdministration.objects.exists():
        import_module("members.migrations.0002_reference_data").load(apps, None)
        import_module("commissions.migrations.0003_presidency").load(apps, None)
        import_module("best_practices.migrations.0002_themes").load(apps, None)


@pytest.fixture
def senegal(db) -> MemberAdministration:
    return MemberAdministration.objects.get(iso2="SN")


@pytest.fixture
def nigeria(db) -> MemberAdministration:
    return MemberAdministration.objects.get(iso2="NG")


@pytest.fixture
def secretariat(db):
    """A secretariat user who has set up two-factor authentication; `.totp_secret` holds it."""
    user = UserFactory(role=Role.SECRETARIAT, email="secretariat@gtr.test")
    user.totp_secret = generate_totp_secret()
    TOTP.activate(user, user.totp_secret)
    return user


@pytest.fixture
def secretariat_without_totp(db):
    return UserFactory(role=Role.SECRETARIAT, email="new-secretariat@gtr.test")


@pytest.fixture
def fp_senegal(db):
    return FocalPointFactory(iso2="SN", user__email="fp-sn@gtr.test").user


@pytest.fixture
def fp_nigeria(db):
    return FocalPointFactory(iso2="NG", user__email="fp-ng@gtr.test", user__language="en").user


@pytest.fixture
def supervisor(db):
    """A supervisor of the ROCB who has set up two-factor authentication (required for the role)."""
    from members.models import Body

    user = UserFactory(
        role=Role.SUPERVISOR, email="supervisor@gtr.test", body=Body.objects.get(code="ROCB-WCA")
    )
    user.totp_secret = generate_totp_secret()
    TOTP.activate(user, user.totp_secret)
    return user


@pytest.fixture
def expert(db):
    return UserFactory(role=Role.EXPERT, email="expert@gtr.test")


@pytest.fixture
def celery_worker(reference_data):
    """A real Celery worker, in a thread of the test process, on the configured broker
    (memory transport by default; Redis when REDIS_URL is set, as in CI)."""
    from celery.contrib.testing.worker import start_worker
    from django.conf import settings

    from gtr_portal.celery import app

    app.conf.task_always_eager = False
    queues = [settings.CELERY_TASK_DEFAULT_QUEUE, settings.CELERY_PDF_QUEUE]
    with start_worker(
        app, pool="solo", perform_ping_check=False, shutdown_timeout=10, queues=queues
    ) as worker:
        yield worker


@pytest.fixture
def no_queries_while_rendering():
    """Any SQL query while a template renders fails the test (tests/query_guard.py)."""
    from .query_guard import render_guard

    with render_guard() as attempts:
        yield attempts
    assert not attempts, f"SQL while a template rendered:\n{attempts}"


@pytest.fixture
def meeting(db):
    return MeetingFactory(number=5, slug="gtr-5")


@pytest.fixture
def interconnection(meeting):
    """GTR5-R01: Senegal leads, Nigeria is another actor."""
    return make_recommendation(meeting, lead=("SN",), others=("NG",))


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item, so fixtures can tell a failed test."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def downloaded(response) -> bytes:
    """The body of a FileResponse, its file closed without response.close(): that would send
    request_finished, which closes the test's database connection (PostgreSQL notices)."""
    content = b"".join(response.streaming_content)
    for close in response._resource_closers:
        close()
    response._resource_closers.clear()
    return content


@pytest.fixture(scope="module")
def demo_portal(django_db_setup, django_db_blocker):
    """The demo data (`load_demo` and two reports), loaded once for a module and rolled back
    after it: for tests that visit every page type with the test client."""
    from django.db import transaction

    from .pages import load_demo_portal

    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield load_demo_portal()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


@pytest.fixture
def live_demo_portal(reference_data):
    """The same demo data, committed, for browser tests against the live server."""
    from .pages import load_demo_portal

    return load_demo_portal()


@pytest.fixture
def client_as(client):
    """`client_as("focal_point")`: the test client signed in as that demo role (or anonymous)."""
    from .pages import demo_user

    def sign_in(role: str):
        client.logout()
        user = demo_user(role)
        if user is not None:
            client.force_login(user)
        return client

    return sign_in
