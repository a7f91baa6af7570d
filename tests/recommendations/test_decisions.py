"""The secretariat enters a meeting's decisions on one screen, as drafts, then adopts them."""

import re

import pytest

from members.models import Actor
from recommendations.models import DecisionDraft, Recommendation
from tests.factories import MeetingFactory


def actor(code):
    if len(code) == 2:
        return Actor.objects.get(member__iso2=code)
    return Actor.objects.get(body__code=code)


def row_data(index, *, text="", lead=(), others=(), deadline="", next_meeting=False, **extra):
    data = {
        f"rows-{index}-text_fr": text,
        f"rows-{index}-text_en": extra.get("text_en", ""),
        f"rows-{index}-title_fr": extra.get("title_fr", ""),
        f"rows-{index}-commission": "",
        f"rows-{index}-lead_actors": [str(actor(c).pk) for c in lead],
        f"rows-{index}-other_actors": [str(actor(c).pk) for c in others],
        f"rows-{index}-deadline": deadline,
        f"rows-{index}-priority": "medium",
    }
    if next_meeting:
        data[f"rows-{index}-due_by_next_meeting"] = "on"
    return data


def form_data(rows, *, total=10, action="save", saved=0):
    data = {
        "rows-TOTAL_FORMS": str(total),
        "rows-INITIAL_FORMS": str(saved),
        "rows-MIN_NUM_FORMS": "0",
        "rows-MAX_NUM_FORMS": "1000",
        "action": action,
    }
    for index in range(total):
        data.update(rows[index] if index < len(rows) else row_data(index))
    return data


@pytest.fixture
def ninth(db):
    return MeetingFactory(number=9, slug="gtr-9")


@pytest.mark.django_db
def test_ten_decisions_entered_at_once_stay_drafts_until_adopted(client, ninth, secretariat):
    client.force_login(secretariat)
    rows = [
        row_data(i, text=f"Recommandation numéro {i + 1}. Détails.", lead=("SN",), others=("NG",))
        for i in range(10)
    ]

    response = client.post("/fr/meetings/gtr-9/decisions/", form_data(rows))

    assert response.status_code == 302
    assert DecisionDraft.objects.filter(meeting=ninth).count() == 10
    assert not Recommendation.objects.filter(meeting=ninth).exists()
    assert "Recommandation numéro 1" not in client.get("/fr/recommendations/").content.decode()

    client.post("/fr/meetings/gtr-9/decisions/", form_data(rows, action="adopt", saved=10))

    adopted = list(Recommendation.objects.filter(meeting=ninth).order_by("sequence"))
    assert [r.reference for r in adopted] == [f"GTR9-R{n:02d}" for n in range(1, 11)]
    assert adopted[0].title_fr == "Recommandation numéro 1"
    assert not DecisionDraft.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["fr", "en"])
def test_a_row_in_error_keeps_what_was_typed_in_every_row(client, ninth, secretariat, language):
    client.force_login(secretariat)
    rows = [
        row_data(0, text="Texte tapé dans la première ligne.", lead=("SN",)),
        row_data(1, text="Texte tapé sans acteur principal.", others=("NG",)),
        row_data(2, text="Échéance trop tôt.", lead=("CI",), deadline="2000-01-01"),
    ]

    response = client.post(f"/{language}/meetings/gtr-9/decisions/", form_data(rows))

    page = response.content.decode()
    assert response.status_code == 400
    assert "Texte tapé dans la première ligne." in page
    assert "Texte tapé sans acteur principal." in page
    second = page.split('data-decision-row="2"')[1].split("</fieldset>")[0]
    assert 'class="errorlist"' in second
    assert not DecisionDraft.objects.exists()


@pytest.mark.django_db
def test_a_deadline_is_a_date_by_the_next_meeting_or_none(client, ninth, secretariat):
    client.force_login(secretariat)
    rows = [
        row_data(0, text="Avec une date.", lead=("SN",), deadline="2027-06-30"),
        row_data(1, text="D'ici la prochaine réunion.", lead=("SN",), next_meeting=True),
        row_data(2, text="Sans échéance.", lead=("SN",)),
    ]

    client.post("/fr/meetings/gtr-9/decisions/", form_data(rows, action="adopt"))

    adopted = Recommendation.objects.filter(meeting=ninth).order_by("sequence")
    assert [(str(r.deadline), r.due_by_next_meeting) for r in adopted] == [
        ("2027-06-30", False),
        ("None", True),
        ("None", False),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["fp_senegal", "supervisor", "expert"])
def test_only_the_secretariat_enters_decisions(client, request, ninth, who):
    client.force_login(request.getfixturevalue(who))

    assert client.get("/fr/meetings/gtr-9/decisions/").status_code == 403
    rows = [row_data(0, text="Tentative.", lead=("SN",))]
    assert client.post("/fr/meetings/gtr-9/decisions/", form_data(rows)).status_code == 403
    assert not DecisionDraft.objects.exists()


@pytest.mark.django_db
def test_a_visitor_is_sent_to_sign_in(client, ninth):
    response = client.get("/fr/meetings/gtr-9/decisions/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.django_db
def test_the_decisions_screen_keeps_a_constant_number_of_queries(
    client, ninth, secretariat, django_assert_max_num_queries
):
    client.force_login(secretariat)
    rows = [
        row_data(i, text=f"Décision {i}.", lead=("SN", "CI"), others=("NG",)) for i in range(20)
    ]
    client.post("/fr/meetings/gtr-9/decisions/", form_data(rows, total=20))

    with django_assert_max_num_queries(16):
        response = client.get("/fr/meetings/gtr-9/decisions/")
    assert response.content.decode().count("data-decision-row=") == 23


@pytest.mark.django_db
def test_saved_drafts_come_back_on_the_screen_and_a_row_can_be_removed(client, ninth, secretariat):
    client.force_login(secretariat)
    rows = [
        row_data(0, text="Première décision.", lead=("SN",), others=("NG",)),
        row_data(1, text="Seconde décision.", lead=("CI",)),
    ]
    client.post("/fr/meetings/gtr-9/decisions/", form_data(rows))

    page = client.get("/fr/meetings/gtr-9/decisions/").content.decode()
    assert "Première décision." in page and "Seconde décision." in page
    others = page.split('name="rows-0-other_actors"')[1].split("</select>")[0]
    assert re.search(rf'value="{actor("NG").pk}"[^>]*selected', others)
    assert not re.search(rf'value="{actor("CI").pk}"[^>]*selected', others)

    rows[0][f"rows-{0}-DELETE"] = "on"
    client.post("/fr/meetings/gtr-9/decisions/", form_data(rows, saved=2))
    assert list(DecisionDraft.objects.values_list("text_fr", flat=True)) == ["Seconde décision."]
