from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from commissions.models import AssessorTerm, CommissionTerm, PresidencyTerm, TechnicalCommission
from commissions.selectors import governance_get
from members.models import Actor, MemberAdministration


@pytest.fixture
def commission(db):
    return TechnicalCommission.objects.create(
        number=1,
        slug="interconnection",
        name_fr="Interconnexion des systèmes",
        name_en="Systems interconnection",
        mandate_fr="Suivre l'interconnexion.",
        mandate_en="Follow interconnection.",
        is_illustrative=True,
    )


def member(iso2):
    return MemberAdministration.objects.get(iso2=iso2)


@pytest.mark.django_db
def test_cote_divoire_presides_since_2010():
    presidency = governance_get().presidency

    assert presidency.administration.iso2 == "CI"
    assert presidency.start_date == date(2010, 3, 1)


@pytest.mark.django_db
def test_past_terms_are_kept_apart_from_current_ones(commission):
    old = CommissionTerm.objects.create(
        commission=commission,
        start_date=date(2021, 1, 1),
        end_date=date(2022, 12, 31),
        chair=member("GH"),
    )
    current = CommissionTerm.objects.create(
        commission=commission,
        start_date=date(2023, 1, 1),
        chair=member("SN"),
        rapporteur=member("BJ"),
    )
    AssessorTerm.objects.create(
        actor=Actor.objects.get(member__iso2="NG"),
        start_date=date(2019, 1, 1),
        end_date=date(2020, 1, 1),
    )

    governance = governance_get(on=date(2024, 6, 1))

    assert governance.commissions[0].term == current
    assert [t.actor.member.iso2 for t in governance.past_assessors] == ["NG"]
    assert not old.is_current(date(2024, 6, 1))


@pytest.mark.django_db
def test_a_term_cannot_end_before_it_starts(commission):
    term = CommissionTerm(
        commission=commission,
        start_date=date(2024, 1, 1),
        end_date=date(2023, 1, 1),
        chair=member("SN"),
    )
    with pytest.raises(ValidationError):
        term.full_clean()
    with pytest.raises(IntegrityError):
        PresidencyTerm.objects.create(
            administration=member("CI"), start_date=date(2024, 1, 1), end_date=date(2023, 1, 1)
        )


@pytest.mark.django_db
def test_the_chair_cannot_also_be_the_rapporteur(commission):
    with pytest.raises(IntegrityError):
        CommissionTerm.objects.create(
            commission=commission,
            start_date=date(2024, 1, 1),
            chair=member("SN"),
            rapporteur=member("SN"),
        )


@pytest.mark.django_db
def test_the_governance_page_shows_the_organisation_chart_in_both_languages(client, commission):
    term = CommissionTerm.objects.create(
        commission=commission,
        start_date=date(2023, 1, 1),
        chair=member("SN"),
        rapporteur=member("BJ"),
    )
    term.members.set([member("SN"), member("BJ"), member("TG")])

    french = client.get("/fr/governance/").content.decode()
    english = client.get("/en/governance/").content.decode()

    assert "Interconnexion des systèmes" in french and "Sénégal" in french
    assert "Systems interconnection" in english and "Senegal" in english
    assert "Côte d&#x27;Ivoire" in french


@pytest.mark.django_db
def test_an_illustrative_commission_says_so_on_screen(client, commission):
    page = client.get("/en/governance/commissions/interconnection/").content.decode()

    assert "illustrative" in page.lower()
    commission.is_illustrative = False
    commission.save()
    assert (
        "illustrative"
        not in client.get("/en/governance/commissions/interconnection/").content.decode().lower()
    )


@pytest.mark.django_db
def test_a_commission_page_lists_its_members_and_past_terms(
    client, commission, django_assert_max_num_queries
):
    for year in range(2010, 2024, 2):
        term = CommissionTerm.objects.create(
            commission=commission,
            start_date=date(year, 1, 1),
            end_date=date(year + 1, 12, 31),
            chair=member("GH"),
            rapporteur=member("CI"),
        )
        term.members.set(MemberAdministration.objects.all()[:10])

    with django_assert_max_num_queries(10):
        response = client.get("/fr/governance/commissions/interconnection/")

    assert response.status_code == 200
    assert response.content.decode().count("<tr>") >= 7


@pytest.mark.django_db
def test_an_unknown_commission_is_not_found(client):
    assert client.get("/fr/governance/commissions/nope/").status_code == 404
