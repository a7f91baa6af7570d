"""Reference data in both languages, and forms that show the two versions of a text together."""

import re
from importlib import import_module

import pytest
from django.utils import translation
from django.utils.translation import gettext

from best_practices.models import BestPractice
from gtr_portal.core.forms import TranslatedFieldsMixin
from members.forms import InvitationForm, MemberProfileForm
from members.models import Body, FocalPoint, Interconnection, MemberAdministration
from reports.forms import ActivityReportForm
from tests.best_practices.conftest import practice_data

fill_migration = import_module("members.migrations.0004_bilingual_reference_data_fill")

NNBSP = "\u202f"


def _text(response) -> str:
    # French pages get a narrow no-break space before ; and : wherever the text comes from.
    return response.content.decode().replace("&#x27;", "'").replace(NNBSP, "")


# --- Reference data ---------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "iso2", "expected", "not_expected"),
    [
        ("fr", "BF", "SYDONIA World (depuis 2015)", "since 2015"),
        ("en", "BF", "SYDONIA World (since 2015)", "depuis 2015"),
        ("fr", "NG", "B'Odogwu (depuis 2025; a remplacé NICIS II)", "replaced"),
        ("en", "NG", "B'Odogwu (since 2025; replaced NICIS II)", "remplacé"),
        ("fr", "GM", "SYDONIA World (depuis 2022)", "ASYCUDA"),
    ],
)
def test_clearance_systems_are_shown_in_the_readers_language(
    client, language, iso2, expected, not_expected
):
    page = _text(client.get(f"/{language}/members/{iso2}/"))

    assert expected in page
    assert not_expected not in page


@pytest.mark.django_db
def test_bodies_and_interconnections_carry_both_languages():
    rocb = Body.objects.get(code="ROCB-WCA")
    link = Interconnection.objects.get(since="2018-05-28")

    assert rocb.description_fr.endswith("supervise le GTR")
    assert rocb.description_en.endswith("supervises the GTR")
    assert (link.system_fr, link.system_en) == (
        "interconnexion bilatérale de transit",
        "bilateral transit interconnection",
    )
    with translation.override("en"):
        assert "Cinkansé joint border post" in link.notes
    with translation.override("fr"):
        assert "poste de contrôle juxtaposé de Cinkansé" in link.notes


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "expected", "not_expected"),
    [
        ("fr", "Chef du service informatique", "Head of ICT"),
        ("en", "Head of ICT", "Chef du service informatique"),
    ],
)
def test_a_focal_points_job_title_follows_the_reader(
    client, fp_senegal, language, expected, not_expected
):
    FocalPoint.objects.filter(user=fp_senegal).update(
        job_title_fr="Chef du service informatique", job_title_en="Head of ICT"
    )
    client.force_login(fp_senegal)

    page = _text(client.get(f"/{language}/members/SN/"))

    assert expected in page
    assert not_expected not in page


def test_the_fill_migration_keeps_a_text_changed_since_as_the_french_one():
    pair = fill_migration._pair

    assert pair("ICUMS (since 2020)", fr="ICUMS (depuis 2020)", en="ICUMS (since 2020)") == (
        "ICUMS (depuis 2020)",
        "ICUMS (since 2020)",
    )
    assert pair(None, fr="a", en="b") == ("a", "b")
    assert pair("ICUMS v2", fr="ICUMS (depuis 2020)", en="ICUMS (since 2020)") == (
        "ICUMS v2",
        "",
    )


@pytest.mark.django_db
def test_the_fill_migration_can_run_again_without_changing_anything():
    from django.apps import apps

    before = list(MemberAdministration.objects.values_list("clearance_system_fr", flat=True))

    fill_migration.fill(apps, None)

    after = list(MemberAdministration.objects.values_list("clearance_system_fr", flat=True))
    assert after == before


# --- Forms ------------------------------------------------------------------------------------


def _positions(page: str, *needles: str) -> list[int]:
    return [page.index(needle) for needle in needles]


@pytest.mark.django_db
def test_the_profile_form_shows_french_then_english_under_their_headings(
    client, fp_senegal, senegal
):
    client.force_login(fp_senegal)

    page = _text(client.get("/fr/members/SN/edit/"))

    assert "[fr]" not in page and "[en]" not in page
    fr, en = _positions(page, 'id="id_description_fr"', 'id="id_description_en"')
    assert fr < en
    assert ">Français<" in page and ">English<" in page
    with translation.override("fr"):
        hint = gettext(
            "Optional: shown to English readers when filled in; otherwise they see the French text."
        )
    assert hint.replace(NNBSP, "") in page
    assert 'lang="en"' in page


@pytest.mark.django_db
def test_an_english_reader_sees_the_english_version_first(client, fp_nigeria):
    client.force_login(fp_nigeria)

    page = _text(client.get("/en/members/NG/edit/"))

    en, fr = _positions(page, 'id="id_clearance_system_en"', 'id="id_clearance_system_fr"')
    assert en < fr
    assert "shown to French readers when filled in" in page


@pytest.mark.django_db
def test_labels_name_the_field_once_and_the_language_apart():
    with translation.override("en"):
        form = MemberProfileForm(instance=MemberAdministration.objects.get(iso2="SN"))
        groups = [row for row in form.layout() if getattr(row, "is_group", False)]

        assert [g.name for g in groups] == ["clearance_system", "description"]
        assert [v.code for v in groups[0].versions] == ["en", "fr"]
        assert [v.heading for v in groups[0].versions] == ["English", "Français"]
        assert str(groups[1].label) == "Profile"


@pytest.mark.parametrize("form_class", [InvitationForm, ActivityReportForm])
def test_plain_forms_group_their_translated_fields_too(form_class):
    assert issubclass(form_class, TranslatedFieldsMixin)
    with translation.override("en"):
        form = form_class()
        labels = {str(form.fields[name].label) for name in form.fields}

    assert not any(re.search(r"\((French|English)\)|\[(fr|en)\]", label) for label in labels)


@pytest.mark.django_db
def test_a_required_text_is_required_in_the_readers_language():
    from best_practices.forms import PracticeForm

    data = {**practice_data(), "title_en": "", "themes": [practice_data()["themes"][0].pk]}
    with translation.override("fr"):
        assert PracticeForm(data=data).is_valid()
    with translation.override("en"):
        form = PracticeForm(data=data)
        assert not form.is_valid()
        assert list(form.errors) == ["title_en"]


@pytest.mark.django_db
def test_an_english_reader_may_write_a_practice_in_english_only():
    """Focal points write in their own language; French is asked for at publication."""
    from best_practices.forms import PracticeForm

    data = {
        **practice_data(),
        "title_fr": "",
        "summary_fr": "",
        "body_fr": "",
        "themes": [practice_data()["themes"][0].pk],
    }
    with translation.override("en"):
        form = PracticeForm(data=data)
        assert form.is_valid(), form.errors
        assert "Optional" in str(form.fields["title_fr"].help_text)
    with translation.override("fr"):
        assert list(PracticeForm(data=data).errors) == ["title_fr", "summary_fr", "body_fr"]


@pytest.mark.django_db
def test_french_stays_required_where_the_model_requires_it():
    """An edition's title is the secretariat's, and its French one names the PDF."""
    from best_practices.forms import EditionForm

    with translation.override("en"):
        form = EditionForm(
            data={"title_en": "Compendium", "period_start": 2026, "period_end": 2026}
        )
        assert not form.is_valid()
        assert "title_fr" in form.errors
        assert "reference language" in str(form.fields["title_fr"].help_text)


@pytest.mark.django_db
def test_a_practice_written_in_english_is_published_once_its_french_is_added(
    fp_nigeria, nigeria, secretariat
):
    from best_practices import services
    from best_practices.models import Theme
    from gtr_portal.core.errors import DomainError

    practice = services.practice_save(
        user=fp_nigeria,
        administration=nigeria,
        data={
            "title_en": "The B'Odogwu system",
            "summary_en": "Clearance in the cloud.",
            "body_en": "Since 2025.",
            "year_started": 2025,
            "themes": [Theme.objects.get(slug="e-clearance")],
        },
    )
    services.practice_submit(practice=practice, user=fp_nigeria)
    with pytest.raises(DomainError, match="en français"):
        services.practice_publish(practice=practice, reviewer=secretariat)

    practice.title_fr, practice.summary_fr, practice.body_fr = (
        "Le système B'Odogwu",
        "Le dédouanement dans le nuage.",
        "Depuis 2025.",
    )
    practice.save()
    services.practice_publish(practice=practice, reviewer=secretariat)
    practice.refresh_from_db()
    assert practice.state == "published"


@pytest.mark.django_db
def test_an_english_reader_writes_a_practice_in_both_languages(client, fp_nigeria, nigeria):
    from best_practices.models import Theme

    client.force_login(fp_nigeria)
    data = practice_data(title_fr="Le système B'Odogwu", title_en="The B'Odogwu system")
    data["themes"] = [Theme.objects.get(slug="e-clearance").pk]

    response = client.post("/en/best-practices/new/", data)

    assert response.status_code == 302
    practice = BestPractice.objects.get()
    assert (practice.title_fr, practice.title_en) == ("Le système B'Odogwu", "The B'Odogwu system")


# --- Admin ------------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/en/admin/members/body/{body}/change/",
        "/en/admin/members/memberadministration/{member}/change/",
        "/en/admin/best_practices/theme/add/",
        "/en/admin/recommendations/meeting/add/",
    ],
)
def test_the_admin_labels_each_language_and_loads_nothing_from_another_host(
    client, secretariat, path
):
    body = Body.objects.get(code="ROCB-WCA")
    member = MemberAdministration.objects.get(iso2="SN")

    client.force_login(secretariat)
    response = client.get(path.format(body=body.pk, member=member.pk))

    assert response.status_code == 200
    page = _text(response)

    assert not re.search(r"""<(script|link)[^>]+(src|href)=["'](https?:)?//""", page)
    assert "[fr]" not in page and "[en]" not in page
    assert "(Français)" in page and "(English)" in page


@pytest.mark.django_db
def test_an_invited_focal_points_job_title_is_kept_in_both_languages(client, secretariat, senegal):
    client.force_login(secretariat)

    response = client.post(
        "/en/users/invite/",
        {
            "email": "awa@douanes.sn",
            "first_name": "Awa",
            "last_name": "Ndiaye",
            "role": "focal_point",
            "language": "fr",
            "administration": senegal.pk,
            "function": "ict_focal_point",
            "job_title_en": "Head of ICT",
            "job_title_fr": "Cheffe du service informatique",
        },
    )

    assert response.status_code == 302
    focal_point = FocalPoint.objects.get(user__email="awa@douanes.sn")
    assert (focal_point.job_title_fr, focal_point.job_title_en) == (
        "Cheffe du service informatique",
        "Head of ICT",
    )
