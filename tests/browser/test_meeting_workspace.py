"""Issue 10 §1 in the browser: the secretariat creates the 9th meeting, adds participants
(administrations, a body and a named person) and uploads a document; a visitor then sees the
meeting's page, without the persons' names; a signed-in member sees them; one step in English.

Fields are found by their names and the new buttons by their place, so the journey holds
before and after the French catalogue gets this section's new strings."""

import re

import pytest
from playwright.sync_api import expect

from recommendations.models import Meeting
from tests.recommendations.conftest import PDF_BYTES

from .fixtures import sign_in_with_second_factor

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretariat_runs_the_workspace_and_visitors_see_the_meeting(
    page, screenshot, new_context, secretariat, fp_senegal
):
    sign_in_with_second_factor(page, secretariat)
    page.goto("/fr/meetings/")
    page.locator("main a[href='/fr/meetings/new/']").click()

    form = page.locator("#details form")
    form.locator("select[name=kind]").select_option("gtr")
    form.locator("input[name=number]").fill("9")
    form.locator("input[name=start_date]").fill("2026-05-12")
    form.locator("input[name=end_date]").fill("2026-05-14")
    form.locator("select[name=mode]").select_option("in_person")
    form.locator("input[name=city]").fill("Lomé")
    form.locator("select[name=host]").select_option(label="Togo")
    form.locator("textarea[name=theme_fr]").fill("La douane numérique au service du commerce")
    form.locator("textarea[name=theme_en]").fill("Digital customs serving trade")
    form.locator("input[name=chair_name]").fill("Kodjo Mensah")
    form.locator("select[name=chair_actor]").select_option(label="Togo")
    form.locator("select[name=status]").select_option("held")
    form.locator("textarea[name=agenda_fr]").fill("1. Ouverture\n2. Revue des recommandations")
    form.get_by_label("Sénégal", exact=True).check()
    form.get_by_label("Togo", exact=True).check()
    form.get_by_label("Nigéria", exact=True).check()
    form.get_by_label(re.compile("^Bureau Régional de Renforcement des Capacités")).check()
    form.locator("button[type=submit]").click()

    expect(page).to_have_url(re.compile(r"/fr/meetings/gtr-9/edit/$"))
    expect(page.locator("h1")).to_have_text("9e réunion du GTR")

    persons = page.locator("#persons form.form")
    persons.locator("input[name=person-name]").fill("Awa Ndiaye")
    persons.locator("select[name=person-role]").select_option("private_expert")
    persons.locator("input[name=person-organisation]").fill("GAINDE 2000")
    persons.locator("button[type=submit]").click()
    expect(page.locator("#persons .people")).to_contain_text("Awa Ndiaye")

    documents = page.locator("#documents form.form")
    documents.locator("select[name=document-kind]").select_option("agenda")
    documents.locator("input[name=document-title_fr]").fill("Ordre du jour de la 9e réunion")
    documents.locator("select[name=document-language]").select_option("fr")
    documents.locator("select[name=document-visibility]").select_option("public")
    documents.locator("input[name=document-file]").set_input_files(
        {"name": "ordre-du-jour.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}
    )
    documents.locator("button[type=submit]").click()
    expect(page.locator("#documents table")).to_contain_text("Ordre du jour de la 9e réunion")
    screenshot("meeting-workspace-fr")

    meeting = Meeting.objects.get(slug="gtr-9")
    assert meeting.participants.count() == 4
    assert meeting.host.iso2 == "TG"
    assert sorted(meeting.persons.values_list("name", flat=True)) == [
        "Awa Ndiaye",
        "Kodjo Mensah",
    ]

    # A visitor: the meeting, its participants and its public document, but no names.
    visitor = new_context().new_page()
    visitor.goto("/fr/meetings/gtr-9/")
    expect(visitor.locator("h1")).to_have_text("9e réunion du GTR")
    main = visitor.locator("main")
    expect(main).to_contain_text("Lomé")
    expect(main).to_contain_text("La douane numérique au service du commerce")
    expect(main).to_contain_text("Ouverture")
    expect(main.get_by_role("link", name="Sénégal")).to_be_visible()
    expect(main.get_by_role("link", name="Ordre du jour de la 9e réunion")).to_be_visible()
    expect(main).not_to_contain_text("Kodjo Mensah")
    expect(main).not_to_contain_text("Awa Ndiaye")
    with visitor.expect_download() as download:
        main.get_by_role("link", name="Ordre du jour de la 9e réunion").click()
    assert download.value.suggested_filename == "ordre-du-jour.pdf"

    # A signed-in focal point sees who took part.
    member = new_context(user=fp_senegal).new_page()
    member.goto("/fr/meetings/gtr-9/")
    expect(member.locator("main")).to_contain_text("Kodjo Mensah")
    expect(member.locator("main")).to_contain_text("GAINDE 2000")

    # One step in English: the report is adopted.
    page.goto("/en/meetings/gtr-9/edit/")
    page.get_by_label("Status").select_option(label="Report adopted")
    page.get_by_role("button", name="Save the details").click()
    expect(page).to_have_url(re.compile(r"/en/meetings/gtr-9/$"))
    expect(page.locator("main")).to_contain_text("Report adopted")
    expect(page.locator("main")).to_contain_text("Digital customs serving trade")
    screenshot("meeting-detail-en")
    meeting.refresh_from_db()
    assert meeting.status == "report_adopted"
