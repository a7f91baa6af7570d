import re

import pytest
from django.core.exceptions import ValidationError  # noqa: F401
from django.utils import translation
from django.utils.html import escape

from best_practices import services
from best_practices.models import BestPractice
from gtr_portal.core.errors import DomainError
from gtr_portal.core.uploads import IMAGES, validate_upload
from tests.conftest import downloaded

from .conftest import png, practice_data


@pytest.mark.django_db
def test_a_script_in_the_body_is_never_stored_in_the_html_nor_shown(
    client, fp_senegal, senegal, secretariat
):
    practice = services.practice_save(
        user=fp_senegal,
        administration=senegal,
        data=practice_data(
            body_fr='Texte <script>alert(1)</script><img src=x onerror="alert(2)"> '
            "[lien](javascript:alert(3)) **gras**"
        ),
    )
    services.practice_publish(practice=practice, reviewer=secretariat)

    stored = BestPractice.objects.get(pk=practice.pk).body_html_fr
    page = client.get(practice.get_absolute_url()).content.decode()
    main = page.split('<main id="main">')[1]
    for dangerous in ("<script", "onerror", "javascript:"):
        assert dangerous not in stored
    # The page's own scripts come from /static/ (the Content-Security-Policy allows no other).
    assert re.findall(r"<script(?![^>]*\bsrc=\"/static/)", main) == []
    assert "onerror" not in main and "javascript:" not in main
    assert "<strong>gras</strong>" in stored


@pytest.mark.django_db
def test_the_workflow_draft_submitted_returned_resubmitted_published(
    draft, fp_senegal, secretariat
):
    services.practice_submit(practice=draft, user=fp_senegal)
    with pytest.raises(DomainError):
        services.practice_return(practice=draft, reviewer=secretariat, comment=" ")
    services.practice_return(practice=draft, reviewer=secretariat, comment="Ajoutez des chiffres.")
    draft.refresh_from_db()
    assert (draft.state, draft.review_comment) == ("returned", "Ajoutez des chiffres.")

    services.practice_save(
        user=fp_senegal, practice=draft, data={"results_fr": "Délais : de 3 jours à 6 heures."}
    )
    services.practice_submit(practice=draft, user=fp_senegal)
    services.practice_publish(practice=draft, reviewer=secretariat)

    draft.refresh_from_db()
    assert draft.state == "published" and draft.published_at
    states = [r.state for r in draft.history.order_by("history_date")]
    assert states == ["draft", "submitted", "returned", "returned", "submitted", "published"]


@pytest.mark.django_db
def test_a_focal_point_cannot_submit_for_another_administration(fp_nigeria, draft):
    with pytest.raises(DomainError):
        services.practice_submit(practice=draft, user=fp_nigeria)


@pytest.mark.django_db
def test_unpublished_practices_are_seen_only_by_their_administration_and_readers(
    client, draft, fp_nigeria, fp_senegal, supervisor, expert
):
    url = draft.get_absolute_url()
    assert client.get(url).status_code == 404
    for outsider in (fp_nigeria, expert):
        client.force_login(outsider)
        assert client.get(url).status_code == 404
        assert client.get(draft.images.get().get_absolute_url()).status_code == 404
    for insider in (fp_senegal, supervisor):
        client.force_login(insider)
        assert client.get(url).status_code == 200
        response = client.get(draft.images.get().get_absolute_url())
        assert response.status_code == 200
        assert downloaded(response).startswith(b"\x89PNG")


@pytest.mark.django_db
def test_a_focal_point_of_senegal_cannot_edit_nigerias_practice_through_a_crafted_url(
    client, fp_senegal, fp_nigeria, nigeria, published
):
    theirs = services.practice_save(
        user=fp_nigeria, administration=nigeria, data=practice_data(title_fr="Pratique du Nigéria")
    )
    client.force_login(fp_senegal)

    assert client.get(f"/fr/best-practices/{theirs.slug}/edit/").status_code == 404
    response = client.post(f"/fr/best-practices/{published.slug}/edit/", {"title_fr": "Piraté"})
    assert response.status_code == 403
    assert client.post(f"/fr/best-practices/{theirs.slug}/submit/").status_code == 404
    theirs.refresh_from_db()
    assert (theirs.title_fr, theirs.state) == ("Pratique du Nigéria", "draft")


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["fp_senegal", "supervisor", "expert"])
def test_only_the_secretariat_publishes(client, request, draft, fp_senegal, who):
    services.practice_submit(practice=draft, user=fp_senegal)
    client.force_login(request.getfixturevalue(who))

    response = client.post(f"/fr/best-practices/{draft.slug}/review/", {"decision": "publish"})

    assert response.status_code in (403, 404)
    draft.refresh_from_db()
    assert draft.state == "submitted"


@pytest.mark.django_db
def test_an_image_that_is_not_an_image_is_refused_and_the_text_is_kept(client, fp_senegal):
    client.force_login(fp_senegal)
    fake = png(name="photo.png")
    fake.file.write(b"")  # keep the name, replace the content below
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("photo.png", b"%PDF-1.4 not an image", content_type="image/png")

    response = client.post(
        "/fr/best-practices/new/",
        {
            **{k: v for k, v in practice_data().items() if k != "themes"},
            "themes": [practice_data()["themes"][0].pk],
            "title_fr": "Mon titre tapé",
            "images": [fake],
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Mon titre tapé" in page
    with translation.override("fr"), pytest.raises(ValidationError) as refusal:
        validate_upload(fake, kinds=(IMAGES,), max_bytes=10**7)
    assert escape(refusal.value.messages[0]) in page
    assert not BestPractice.objects.exists()


@pytest.mark.django_db
def test_an_oversized_attachment_is_refused(fp_senegal, senegal):
    from django.core.files.uploadedfile import SimpleUploadedFile

    big = SimpleUploadedFile("annexe.pdf", b"%PDF-1.4\n" + b"0" * services.ATTACHMENT_MAX_BYTES)

    with pytest.raises(DomainError):
        services.practice_save(
            user=fp_senegal, administration=senegal, data=practice_data(), attachments=[big]
        )
    assert not BestPractice.objects.exists()


@pytest.mark.django_db
def test_a_practice_without_english_says_so_and_shows_the_french(
    client, fp_senegal, senegal, secretariat
):
    practice = services.practice_save(
        user=fp_senegal,
        administration=senegal,
        data=practice_data(title_en="", summary_en="", body_en="", results_en=""),
    )
    services.practice_publish(practice=practice, reviewer=secretariat)

    page = client.get(f"/en/best-practices/{practice.slug}/").content.decode()

    assert "has not been translated into English yet" in page
    assert "Guichet unique ORBUS" in page and "guichet unique" in page


@pytest.mark.django_db
def test_the_library_filters_and_searches_in_both_languages(
    client, published, fp_nigeria, nigeria, django_assert_max_num_queries
):
    from best_practices.views import PAGE_SIZE

    from .conftest import make_published

    for n in range(30):
        make_published(
            fp_nigeria,
            nigeria,
            f"Pratique {n}",
            theme="cybersecurity",
            images=1,
            summary_fr="Centre de sécurité.",
            summary_en="Security centre.",
            body_fr="Surveillance continue.",
            body_en="Continuous monitoring.",
        )

    with django_assert_max_num_queries(12):
        page = client.get("/fr/best-practices/").content.decode()
    assert page.count("data-practice=") == PAGE_SIZE

    def slugs(**params):
        html = client.get("/en/best-practices/", params).content.decode()
        return {part.split('"')[0] for part in html.split('data-practice="')[1:]}

    assert slugs(theme="e-clearance") == {published.slug}
    assert slugs(member="SN") == {published.slug}
    assert slugs(q="single window") == {published.slug}
    assert slugs(q="guichet") == {published.slug}
    nigerian = slugs(year="2017", member="NG")
    assert len(nigerian) == PAGE_SIZE  # the first page of 30
    assert nigerian <= {p.slug for p in nigeria.best_practices.all()}
