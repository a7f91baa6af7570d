"""Issue 10, "Done when": the whole meeting cycle in the browser, in French and in English.

The secretariat creates the 9th meeting, adds participants (administrations and a body) and a
document, enters 10 recommendations on one screen and adopts them; the focal point of Senegal
and the ROCB-WCA's reporter each see the assignment in their notifications and report on their
own part; Nigeria's part of the recommendation it shares with Senegal does not move; the
secretariat reviews; the supervisor reads the follow-up matrix and exports it; a proposal of
the meeting to the Conference is recorded with its decision.

Fields are found by their names and buttons by data-attributes or addresses, so the journey
holds in both languages; the few translated texts checked are taken from the catalogue."""

import re
from datetime import date
from io import BytesIO

import pytest
from django.utils import timezone, translation
from openpyxl import load_workbook
from playwright.sync_api import expect

from members.models import Actor, Body, MemberAdministration, Role
from recommendations.models import Meeting, ProgressUpdate, Proposal, Recommendation
from recommendations.models import RecommendationStatus as Status
from tests.factories import UserFactory
from tests.recommendations.conftest import PDF_BYTES

from .fixtures import sign_in_with_second_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REFERENCES = [f"GTR9-R{n:02d}" for n in range(1, 11)]


def actor_pk(code: str) -> str:
    if len(code) == 2:
        return str(Actor.objects.get(member__iso2=code).pk)
    return str(Actor.objects.get(body__code=code).pk)


def pdf(name: str) -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": PDF_BYTES}


def submit(page) -> None:
    page.locator("main form.form button[type=submit]").click()
    page.wait_for_load_state()


def part(page, code: str):
    return page.locator(f'[data-actor-part="{code}"]')


def report_progress(page, lang: str, reference: str, *, narrative, progress, status, file):
    """An actor's reporter: the assignment first in the notifications, then the update."""
    page.goto(f"/{lang}/notifications/")
    notice = page.locator(".notification.unread a")
    expect(notice).to_have_count(1)
    expect(notice).to_contain_text(reference)
    notice.click()
    expect(page).to_have_url(re.compile(rf"/{lang}/recommendations/{reference}/$"))
    page.locator(f'main a[href="/{lang}/recommendations/{reference}/updates/new/"]').click()
    form = page.locator("main form.form")
    form.locator("input[name=as_of]").fill(timezone.localdate().isoformat())
    form.locator("textarea[name=narrative]").fill(narrative)
    form.locator("input[name=progress]").fill(str(progress))
    form.locator("select[name=proposed_status]").select_option(status)
    form.locator("input[name=evidence]").set_input_files(pdf(file))
    submit(page)
    expect(page).to_have_url(re.compile(rf"/{lang}/recommendations/{reference}/$"))
    expect(page.locator('[data-update-state="pending"]')).to_have_count(1)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_secretariat_runs_the_9th_meeting_cycle_and_each_actor_follows_its_part(
    lang, reference_data, page, new_context, secretariat, fp_senegal, supervisor
):
    rocb_reporter = UserFactory(
        role=Role.BODY_REPORTER,
        body=Body.objects.get(code="ROCB-WCA"),
        email="reporter-rocb@gtr.test",
        language=lang,
    )
    with translation.override(lang):
        senegal_name = MemberAdministration.objects.get(iso2="SN").name
        nigeria_name = MemberAdministration.objects.get(iso2="NG").name
        in_progress = str(Status.IN_PROGRESS.label)
        not_started = str(Status.NOT_STARTED.label)

    # 1. The secretariat creates the 9th meeting with its participants, then adds a document.
    sign_in_with_second_factor(page, secretariat)
    page.goto(f"/{lang}/meetings/")
    page.locator(f"main a[href='/{lang}/meetings/new/']").click()
    form = page.locator("#details form")
    form.locator("select[name=kind]").select_option("gtr")
    form.locator("input[name=number]").fill("9")
    form.locator("input[name=start_date]").fill("2026-05-12")
    form.locator("input[name=end_date]").fill("2026-05-14")
    form.locator("select[name=mode]").select_option("in_person")
    form.locator("input[name=city]").fill("Dakar")
    host = MemberAdministration.objects.get(iso2="SN")
    form.locator("select[name=host]").select_option(str(host.pk))
    form.locator("textarea[name=theme_fr]").fill("La douane numérique au service du commerce")
    form.locator("textarea[name=theme_en]").fill("Digital customs serving trade")
    form.locator("select[name=status]").select_option("held")
    for code in ("SN", "NG", "CI"):
        form.locator(f'input[name="participants-members"][value="{actor_pk(code)}"]').check()
    form.locator(f'input[name="participants-bodies"][value="{actor_pk("ROCB-WCA")}"]').check()
    form.locator("button[type=submit]").click()
    expect(page).to_have_url(re.compile(rf"/{lang}/meetings/gtr-9/edit/$"))

    documents = page.locator("#documents form.form")
    documents.locator("select[name=document-kind]").select_option("final_report")
    documents.locator("input[name=document-title_fr]").fill("Rapport final de la 9e réunion")
    documents.locator("input[name=document-title_en]").fill("Final report of the 9th meeting")
    documents.locator("select[name=document-language]").select_option("fr")
    documents.locator("select[name=document-visibility]").select_option("public")
    documents.locator("input[name=document-file]").set_input_files(pdf("rapport-final.pdf"))
    documents.locator("button[type=submit]").click()
    expect(
        page.locator(f'#documents table a[href^="/{lang}/meetings/gtr-9/documents/"]')
    ).to_have_count(1)

    meeting = Meeting.objects.get(slug="gtr-9")
    assert meeting.number == 9 and meeting.host.iso2 == "SN"
    assert {
        a.member.iso2 if a.member_id else a.body.code
        for a in meeting.participants.select_related("member", "body")
    } == {"SN", "NG", "CI", "ROCB-WCA"}
    assert meeting.documents.count() == 1

    # 2. Ten decisions on one screen: one shared by Senegal (lead) and Nigeria, one led by the
    # ROCB-WCA; then adopted and published.
    page.goto(f"/{lang}/meetings/gtr-9/")
    page.locator("[data-enter-decisions]").click()
    expect(page).to_have_url(re.compile(rf"/{lang}/meetings/gtr-9/decisions/$"))
    page.locator('[name="rows-0-text_fr"]').fill("Interconnecter les systèmes de dédouanement.")
    page.locator('[name="rows-0-text_en"]').fill("Interconnect the customs clearance systems.")
    page.locator('[name="rows-0-lead_actors"]').select_option([actor_pk("SN")])
    page.locator('[name="rows-0-other_actors"]').select_option([actor_pk("NG")])
    page.locator('[name="rows-1-text_fr"]').fill("Organiser un atelier régional de formation.")
    page.locator('[name="rows-1-lead_actors"]').select_option([actor_pk("ROCB-WCA")])
    for index in range(2, 10):
        page.locator(f'[name="rows-{index}-text_fr"]').fill(f"Décision numéro {index + 1}.")
        page.locator(f'[name="rows-{index}-lead_actors"]').select_option([actor_pk("CI")])
    page.locator('[name="rows-9-due_by_next_meeting"]').check()
    page.locator("[data-adopt]").click()

    expect(page).to_have_url(re.compile(rf"/{lang}/meetings/gtr-9/$"))
    success = page.locator(".messages .success")
    expect(success).to_contain_text("GTR9-R01")
    expect(success).to_contain_text("GTR9-R10")
    references = list(
        Recommendation.objects.filter(meeting=meeting)
        .order_by("sequence")
        .values_list("reference", flat=True)
    )
    assert references == REFERENCES

    # 3. Each reporter sees the assignment, then reports on its own part.
    focal_point = new_context(user=fp_senegal).new_page()
    report_progress(
        focal_point,
        lang,
        "GTR9-R01",
        narrative="Le raccordement de GAINDE au système du Nigéria est à l'essai.",
        progress=40,
        status=Status.IN_PROGRESS,
        file="essai-raccordement.pdf",
    )
    # Still pending review: nobody's part has moved yet.
    expect(part(focal_point, "SN")).to_have_attribute("data-part-status", "not_started")
    expect(part(focal_point, "NG")).to_have_attribute("data-part-status", "not_started")

    reporter = new_context(user=rocb_reporter).new_page()
    report_progress(
        reporter,
        lang,
        "GTR9-R02",
        narrative="Le programme de l'atelier est arrêté ; deux sessions sur trois ont eu lieu.",
        progress=60,
        status=Status.PARTIALLY_IMPLEMENTED,
        file="programme-atelier.pdf",
    )
    assert set(
        ProgressUpdate.objects.values_list("recommendation__reference", "actor__member__iso2")
    ) == {("GTR9-R01", "SN"), ("GTR9-R02", None)}

    # 4. The secretariat accepts Senegal's update on the recommendation's page, the ROCB's in
    # the review queue; Nigeria's part of the shared recommendation does not move.
    page.goto(f"/{lang}/recommendations/GTR9-R01/")
    pending = page.locator('[data-update-state="pending"]')
    expect(pending).to_have_count(1)
    pending.locator("button[name=decision][value=accept]").click()
    expect(page.locator('[data-update-state="accepted"]')).to_have_count(1)
    expect(part(page, "SN")).to_have_attribute("data-part-status", "in_progress")
    expect(part(page, "NG")).to_have_attribute("data-part-status", "not_started")

    page.goto(f"/{lang}/recommendations/reviews/")
    queued = page.locator("article.update.pending")
    expect(queued).to_have_count(1)
    expect(queued).to_contain_text("GTR9-R02")
    queued.locator("button[name=decision][value=accept]").click()
    expect(page.locator("article.update.pending")).to_have_count(0)
    assert not ProgressUpdate.objects.exclude(state=ProgressUpdate.State.ACCEPTED).exists()

    focal_point.goto(f"/{lang}/recommendations/GTR9-R01/")
    expect(part(focal_point, "SN")).to_have_attribute("data-part-status", "in_progress")
    expect(part(focal_point, "NG")).to_have_attribute("data-part-status", "not_started")
    reporter.goto(f"/{lang}/recommendations/GTR9-R02/")
    expect(part(reporter, "ROCB-WCA")).to_have_attribute(
        "data-part-status", "partially_implemented"
    )

    # 5. The supervisor reads the matrix, each actor's own part, and exports it.
    board = new_context(user=supervisor).new_page()
    board.goto(f"/{lang}/dashboard/matrix/")
    matrix = board.locator("table[data-matrix]")
    expect(matrix.locator("thead th a")).to_have_count(10)
    r01 = 'a[href*="/recommendations/GTR9-R01/"]'
    expect(matrix.locator(f'tr[data-row="SN"] td[data-cell="in_progress"] {r01}')).to_have_count(1)
    expect(matrix.locator(f'tr[data-row="NG"] td[data-cell="not_started"] {r01}')).to_have_count(1)
    expect(
        matrix.locator(
            'tr[data-row="ROCB-WCA"] td[data-cell="partially_implemented"] '
            'a[href*="/recommendations/GTR9-R02/"]'
        )
    ).to_have_count(1)
    expect(matrix.locator('tr[data-row="CI"] td[data-cell]')).to_have_count(8)

    with board.expect_download() as download:
        board.locator('[data-export="xlsx"]').click()
    assert download.value.suggested_filename.endswith(".xlsx")
    workbook = load_workbook(BytesIO(download.value.path().read_bytes()), read_only=True)
    rows = list(workbook.active.values)
    header = list(rows[0])
    assert sorted(header[1:]) == REFERENCES
    lines = {row[0]: list(row) for row in rows[1:]}
    assert lines[senegal_name][header.index("GTR9-R01")] == in_progress
    assert lines[nigeria_name][header.index("GTR9-R01")] == not_started

    # 6. A proposal of the 9th meeting to the Conference, sent to the Committee of Experts,
    # adopted by the Conference with its decision.
    page.goto(f"/{lang}/meetings/gtr-9/")
    page.locator(f'#proposals a[href="/{lang}/proposals/new/?meeting=gtr-9"]').click()
    page.locator("#id_title_fr").fill("Plan régional de dédouanement interconnecté")
    page.locator("#id_title_en").fill("Regional plan for interconnected clearance")
    page.locator("#id_text_fr").fill("Le groupe propose d'adopter le plan régional.")
    page.locator("#id_text_en").fill("The group proposes to adopt the regional plan.")
    submit(page)
    expect(page).to_have_url(f"/{lang}/proposals/GTR9-P01/")
    state = page.locator("[data-proposal-state]")
    expect(state).to_have_attribute("data-proposal-state", "proposed")

    page.locator(f'a[href="/{lang}/proposals/GTR9-P01/send/"]').click()
    page.locator("#id_sent_on").fill("2026-06-02")
    submit(page)
    expect(state).to_have_attribute("data-proposal-state", "sent")

    page.locator(f'a[href="/{lang}/proposals/GTR9-P01/decision/"]').click()
    page.locator("#id_outcome").select_option("adopted")
    page.locator("#id_decided_on").fill("2026-09-10")
    page.locator("#id_decision_fr").fill("La Conférence adopte le plan régional.")
    page.locator("#id_decision_en").fill("The Conference adopts the regional plan.")
    page.locator("#id_decision_reference").fill("CDG/2026/04")
    submit(page)
    expect(state).to_have_attribute("data-proposal-state", "adopted")
    decision = "La Conférence adopte" if lang == "fr" else "The Conference adopts"
    expect(page.locator("main")).to_contain_text(decision)
    expect(page.locator("main")).to_contain_text("CDG/2026/04")

    page.goto(f"/{lang}/proposals/")
    expect(page.locator('tr[data-proposal="GTR9-P01"]')).to_be_visible()
    page.goto(f"/{lang}/meetings/gtr-9/")
    expect(page.locator('#proposals tr[data-proposal="GTR9-P01"]')).to_be_visible()
    proposal = Proposal.objects.get(reference="GTR9-P01")
    assert proposal.meeting == meeting
    assert proposal.state == "adopted"
    assert proposal.decided_on == date(2026, 9, 10)
