"""Two gunicorn instances on two ports, behind one address (a round-robin proxy), share what a
user's visit needs: the session, the rate limits in the cache, and the uploaded files. Nothing a
request depends on lives in one process, so more web machines can be added behind a balancer.

Needs a database that other processes can open: PostgreSQL (the CI's second pass). SQLite's
in-memory test database belongs to the test process alone."""

import contextlib
import io
import itertools
import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
import requests
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from pypdf import PdfWriter

from recommendations.models import Evidence

from ..factories import PASSWORD, MeetingFactory, make_recommendation

pytestmark = pytest.mark.skipif(
    settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql"
    or not settings.REDIS_URL,
    reason="two web processes need a shared database server and Redis (the PostgreSQL pass)",
)
ROOT = Path(__file__).resolve().parents[2]
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RoundRobinProxy:
    """One address in front of several backends, each new connection to the next one in turn;
    `served` lists which backend took each connection."""

    def __init__(self, backends: list[int]):
        self.backends = itertools.cycle(backends)
        self.served: list[int] = []
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while True:
            try:
                downstream, _address = self.listener.accept()
            except OSError:
                return
            backend = next(self.backends)
            self.served.append(backend)
            upstream = socket.create_connection(("127.0.0.1", backend))
            for source, target in ((downstream, upstream), (upstream, downstream)):
                threading.Thread(target=self._pipe, args=(source, target), daemon=True).start()

    @staticmethod
    def _pipe(source, target) -> None:
        try:
            while chunk := source.recv(65536):
                target.sendall(chunk)
        except OSError:
            pass
        finally:
            for end in (source, target):
                with contextlib.suppress(OSError):
                    end.shutdown(socket.SHUT_RDWR)
                end.close()

    def close(self) -> None:
        self.listener.close()


@pytest.fixture(scope="module")
def gunicorns(django_db_setup):
    """Two gunicorns on the test database, the test settings and Redis, behind one proxy;
    started once for the module (a start takes seconds on a busy machine)."""
    database = connection.settings_dict
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gtr_portal.settings.test",
        "DATABASE_URL": f"postgres://{database['USER']}@{database['HOST']}:{database['PORT']}/"
        f"{database['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        "PYTHONPATH": str(ROOT),
    }
    ports, processes = [free_port(), free_port()], []
    for port in ports:
        processes.append(
            subprocess.Popen(
                [str(Path(sys.prefix) / "bin" / "gunicorn"), "gtr_portal.wsgi:application",
                 "--bind", f"127.0.0.1:{port}", "--workers", "1"],
                env=env,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )  # fmt: skip
    try:
        for port in ports:
            _wait_until_up(port)
        proxy = RoundRobinProxy(ports)
        yield proxy, ports
        proxy.close()
        cache.clear()
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=20)


@pytest.fixture
def two_instances(gunicorns, transactional_db, reference_data):
    proxy, ports = gunicorns
    cache.clear()  # the sign-in throttle's counters of an earlier test
    proxy.served.clear()
    return proxy, ports


def _wait_until_up(port: int) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=30).status_code == 200:
                return
        except (requests.ConnectionError, requests.Timeout):
            time.sleep(0.3)
    raise RuntimeError(f"gunicorn on port {port} did not start")


@pytest.fixture
def browser():
    """A browser that opens a new connection for each request (so the proxy alternates)."""
    with requests.Session() as session:
        session.headers["Connection"] = "close"
        yield session


def csrf_token(browser, url) -> str:
    return CSRF_INPUT.search(browser.get(url).text).group(1)


def sign_in(browser, base, email, password=PASSWORD):
    token = csrf_token(browser, f"{base}/fr/accounts/login/")
    return browser.post(
        f"{base}/fr/accounts/login/",
        data={"csrfmiddlewaretoken": token, "login": email, "password": password},
        headers={"Referer": f"{base}/fr/accounts/login/"},
        allow_redirects=False,
    )


def test_a_user_signed_in_through_one_instance_is_signed_in_on_the_other(
    two_instances, browser, fp_senegal
):
    proxy, ports = two_instances
    base = f"http://127.0.0.1:{proxy.port}"

    assert sign_in(browser, base, fp_senegal.email).status_code == 302
    mine = f"{base}/fr/recommendations/mine/"
    pages = [browser.get(mine, allow_redirects=False) for _ in range(4)]

    assert [page.status_code for page in pages] == [200, 200, 200, 200]  # not sent to sign in
    assert all(fp_senegal.get_full_name() in page.text for page in pages)
    assert set(proxy.served) == set(ports)


def test_failed_sign_ins_count_together_across_instances(
    two_instances, browser, fp_senegal, settings
):
    """The throttle's counters live in Redis: five failures spread over two instances pause
    the account at this address on both."""
    proxy, ports = two_instances
    base = f"http://127.0.0.1:{proxy.port}"
    limit = settings.LOGIN_THROTTLE_PER_ACCOUNT_AND_ADDRESS

    answers = [sign_in(browser, base, fp_senegal.email, "wrong").status_code for _ in range(limit)]
    paused = sign_in(browser, base, fp_senegal.email)

    assert 429 not in answers
    assert paused.status_code == 429
    assert set(proxy.served) == set(ports)


def test_evidence_sent_through_one_instance_downloads_through_the_other(
    two_instances, browser, fp_senegal
):
    proxy, ports = two_instances
    recommendation = make_recommendation(MeetingFactory(number=7, slug="gtr-7"), lead=("SN",))
    first, second = (f"http://127.0.0.1:{port}" for port in ports)
    assert sign_in(browser, first, fp_senegal.email).status_code == 302
    form = f"{first}/fr/recommendations/{recommendation.reference}/updates/new/"
    writer, buffer = PdfWriter(), io.BytesIO()
    writer.add_blank_page(width=595, height=842)
    writer.write(buffer)
    pdf = buffer.getvalue()

    sent = browser.post(
        form,
        data={
            "csrfmiddlewaretoken": csrf_token(browser, form),
            "as_of": "2026-11-27",
            "narrative": "Mise en service du lien. / The link is live.",
            "progress": "60",
            "proposed_status": "in_progress",
        },
        files={"evidence": ("minutes.pdf", pdf, "application/pdf")},
        headers={"Referer": form},
        allow_redirects=False,
    )
    assert sent.status_code == 302, re.findall(r'class="errorlist[^>]*>(.*?)</ul>', sent.text)
    evidence = Evidence.objects.get(update__recommendation=recommendation)
    download = browser.get(f"{second}/fr/recommendations/evidence/{evidence.pk}/")

    assert download.status_code == 200
    assert download.content == pdf
