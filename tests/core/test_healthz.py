"""/healthz tells a load balancer, within a second, whether the database, the cache and the
broker answer."""

import time
from unittest import mock

import pytest


@pytest.mark.django_db
def test_healthz_reports_database_cache_and_broker_up(client):
    response = client.get("/healthz")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok", "broker": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_answers_503_when_the_broker_is_down(client):
    with mock.patch("gtr_portal.core.views._broker_ok", return_value=False):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["broker"] == "down"
    assert response.json()["database"] == "ok"


@pytest.mark.django_db
def test_healthz_answers_503_when_the_database_is_down(client):
    with mock.patch("django.db.backends.base.base.BaseDatabaseWrapper.cursor", side_effect=OSError):
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["database"] == "down"


@pytest.mark.django_db
def test_healthz_answers_503_when_the_cache_is_down(client):
    failing = mock.patch("gtr_portal.core.views._cache_ok", side_effect=ConnectionError("gone"))
    with failing:
        response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "ok",
        "cache": "down",
        "broker": "ok",
    }


@pytest.mark.django_db
def test_healthz_answers_within_a_second_when_a_dependency_hangs(client):
    def hung() -> bool:
        time.sleep(5)
        return True

    started = time.monotonic()
    with mock.patch("gtr_portal.core.views._broker_ok", side_effect=hung):
        response = client.get("/healthz")

    assert time.monotonic() - started < 1
    assert response.status_code == 503
    assert response.json()["broker"] == "down"


def test_healthz_has_no_language_prefix(client):
    assert client.get("/fr/healthz").status_code == 404
