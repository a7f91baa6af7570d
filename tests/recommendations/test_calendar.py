import pytest
from icalendar import Calendar

from recommendations.feeds import calendar_token_for
from tests.factories import make_recommendation


@pytest.mark.django_db
def test_a_focal_point_subscribes_to_its_administrations_deadlines(client, meeting, fp_senegal):
    mine = make_recommendation(meeting, lead=("SN",))
    other = make_recommendation(meeting, lead=("NG",))
    client.force_login(fp_senegal)
    page = client.get("/fr/recommendations/calendar/").content.decode()
    token = calendar_token_for(user=fp_senegal).token
    assert f"/fr/recommendations/calendar/{token}/SN.ics" in page
    client.logout()

    own = Calendar.from_ical(client.get(f"/fr/recommendations/calendar/{token}/SN.ics").content)
    region = Calendar.from_ical(
        client.get(f"/fr/recommendations/calendar/{token}/region.ics").content
    )

    def uids(calendar):
        return {str(event["uid"]) for event in calendar.walk("VEVENT")}

    assert uids(own) == {f"{mine.reference}@gtr-portal"}
    assert uids(region) == {f"{mine.reference}@gtr-portal", f"{other.reference}@gtr-portal"}


@pytest.mark.django_db
def test_a_wrong_or_renewed_token_opens_nothing(client, meeting, fp_senegal):
    old = calendar_token_for(user=fp_senegal).token
    calendar_token_for(user=fp_senegal, renew=True)

    assert client.get(f"/fr/recommendations/calendar/{old}/region.ics").status_code == 404
    assert client.get("/fr/recommendations/calendar/guess/region.ics").status_code == 404


@pytest.mark.django_db
def test_the_calendar_page_needs_an_account(client):
    assert client.get("/fr/recommendations/calendar/").status_code == 302
