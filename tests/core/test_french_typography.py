"""French text has a narrow no-break space (U+202F) before : ; ? ! and inside « », on every
page, in e-mails and in PDFs; English text is left as it is."""

import re
import time

import pytest
from django.core import mail
from django.utils import translation
from django.utils.safestring import SafeString
from pypdf import PdfReader

from gtr_portal.core.typography import (
    NNBSP,
    email_typeset,
    french_typography,
    french_typography_text,
    typeset_document,
)
from tests.pages import page_types

from .visible_text import visible_text

# Checked independently of the code under test: what a French reader must never see.
SPACE_BEFORE = re.compile(r"[ \t\r\n\u00a0]+[:;?!»]|«[ \t\r\n\u00a0]")
# A mark glued to a word, where it ends a phrase (not "14:30", "https://", "?next=").
GLUED = re.compile(r"[^\s\u202f][:;?!]+(?=[\s»)]|$)|[^\s\u202f]»|«[^\s\u202f]")


def typography_faults(text: str) -> list[str]:
    faults = []
    for pattern in (SPACE_BEFORE, GLUED):
        for match in pattern.finditer(text):
            start, end = max(match.start() - 25, 0), min(match.end() + 10, len(text))
            faults.append(" ".join(text[start:end].split()))
    return faults


# --- The function ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("Statut : proposé", f"Statut{NNBSP}: proposé"),
        ("Points focaux:", f"Points focaux{NNBSP}:"),
        ("<dt>Points focaux:</dt>", f"<dt>Points focaux{NNBSP}:</dt>"),
        ("Vraiment ?! Oui; non !", f"Vraiment{NNBSP}?! Oui{NNBSP}; non{NNBSP}!"),
        ("« %(name)s »", f"«{NNBSP}%(name)s{NNBSP}»"),
        ("«mise en œuvre»", f"«{NNBSP}mise en œuvre{NNBSP}»"),
        ("Statut&nbsp;: x", f"Statut{NNBSP}: x"),
        ("%(date)s:", f"%(date)s{NNBSP}:"),
        ("Il dit «", f"Il dit «{NNBSP}"),
        ("« ", f"«{NNBSP}"),
        ("À 10:00: départ", f"À 10:00{NNBSP}: départ"),
        # Across inline tags: the mark follows the node of the word.
        ("<strong>Statut</strong>: x", f"<strong>Statut</strong>{NNBSP}: x"),
        ("<b>Statut </b>: x", f"<b>Statut</b>{NNBSP}: x"),
    ],
)
def test_french_typography_puts_a_narrow_no_break_space_before_the_marks(html, expected):
    assert french_typography(html) == expected


@pytest.mark.parametrize(
    "html",
    [
        "Réunion à 14:30, jusqu'à 16:00.",
        "https://gtr.example.org/fr/?next=/fr/recommandations/&amp;page=2",
        "mailto:secretariat@example.org",
        "Adresse ::1 et C:\\Temp",
        "Codes séparés par des points-virgules : fr;en",
        "Recherche &amp; développement, l&#x27;état, R&#39;D",
        '<a href="/fr/?q=a:b" title="Statut: x" data-x="a ; b">lien</a>',
        "<script>if (a ? b : c) { x = 1; }</script>",
        "<style>a::before { content: '!'; }</style>",
        "<textarea>Statut: x ; y</textarea>",
        "<pre>key: value</pre><code>a ? b : c</code>",
        '<p lang="en">Status: <b>open</b>. Really?</p>',
        "<!-- TODO: nothing -->",
        "Aucune ponctuation ici.",
    ],
)
def test_french_typography_leaves_code_urls_times_attributes_and_english_alone(html):
    typeset = french_typography(html)
    assert typeset.replace(f"{NNBSP}: fr;en", " : fr;en") == html


def test_french_typography_is_idempotent():
    html = "<p>Statut: «x» ; fini ? <b>Oui</b>! https://a.b/?c=d 14:30</p>"
    once = french_typography(html)
    assert french_typography(once) == once
    assert once.count(NNBSP) == 6


def test_french_typography_takes_a_fraction_of_a_millisecond_per_kilobyte():
    page = "<tr><td>Statut : <b>ouvert</b></td><td>Échéance : 14 mai 2025 ?</td></tr>\n" * 1500
    assert len(page) > 100_000
    started = time.perf_counter()
    typeset = french_typography(page)
    assert time.perf_counter() - started < 0.5
    assert not typography_faults(visible_text(typeset))


def test_the_plain_text_variant_keeps_urls_and_times():
    text = (
        "Choisissez votre mot de passe :\n"
        "https://x.org/fr/accounts/password/reset/key/1-a/\nÀ 14:30!"
    )
    assert french_typography_text(text) == (
        f"Choisissez votre mot de passe{NNBSP}:\n"
        f"https://x.org/fr/accounts/password/reset/key/1-a/\nÀ 14:30{NNBSP}!"
    )


def test_a_document_is_typeset_by_its_declared_language():
    with translation.override("en"):
        assert NNBSP in typeset_document('<html lang="fr"><p>Statut: x</p></html>')
    with translation.override("fr"):
        assert NNBSP not in typeset_document('<html lang="en"><p>Status: x</p></html>')


# --- E-mails and PDFs ------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_french_invitation_has_french_typography_and_keeps_its_links(fp_senegal):
    from members.services import invitation_send

    with translation.override("fr"):
        invitation_send(user=fp_senegal)

    message = mail.outbox[-1]
    text_lines = [line for line in message.body.splitlines() if "://" not in line]
    assert NNBSP in message.body
    assert not typography_faults("\n".join(text_lines))
    assert "/fr/accounts/password/reset/key/" in message.body
    html = message.alternatives[0].content
    assert not typography_faults(visible_text(html))
    assert 'href="http' in html


def test_an_english_email_is_left_as_it_is():
    from django.core.mail import EmailMultiAlternatives

    message = EmailMultiAlternatives(subject="Status: open", body="Why? Because: yes.")
    message.attach_alternative("<p>Status: open</p>", "text/html")
    with translation.override("en"):
        email_typeset(message)
    assert NNBSP not in message.subject + message.body + message.alternatives[0].content


@pytest.mark.django_db
def test_the_french_report_pdf_has_french_typography(secretariat, interconnection):
    from reports import services

    report = services.report_save(
        user=secretariat,
        kind="meeting",
        data={
            "title_fr": "Rapport de la 5e réunion : «bilan»",
            "title_en": "Report of the 5th meeting",
            "meeting": interconnection.meeting,
            "summary_fr": "Points focaux: présents. Prochaine étape?",
        },
    )
    with translation.override("en"):  # the job's language is not the PDF's
        services.report_build(report=report)

    text = "".join(
        page.extract_text() for page in PdfReader(report.files.get(language="fr").file.path).pages
    )
    assert f"Points focaux{NNBSP}:" in text
    assert f"étape{NNBSP}?" in text
    assert f"«{NNBSP}bilan{NNBSP}»" in text
    english = PdfReader(report.files.get(language="en").file.path).pages[0].extract_text()
    assert NNBSP not in english


def test_a_language_on_an_empty_element_does_not_hide_the_text_after_it():
    html = '<input lang="en" value="a: b"><img lang="en" alt=""><small>Facultatif: oui</small>'
    assert french_typography(html).endswith(f"Facultatif{NNBSP}: oui</small>")


# --- Pages (the demo data, loaded once for the rest of the module) -----------------------


def test_every_french_page_type_has_french_typography(demo_portal, client_as, db):
    faults = {}
    for page in page_types():
        response = client_as(page.role).get(page.path("fr", demo_portal))
        assert response.status_code == 200, page.name
        found = typography_faults(visible_text(response.content.decode(), french_only=True))
        if found:
            faults[page.name] = found[:5]
    assert not faults, faults


def test_english_pages_keep_english_punctuation(demo_portal, client_as, db):
    for page in page_types(roles=("anonymous",)):
        response = client_as(page.role).get(page.path("en", demo_portal))
        assert NNBSP not in visible_text(response.content.decode()), page.name


def test_french_error_pages_have_french_typography_too(client, db):
    # Typeset on the way out, whatever made the page: here Django's 404 handler.
    response = client.get("/fr/nowhere/")
    assert response.status_code == 404
    assert not typography_faults(visible_text(response.content.decode(), french_only=True))


def test_a_fragment_typeset_once_is_not_scanned_again_with_its_page():
    """Cached fragments (the recommendation list's table) are typeset when drawn; the page
    around them is typeset on each request, the fragment not again."""
    from django.utils import translation

    from gtr_portal.core.typography import NNBSP, french_typography, typeset_fragment

    with translation.override("fr"):
        fragment = typeset_fragment(SafeString("<td>Statut : en cours</td>"))
    with translation.override("en"):
        english = typeset_fragment(SafeString("<td>Status: open</td>"))
    page = french_typography(f"<p>Échéance : demain</p>{fragment}<p>Note : fin</p>")

    assert f"Statut{NNBSP}: en cours" in fragment
    assert "Status: open" in english
    assert f"Échéance{NNBSP}: demain" in page and f"Note{NNBSP}: fin" in page
    assert page.count(NNBSP) == 3
