"""/healthz tells a load balancer within a second that the database, the cache or the broker is
down, even when it hangs instead of refusing."""

import socket
import time

import pytest
from django.db import connection

from .conftest import wait_until

pytestmark = [pytest.mark.faults, pytest.mark.django_db]


def healthz(client):
    started = time.monotonic()
    response = client.get("/healthz")
    return response, time.monotonic() - started


def test_healthz_answers_503_within_a_second_while_redis_is_down(client, redis):
    response, elapsed = healthz(client)
    assert (response.status_code, response.json()["status"]) == (200, "ok")

    redis.stop()
    response, elapsed = healthz(client)

    assert elapsed < 1
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "database": "ok",
        "cache": "down",
        "broker": "down",
    }

    redis.start()
    wait_until(lambda: healthz(client)[0].status_code == 200, timeout=10, what="healthz ok")


@pytest.fixture
def silent_server():
    """A server that accepts connections and never says a word: a hung database."""
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(16)
        yield server.getsockname()[1]


@pytest.mark.parametrize("failure", ["refused", "hanging"])
def test_healthz_answers_503_within_a_second_when_the_database_is_down(
    client, redis, monkeypatch, silent_server, failure
):
    port = "1" if failure == "refused" else str(silent_server)
    monkeypatch.setitem(connection.settings_dict, "PORT", port)

    response, elapsed = healthz(client)

    assert elapsed < 1
    assert response.status_code == 503
    assert response.json()["database"] == "down"
    assert response.json()["cache"] == response.json()["broker"] == "ok"
