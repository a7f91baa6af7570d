"""Redis stops (cache and broker at once): the portal keeps serving, a focal point signs in and
reports progress in good time, and the work queued meanwhile runs once Redis is back."""

import time
from datetime import date

import pytest

from gtr_portal.jobs.models import Job
from recommendations.models import ProgressUpdate
from tests.factories import PASSWORD
from tests.recommendations.conftest import pdf_upload

from .conftest import wait_until

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]


def test_while_redis_is_down_a_focal_point_reports_progress_and_the_work_follows_later(
    cluster, redis, client, interconnection, fp_senegal, secretariat
):
    assert client.get("/fr/").status_code == 200  # everything warm, Redis up

    redis.stop()

    assert client.get("/fr/").status_code == 200
    signed_in = client.post(
        "/fr/accounts/login/", {"login": fp_senegal.email, "password": PASSWORD}
    )
    assert signed_in.status_code == 302
    page = client.get(f"/fr/recommendations/{interconnection.reference}/")
    assert page.status_code == 200
    started = time.monotonic()
    response = client.post(
        f"/fr/recommendations/{interconnection.reference}/updates/new/",
        {
            "as_of": date(2026, 11, 1).isoformat(),
            "narrative": "Lien SIGMAT opérationnel entre Dakar et Bamako.",
            "progress": "60",
            "proposed_status": "in_progress",
            "evidence": [pdf_upload()],
        },
    )
    assert time.monotonic() - started < 2
    assert response.status_code == 302
    update = ProgressUpdate.objects.get()
    assert (update.progress, update.submitted_by) == (60, fp_senegal)
    waiting = list(Job.objects.filter(status="queued", dispatched_at__isnull=True))
    assert waiting, "the e-mail to the secretariat waits in the database"

    redis.start()

    wait_until(
        lambda: not Job.objects.filter(pk__in=[j.pk for j in waiting]).exclude(status="done"),
        timeout=60,
        what="the queued work to run",
    )
