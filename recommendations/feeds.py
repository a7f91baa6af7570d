"""iCalendar feeds of deadlines, for the region or one administration, behind a private token."""

import secrets
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from .models import CalendarToken


def calendar_token_for(*, user, renew: bool = False) -> CalendarToken:
    token, created = CalendarToken.objects.get_or_create(
        user=user, defaults={"token": secrets.token_urlsafe(32)}
    )
    if renew and not created:
        token.token = secrets.token_urlsafe(32)
        token.save(update_fields=["token"])
    return token


def deadlines_calendar(*, recommendations, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//GTR Portal//Deadlines//FR")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", name)
    stamp = timezone.now()
    site = settings.SITE_URL.rstrip("/")
    for recommendation in recommendations:
        if recommendation.deadline is None:  # nothing to put in a calendar
            continue
        event = Event()
        event.add("uid", f"{recommendation.reference}@gtr-portal")
        event.add("dtstamp", stamp)
        event.add("dtstart", recommendation.deadline)
        event.add("dtend", recommendation.deadline + timedelta(days=1))
        event.add(
            "summary",
            _("Deadline %(reference)s: %(title)s")
            % {
                "reference": recommendation.reference,
                "title": recommendation.title,
            },
        )
        actors = ", ".join(str(link.actor) for link in recommendation.actor_links.all())
        event.add(
            "description",
            f"{recommendation.get_status_display()} – {recommendation.progress} %\n{actors}",
        )
        event.add("url", site + recommendation.get_absolute_url())
        calendar.add_component(event)
    return calendar.to_ical()
