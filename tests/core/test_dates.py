"""Dates are written for the reader, in the reader's language, and cannot be misread:
"14 mai 2025", "14 May 2025"; never "2025-05-14", "05/14/2025" nor "7:36 a.m.", on pages, in
e-mails and in PDFs. (CSV and XLSX exports keep ISO dates; so do <input type=date> values and
datetime= attributes, which no reader sees.)"""

import re
from datetime import date, datetime

import pytest
from django.core import mail
from django.template import Context, Template
from django.utils import timezone, translation
from pypdf import PdfReader

from tests.pages import page_types

from .visible_text import visible_text

ISO_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}\b")
NUMERIC_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b")  # 05/14/2025 or 14/05/2025: ambiguous
MONTH_FIRST = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?"
    r"(?:,|\s+\d{4}\b)"
)
TWELVE_HOUR = re.compile(r"\b\d{1,2}(?::\d{2})? ?[ap]\.m\.", re.IGNORECASE)


def date_faults(text: str) -> list[str]:
    faults = []
    for pattern in (ISO_DATE, NUMERIC_DATE, MONTH_FIRST, TWELVE_HOUR):
        for match in pattern.finditer(text):
            start, end = max(match.start() - 25, 0), min(match.end() + 10, len(text))
            faults.append(" ".join(text[start:end].split()))
    return faults


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("fr", ["14 mai 2025", "14 mai 2025 à 07:36", "14 mai 2025", "3 sept. 2025, 19:05"]),
        ("en", ["14 May 2025", "14 May 2025, 07:36", "14 May 2025", "3 Sept. 2025, 19:05"]),
    ],
)
def test_the_date_formats_put_the_day_first_and_the_month_in_words(language, expected):
    template = Template(
        "{{ day }}|{{ moment|date:'DATETIME_FORMAT' }}|{{ day|date:'SHORT_DATE_FORMAT' }}"
        "|{{ later|date:'SHORT_DATETIME_FORMAT' }}"
    )
    tz = timezone.get_fixed_timezone(0)
    with translation.override(language), timezone.override(tz):
        rendered = template.render(
            Context(
                {
                    "day": date(2025, 5, 14),
                    "moment": datetime(2025, 5, 14, 7, 36, tzinfo=tz),
                    "later": datetime(2025, 9, 3, 19, 5, tzinfo=tz),
                }
            )
        )
    assert rendered.split("|") == expected
    assert not date_faults(rendered)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
def test_reminders_write_their_dates_in_the_recipients_language(
    freezer, meeting, fp_senegal, fp_nigeria, language
):
    from recommendations.tasks import send_deadline_reminders
    from tests.factories import make_recommendation

    make_recommendation(meeting, lead=("SN",), others=("NG",), deadline=date(2026, 11, 30))
    freezer.move_to("2026-11-25")
    send_deadline_reminders()

    recipient = fp_senegal if language == "fr" else fp_nigeria
    message = next(m for m in mail.outbox if m.to == [recipient.email])
    assert ("30 novembre 2026" if language == "fr" else "30 November 2026") in message.body
    assert not date_faults(message.subject + "\n" + message.body)


@pytest.mark.django_db
def test_the_meeting_report_pdf_and_page_print_dates_in_words(client, secretariat, interconnection):
    from reports import services

    report = services.report_save(
        user=secretariat,
        kind="meeting",
        data={
            "title_fr": "Rapport de la 5e réunion",
            "title_en": "Report of the 5th meeting",
            "meeting": interconnection.meeting,
        },
    )
    services.report_finalise(report=report, user=secretariat)  # dates stored as ISO text
    services.report_build(report=report)

    for language, deadline in (("fr", "31 décembre 2026"), ("en", "31 December 2026")):
        reader = PdfReader(report.files.get(language=language).file.path)
        text = "\n".join(page.extract_text() for page in reader.pages)
        assert deadline in text
        assert not date_faults(text), language
        page = client.get(f"/{language}/reports/{report.pk}/").content.decode()
        assert deadline in visible_text(page)
        assert not date_faults(visible_text(page)), language


# --- Pages (the demo data, loaded once for the rest of the module) -----------------------


@pytest.mark.parametrize("language", ["fr", "en"])
def test_every_page_type_writes_dates_for_its_reader(demo_portal, client_as, db, language):
    faults = {}
    for page in page_types():
        response = client_as(page.role).get(page.path(language, demo_portal))
        assert response.status_code == 200, page.name
        found = date_faults(visible_text(response.content.decode()))
        if found:
            faults[page.name] = found[:5]
    assert not faults, faults
