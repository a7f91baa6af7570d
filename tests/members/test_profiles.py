import pytest
from django.db import IntegrityError
from django.utils import translation
from django.utils.translation import gettext

from members.models import Actor, Body, MemberAdministration, User
from tests.factories import FocalPointFactory


def profile_form(member, **changes):
    data = {
        "administration_name": member.administration_name,
        "acronym": member.acronym,
        "languages": member.languages,
        "clearance_system_fr": member.clearance_system_fr or "",
        "clearance_system_en": member.clearance_system_en or "",
        "single_window": member.single_window,
        "website": member.website,
        "email": member.email,
        "phone": member.phone,
        "address": member.address,
        "description_fr": member.description_fr or "",
        "description_en": member.description_en or "",
    }
    data.update(changes)
    return data


@pytest.mark.django_db
def test_the_directory_lists_the_24_members_of_the_region(client):
    page = client.get("/fr/members/").content.decode()

    assert page.count('data-iso2="') == 24
    for name in ["Sénégal", "Nigéria", "Cap-Vert", "Guinée équatoriale", "Côte d'Ivoire"]:
        assert name in page.replace("&#x27;", "'")


@pytest.mark.django_db
def test_the_directory_speaks_english_under_en(client):
    page = client.get("/en/members/").content.decode()

    assert "Cabo Verde" in page and "Equatorial Guinea" in page
    assert "Cap-Vert" not in page


@pytest.mark.django_db
def test_the_directory_searches_by_system_or_name(client):
    page = client.get("/fr/members/", {"q": "GAINDE"}).content.decode()

    assert page.count('data-iso2="') == 1
    assert 'data-iso2="SN"' in page


@pytest.mark.django_db
def test_the_directory_keeps_a_constant_number_of_queries_however_many_focal_points(
    client, expert, django_assert_max_num_queries
):
    focal_points = [
        fp
        for member in MemberAdministration.objects.all()
        for fp in FocalPointFactory.create_batch(3, iso2=member.iso2)
    ]
    client.force_login(expert)

    with django_assert_max_num_queries(8):
        response = client.get("/fr/members/")

    page = response.content.decode().replace("&#x27;", "'")
    assert all(str(fp.user) in page for fp in focal_points)


@pytest.mark.django_db
def test_a_member_page_keeps_a_constant_number_of_queries(
    client, fp_senegal, django_assert_max_num_queries
):
    FocalPointFactory.create_batch(10, iso2="SN")
    client.force_login(fp_senegal)
    for n in range(15):
        client.post(
            "/fr/members/SN/edit/",
            profile_form(fp_senegal.focal_point.administration, phone=f"+221 {n}"),
        )

    with django_assert_max_num_queries(14):
        response = client.get("/fr/members/SN/")

    assert response.status_code == 200


@pytest.mark.django_db
def test_a_focal_point_updates_its_profile_and_the_change_is_recorded(client, fp_senegal, senegal):
    client.force_login(fp_senegal)

    response = client.post(
        "/fr/members/SN/edit/",
        profile_form(senegal, clearance_system_fr="GAINDE 2010", description_en="Our IT plan."),
    )

    assert response.status_code == 302
    senegal.refresh_from_db()
    assert senegal.clearance_system == "GAINDE 2010"
    record = senegal.history.latest()
    assert record.history_user == fp_senegal
    page = client.get("/fr/members/SN/").content.decode()
    assert "GAINDE 2010" in page
    assert str(fp_senegal) in page


@pytest.mark.django_db
def test_bad_input_is_refused_with_a_translated_message_and_nothing_typed_is_lost(
    client, fp_senegal, senegal
):
    client.force_login(fp_senegal)
    before = senegal.clearance_system

    response = client.post(
        "/fr/members/SN/edit/",
        profile_form(
            senegal,
            languages="français",
            website="not a url",
            description_fr="Un long texte que l'utilisateur a tapé.",
        ),
    )

    page = response.content.decode()
    assert response.status_code == 200
    language_error = "Give two-letter language codes separated by semicolons, for example: fr;en"
    with translation.override("fr"):
        assert gettext(language_error) != language_error, "the message has a French translation"
        assert gettext(language_error) in page
    assert "Saisissez une URL valide." in page
    assert "Un long texte que l&#x27;utilisateur a tapé." in page
    senegal.refresh_from_db()
    assert senegal.clearance_system == before


@pytest.mark.django_db
def test_an_english_profile_falls_back_to_french_when_empty(client, senegal):
    senegal.description_fr = "Profil en français."
    senegal.description_en = ""
    senegal.save()

    assert "Profil en français." in client.get("/en/members/SN/").content.decode()


@pytest.mark.django_db
def test_every_member_and_every_body_is_an_actor():
    assert Actor.objects.filter(member__isnull=False).count() == 24
    assert Actor.objects.filter(body__isnull=False).count() == Body.objects.count()
    assert Actor.objects.get(body__code="ROCB-WCA").target.name_en.startswith("Regional Office")


@pytest.mark.django_db
def test_an_actor_is_a_member_or_a_body_never_both(senegal):
    rocb = Body.objects.get(code="ROCB-WCA")
    Actor.objects.filter(member=senegal).delete()
    Actor.objects.filter(body=rocb).delete()

    with pytest.raises(IntegrityError):
        Actor.objects.create(member=senegal, body=rocb)


@pytest.mark.django_db
def test_the_database_refuses_a_malformed_iso_code():
    with pytest.raises(IntegrityError):
        MemberAdministration.objects.create(
            iso2="s1", iso3="XXX", name="X", administration_name="X"
        )


@pytest.mark.django_db
def test_emails_are_unique_whatever_their_case(fp_senegal):
    with pytest.raises(IntegrityError):
        User.objects.create_user(email=fp_senegal.email.upper(), password="x")


@pytest.mark.django_db
def test_only_secretariat_users_are_staff(secretariat, fp_senegal, supervisor):
    assert secretariat.is_staff
    assert not fp_senegal.is_staff and not supervisor.is_staff


@pytest.mark.django_db
def test_the_history_names_only_the_fields_that_changed(client, fp_senegal, senegal):
    client.force_login(fp_senegal)

    client.post("/fr/members/SN/edit/", profile_form(senegal, description_fr="Nouveau profil."))

    page = client.get("/fr/members/SN/").content.decode()
    latest = page.split('class="timeline"')[1].split("</li>")[0]
    assert "Profil (Français)" in latest
    assert "Profil (English)" not in latest
    assert "[fr]" not in latest


@pytest.mark.django_db
def test_an_unknown_address_gets_a_translated_page(client):
    response = client.get("/fr/nowhere/")

    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
