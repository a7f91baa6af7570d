"""The actors hear of their new recommendations, the secretariat of what to review, and overdue
parts are recalled: in the portal and by e-mail, in each reader's language."""

from datetime import date

import pytest

from gtr_portal.notifications.models import Notification
from recommendations import services
from recommendations.reminders import reminders_send
from tests.factories import make_recommendation

from .conftest import pdf_upload


def kinds_for(user) -> list[str]:
    return list(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


@pytest.mark.django_db
def test_each_actors_focal_points_hear_of_a_new_recommendation(
    meeting, fp_senegal, fp_nigeria, supervisor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        make_recommendation(meeting, lead=("SN",), others=("NG",))

    assert kinds_for(fp_senegal) == ["recommendations.assignment"]
    assert kinds_for(fp_nigeria) == ["recommendations.assignment"]
    assert kinds_for(supervisor) == []


@pytest.mark.django_db
def test_the_secretariat_hears_of_a_progress_update_to_review(
    client, interconnection, fp_senegal, secretariat
):
    update = services.update_submit(
        recommendation=interconnection,
        user=fp_senegal,
        as_of=date(2026, 11, 1),
        narrative="Connexion en cours.",
        progress=30,
        proposed_status="in_progress",
        files=[pdf_upload()],
    )

    notice = Notification.objects.get(recipient=secretariat)
    assert notice.kind == "recommendations.update_submitted"
    assert str(update.pk) in notice.url
    client.force_login(secretariat)
    page = client.get("/en/notifications/").content.decode()
    assert interconnection.reference in page


@pytest.mark.django_db
def test_an_overdue_part_is_recalled_in_the_portal_too(meeting, fp_senegal):
    make_recommendation(meeting, lead=("SN",), deadline=date(2026, 1, 31))
    Notification.objects.all().delete()

    reminders_send(today=date(2026, 2, 1))

    assert kinds_for(fp_senegal) == ["recommendations.overdue"]


@pytest.mark.django_db
def test_a_recommendation_added_in_the_back_office_is_announced_too(
    client, meeting, secretariat, fp_senegal
):
    from tests.recommendations.test_recommendations import admin_form

    client.force_login(secretariat)
    client.post("/fr/admin/recommendations/recommendation/add/", admin_form(meeting))

    assert kinds_for(fp_senegal) == ["recommendations.assignment"]
