"""Twenty requests to build the same compendium within a minute, some at the very same moment:
one build runs; the others are refused with a message that says why."""

import threading
import time

import pytest
from django.contrib.messages import get_messages
from django.db import connections
from django.test import Client
from django.utils import translation

from best_practices.models import CompendiumEdition, EditionFile
from best_practices.services import edition_fill_default
from gtr_portal.jobs.models import Job
from gtr_portal.jobs.services import JobAlreadyActive
from tests.best_practices.conftest import make_published

from .conftest import wait_until

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def edition(reference_data, fp_senegal, senegal, fp_nigeria, nigeria):
    make_published(fp_senegal, senegal, "Guichet unique ORBUS", theme="e-clearance")
    make_published(fp_nigeria, nigeria, "Centre de sécurité", theme="cybersecurity")
    edition = CompendiumEdition.objects.create(
        slug="recueil-2026",
        title_fr="Recueil des meilleures pratiques",
        title_en="Compendium of best practices",
        period_start=2026,
        period_end=2026,
    )
    edition_fill_default(edition=edition)
    return edition


def request_builds(user, count: int) -> list[str]:
    """`count` build requests at the same moment, each from its own browser; their messages."""
    barrier = threading.Barrier(count)
    messages: list[str] = []

    def build():
        try:
            client = Client()
            client.force_login(user)
            barrier.wait()
            response = client.post("/fr/compendium/recueil-2026/build/")
            assert response.status_code == 302
            messages.extend(str(m) for m in get_messages(response.wsgi_request))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=build) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return messages


def test_twenty_build_requests_in_a_minute_run_one_build(cluster, scratch, edition, secretariat):
    with translation.override("fr"):
        refused = str(JobAlreadyActive().message)

    messages = []
    for _wave in range(4):  # five at once, four times, while the first build runs
        messages += request_builds(secretariat, 5)
        time.sleep(0.5)

    assert len(messages) == 20
    assert messages.count(refused) == 19
    job = Job.objects.get(subject=f"best_practices.compendiumedition:{edition.pk}")
    wait_until(lambda: Job.objects.get(pk=job.pk).status == "done", timeout=60, what="the build")
    job.refresh_from_db()
    assert job.attempts == 1
    assert not job.result["fr"]["reused"] and not job.result["en"]["reused"]
    assert EditionFile.objects.filter(edition=edition).count() == 2
    compendium = scratch / "private-media" / "compendium"
    assert sorted(p.name for p in compendium.iterdir()) == [
        "recueil-2026-en.pdf",
        "recueil-2026-fr.pdf",
    ]
