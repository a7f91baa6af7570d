"""Hostile input: oversized requests, a full disk, files built to hurt, template syntax in
content, and print templates that reach for files or addresses that are not the portal's."""

import errno
import io
import random
import socket
import struct
import threading
import time
import zipfile
import zlib
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.db import connection
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from pypdf import PdfReader, PdfWriter

from best_practices.models import BestPractice, CompendiumEdition, EditionFile, PracticeImage
from gtr_portal.core import request_limits
from gtr_portal.core.errors import DomainError
from gtr_portal.core.images import ImageTooLarge, image_rendition
from gtr_portal.core.pdf import portal_file, render_pdf
from gtr_portal.core.typography import french_typography
from gtr_portal.core.uploads import DOCUMENTS, IMAGES, MB, STORAGE_FAILED, validate_upload
from members.models import Actor
from recommendations import services as recommendation_services
from recommendations.models import Evidence, MeetingDocument, ProgressUpdate
from tests.best_practices.conftest import make_published, png, practice_data
from tests.factories import FocalPointFactory, make_recommendation
from tests.recommendations.conftest import PDF_BYTES, pdf_upload

LANGUAGES = ["fr", "en"]


def in_language(language: str, message) -> str:
    with translation.override(language):
        return str(message)


def shown(language: str, message: str) -> str:
    """`message` as a page shows it: escaped, and with French typography on a French page."""
    return french_typography(escape(message)) if language == "fr" else escape(message)


def update_form(**overrides) -> dict:
    return {
        "as_of": "2026-11-01",
        "narrative": "Mon compte rendu tapé à la main, long et précieux.",
        "progress": "60",
        "proposed_status": "in_progress",
        **overrides,
    }


def new_update_url(recommendation, language: str = "fr") -> str:
    return f"/{language}/recommendations/{recommendation.reference}/updates/new/"


# --- A request too large ----------------------------------------------------------------------


class BodyNobodyMayRead(io.RawIOBase):
    """A WSGI input that fails the test if anything reads it."""

    touched = False

    def read(self, *args):
        BodyNobodyMayRead.touched = True
        raise AssertionError("the request body was read")

    readline = read


@pytest.fixture
def untouched_body():
    BodyNobodyMayRead.touched = False
    return BodyNobodyMayRead()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "title"),
    [("fr", "Ce que vous avez envoyé est trop volumineux"), ("en", "What you sent is too large")],
)
def test_a_60_mb_post_is_refused_with_413_in_its_language_before_its_body_is_read(
    client, interconnection, fp_senegal, untouched_body, language, title
):
    client.force_login(fp_senegal)

    response = client.generic(
        "POST",
        new_update_url(interconnection, language),
        CONTENT_TYPE="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(60 * MB),
        **{"wsgi.input": untouched_body},
    )

    page = response.content.decode()
    assert response.status_code == 413
    assert f'<html lang="{language}">' in page
    assert title in page
    with translation.override(language):
        assert filesizeformat(django_settings.REQUEST_MAX_BYTES) in page  # "50,0 Mio", "50.0 MB"
    assert f'href="/{language}/"' in page  # back to the home page in the same language
    assert not BodyNobodyMayRead.touched
    assert not ProgressUpdate.objects.exists()


@pytest.mark.django_db
def test_a_body_sent_without_a_length_is_never_read(
    client, interconnection, fp_senegal, untouched_body
):
    """Chunked: no Content-Length. Django reads nothing of such a body, so nothing of it can be
    buffered or written; the form simply arrives empty."""
    client.force_login(fp_senegal)

    response = client.generic(
        "POST",
        new_update_url(interconnection),
        CONTENT_TYPE="multipart/form-data; boundary=xyz",
        HTTP_TRANSFER_ENCODING="chunked",
        **{"wsgi.input": untouched_body},
    )

    assert response.status_code == 200  # the form again, with "this field is required"
    assert not BodyNobodyMayRead.touched
    assert not ProgressUpdate.objects.exists()


@pytest.mark.django_db
def test_files_that_pass_the_limit_while_read_are_stopped_and_nothing_past_it_is_kept(
    client, interconnection, fp_senegal, settings, monkeypatch, tmp_path
):
    """Where the announced length did not show it (the middleware saw nothing to refuse), the
    upload handler stops the body at the limit: the later handlers, which buffer and write the
    files, never receive a byte past it, the temporary files are removed, the answer is 413."""
    settings.REQUEST_MAX_BYTES = 1 * MB
    settings.FILE_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024  # larger files go to temporary files
    settings.FILE_UPLOAD_TEMP_DIR = str(tmp_path)
    monkeypatch.setattr(request_limits, "announced_length", lambda request: 0)
    written = []
    original = TemporaryFileUploadHandler.receive_data_chunk

    def counting(self, raw_data, start):
        written.append(len(raw_data))
        return original(self, raw_data, start)

    monkeypatch.setattr(TemporaryFileUploadHandler, "receive_data_chunk", counting)
    client.force_login(fp_senegal)
    big = SimpleUploadedFile("gros.pdf", b"%PDF-1.4\n" + b"0" * (3 * MB))

    response = client.post(new_update_url(interconnection), {**update_form(), "evidence": [big]})

    assert response.status_code == 413
    assert 0 < sum(written) <= settings.REQUEST_MAX_BYTES
    assert not list(tmp_path.iterdir())
    assert not ProgressUpdate.objects.exists()


@pytest.mark.django_db
def test_fields_that_are_not_files_stay_bounded_by_data_upload_max_memory_size(
    client, interconnection, fp_senegal
):
    client.force_login(fp_senegal)
    narrative = "x" * (django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)

    response = client.post(
        new_update_url(interconnection),
        {**update_form(narrative=narrative), "evidence": [pdf_upload()]},
    )

    assert response.status_code == 400
    assert not ProgressUpdate.objects.exists()


# --- The quota of evidence awaiting review ----------------------------------------------------


def submit(recommendation, user, files):
    return recommendation_services.update_submit(
        recommendation=recommendation,
        user=user,
        as_of=date(2026, 11, 1),
        narrative="Point d'étape.",
        progress=60,
        proposed_status="in_progress",
        files=files,
    )


QUOTA_MESSAGE = (
    "Evidence awaiting review for %(actor)s already takes %(used)s of the %(limit)s "
    "allowed, and these files add %(adding)s. Wait until the secretariat has "
    "reviewed your pending updates, or remove files from them, then send again."
)


@pytest.fixture
def quota_of_two_files(settings):
    """Room for two of the test PDFs awaiting review, not three."""
    settings.PENDING_EVIDENCE_QUOTA_BYTES = 2 * len(PDF_BYTES) + len(PDF_BYTES) // 2
    return settings.PENDING_EVIDENCE_QUOTA_BYTES


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_evidence_awaiting_review_cannot_pass_the_quota_and_the_typed_text_is_kept(
    client, interconnection, fp_senegal, quota_of_two_files, language
):
    submit(interconnection, fp_senegal, [pdf_upload("a.pdf"), pdf_upload("b.pdf")])
    client.force_login(fp_senegal)

    response = client.post(
        new_update_url(interconnection, language),
        {**update_form(), "evidence": [pdf_upload("c.pdf")]},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Mon compte rendu tapé à la main, long et précieux." in page
    with translation.override(language):
        message = translation.gettext(QUOTA_MESSAGE) % {
            "actor": Actor.objects.get(member__iso2="SN"),
            "used": filesizeformat(2 * len(PDF_BYTES)),
            "limit": filesizeformat(quota_of_two_files),
            "adding": filesizeformat(len(PDF_BYTES)),
        }
    assert shown(language, message) in page
    if language == "fr":
        assert "Attendez que le secrétariat" in message
    assert ProgressUpdate.objects.count() == 1


@pytest.mark.django_db
def test_the_quota_counts_only_what_awaits_review_and_only_for_its_administration(
    interconnection, fp_senegal, fp_nigeria, secretariat, quota_of_two_files
):
    first = submit(interconnection, fp_senegal, [pdf_upload("a.pdf"), pdf_upload("b.pdf")])
    with pytest.raises(DomainError) as refusal:
        submit(interconnection, fp_senegal, [pdf_upload("c.pdf")])
    assert refusal.value.field == "evidence"

    submit(interconnection, fp_nigeria, [pdf_upload("ng.pdf")])  # another administration
    submit(interconnection, fp_senegal, [])  # an update without files adds nothing
    recommendation_services.update_accept(update=first, reviewer=secretariat)
    submit(interconnection, fp_senegal, [pdf_upload("c.pdf")])  # reviewed files no longer count

    assert ProgressUpdate.objects.filter(actor__member__iso2="SN").count() == 3


@pytest.mark.django_db
def test_removing_files_from_a_pending_update_makes_room_for_new_ones(
    interconnection, fp_senegal, quota_of_two_files
):
    update = submit(interconnection, fp_senegal, [pdf_upload("a.pdf"), pdf_upload("b.pdf")])
    old = update.evidence.get(original_name="a.pdf")

    recommendation_services.update_resubmit(
        update=update,
        user=fp_senegal,
        as_of=date(2026, 11, 2),
        narrative="Corrigé.",
        progress=60,
        proposed_status="in_progress",
        files=[pdf_upload("c.pdf")],
        remove_evidence=[old.pk],
    )

    assert sorted(update.evidence.values_list("original_name", flat=True)) == ["b.pdf", "c.pdf"]


@pytest.mark.django_db(transaction=True)
def test_two_submissions_at_once_cannot_both_slip_past_the_quota(reference_data, settings):
    """The second submission waits for the first one's lock, then counts its files."""
    if not connection.features.has_select_for_update:
        pytest.skip("SQLite serialises writing transactions; the race is run on PostgreSQL (CI)")
    from django.db import connections

    from recommendations.services import followup

    settings.PENDING_EVIDENCE_QUOTA_BYTES = len(PDF_BYTES) + len(PDF_BYTES) // 2
    recommendation = make_recommendation(lead=("SN",))
    users = [FocalPointFactory(iso2="SN").user for _ in range(2)]
    first_is_storing = threading.Event()
    original_attach = followup._attach

    def slow_attach(update, checked, stored):
        if threading.current_thread().name == "first":
            first_is_storing.set()
            time.sleep(1)  # the second submission arrives meanwhile
        return original_attach(update, checked, stored)

    outcomes = {}

    def run(user, name):
        if name == "second":
            first_is_storing.wait(10)
        try:
            submit(recommendation, user, [pdf_upload(f"{name}.pdf")])
            outcomes[name] = "saved"
        except DomainError:
            outcomes[name] = "refused"
        finally:
            connections.close_all()

    followup._attach = slow_attach
    try:
        threads = [
            threading.Thread(target=run, args=(user, name), name=name)
            for user, name in zip(users, ["first", "second"], strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(30)
    finally:
        followup._attach = original_attach

    assert outcomes == {"first": "saved", "second": "refused"}
    assert Evidence.objects.count() == 1


# --- A disk that cannot take the file ---------------------------------------------------------


@pytest.fixture
def full_disk(monkeypatch):
    """Every file storage fails as a full disk does; the names it was asked to write are kept."""
    asked = []

    def refuse(self, name, content):
        asked.append(name)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(FileSystemStorage, "_save", refuse)
    return asked


def storage_failed(language: str) -> str:
    return shown(language, in_language(language, STORAGE_FAILED))


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_progress_update_that_cannot_store_its_evidence_keeps_the_typed_text(
    client, interconnection, fp_senegal, full_disk, language
):
    client.force_login(fp_senegal)

    response = client.post(
        new_update_url(interconnection, language),
        {**update_form(), "evidence": [pdf_upload()]},
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert full_disk, "the storage was asked"
    assert storage_failed(language) in page
    assert "Mon compte rendu tapé à la main, long et précieux." in page
    assert not ProgressUpdate.objects.exists() and not Evidence.objects.exists()
    if language == "fr":
        assert "rien n&#x27;a été enregistré" in page  # the pending translation is used


@pytest.mark.django_db
def test_files_already_stored_are_removed_when_a_later_one_fails(
    interconnection, fp_senegal, monkeypatch
):
    original = FileSystemStorage._save
    stored = []

    def second_fails(self, name, content):
        if stored:
            raise OSError(errno.EACCES, "Permission denied")
        stored.append((self, original(self, name, content)))
        return stored[-1][1]

    monkeypatch.setattr(FileSystemStorage, "_save", second_fails)

    with pytest.raises(DomainError):
        submit(interconnection, fp_senegal, [pdf_upload("a.pdf"), pdf_upload("b.pdf")])

    storage, name = stored[0]
    assert not storage.exists(name)
    assert not ProgressUpdate.objects.exists()


@pytest.mark.django_db
def test_a_failed_resubmission_keeps_the_files_it_was_removing(
    client, interconnection, fp_senegal, monkeypatch, django_capture_on_commit_callbacks
):
    update = submit(interconnection, fp_senegal, [pdf_upload("a.pdf")])
    kept = update.evidence.get()
    client.force_login(fp_senegal)

    def read_only(self, name, content):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(FileSystemStorage, "_save", read_only)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/fr/recommendations/updates/{update.pk}/edit/",
            {**update_form(), "remove_evidence": [str(kept.pk)], "evidence": [pdf_upload("b.pdf")]},
        )

    assert response.status_code == 200
    assert storage_failed("fr") in response.content.decode()
    assert update.evidence.get() == kept
    assert kept.file.storage.exists(kept.file.name)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_best_practice_that_cannot_store_its_image_keeps_the_typed_text(
    client, fp_senegal, full_disk, language
):
    client.force_login(fp_senegal)

    response = client.post(
        f"/{language}/best-practices/new/",
        {
            **{k: v for k, v in practice_data().items() if k != "themes"},
            "themes": [practice_data()["themes"][0].pk],
            "title_fr": "Mon titre tapé",
            "title_en": "My typed title",
            "images": [png()],
            "attachments": [pdf_upload("annexe.pdf")],
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert storage_failed(language) in page
    assert "Mon titre tapé" in page and "My typed title" in page
    assert not BestPractice.objects.exists() and not PracticeImage.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_a_meeting_document_that_cannot_be_stored_keeps_the_typed_title(
    client, secretariat, meeting, full_disk, language
):
    client.force_login(secretariat)

    response = client.post(
        f"/{language}" + reverse("recommendations:meeting-document-add", args=[meeting.slug])[3:],
        {
            "document-kind": "agenda",
            "document-language": "fr",
            "document-visibility": "members",
            "document-title_fr": "Ordre du jour tapé",
            "document-file": pdf_upload("odj.pdf"),
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert storage_failed(language) in page
    assert "Ordre du jour tapé" in page
    assert not MeetingDocument.objects.exists()


# --- Files built to hurt ----------------------------------------------------------------------


def refusal(upload, kinds=DOCUMENTS, language="en") -> tuple[str, list[str]]:
    """The code and the messages, in `language`, of the refusal of `upload`."""
    with translation.override(language):
        with pytest.raises(ValidationError) as error:
            validate_upload(upload, kinds=kinds, max_bytes=20 * MB)
        return error.value.code, error.value.messages


def test_a_web_page_that_starts_like_a_pdf_is_refused():
    page = b"%PDF-1.7\n<html><body><script>alert(document.cookie)</script></body></html>\n"

    code, messages = refusal(SimpleUploadedFile("rapport.pdf", page))

    assert (code, messages) == (
        "file_type",
        ["“rapport.pdf” is damaged or is not really a PDF document."],
    )


def test_a_pdf_without_a_page_is_refused_and_a_real_one_passes():
    writer = PdfWriter()
    empty = io.BytesIO()
    writer.write(empty)

    assert refusal(SimpleUploadedFile("vide.pdf", empty.getvalue()))[0] == "file_type"
    assert validate_upload(pdf_upload(), kinds=DOCUMENTS, max_bytes=MB) == "application/pdf"


def test_a_pdf_locked_by_a_password_is_refused_with_its_own_message():
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    locked = io.BytesIO()
    writer.write(locked)

    code, messages = refusal(SimpleUploadedFile("verrou.pdf", locked.getvalue()), language="fr")

    assert code == "file_protected"
    assert messages == [
        "«\u202fverrou.pdf\u202f» est protégé par un mot de passe. "
        "Envoyez-en une copie sans mot de passe."
    ]


def office_file(name: str, members: dict[str, bytes], *, many: int = 0) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        for member, content in members.items():
            archive.writestr(member, content)
        for index in range(many):
            archive.writestr(f"word/media/part{index}.xml", "")
    return SimpleUploadedFile(name, buffer.getvalue())


def test_a_real_office_document_passes():
    document = office_file("note.docx", {"word/document.xml": b"<w:document/>" * 1000})

    assert validate_upload(document, kinds=DOCUMENTS, max_bytes=MB).endswith("document")


@pytest.mark.parametrize(
    "bomb",
    [
        # 40 MB of zeros in a few dozen kilobytes: an absurd ratio
        lambda: office_file("bombe.docx", {"word/document.xml": bytes(40 * MB)}),
        # the same in an OpenDocument text, which the type sniffer recognises on its own
        lambda: office_file(
            "bombe.odt",
            {"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": bytes(40 * MB)},
        ),
        # more parts than any real document has
        lambda: office_file("parts.xlsx", {"xl/workbook.xml": b"<workbook/>"}, many=5001),
    ],
    ids=["ratio", "opendocument", "members"],
)
def test_an_office_zip_bomb_is_refused_without_being_extracted(bomb, monkeypatch):
    upload = bomb()
    monkeypatch.setattr(
        zipfile.ZipFile, "open", lambda *a, **k: pytest.fail("the archive was extracted")
    )

    code, messages = refusal(upload, language="fr")

    assert code == "archive_too_large"
    assert "une fois ouvert" in messages[0]


def test_an_office_document_that_would_inflate_past_the_limit_is_refused(monkeypatch):
    from gtr_portal.core import uploads

    monkeypatch.setattr(uploads, "OFFICE_MAX_UNCOMPRESSED_BYTES", 1 * MB)
    noise = random.Random(0).randbytes(MB + MB // 2)  # does not compress: no absurd ratio

    assert refusal(office_file("gros.docx", {"word/document.xml": noise}))[0] == "archive_too_large"


def pixel_flood(width: int, height: int) -> bytes:
    """A PNG that announces width × height pixels in a few hundred bytes: nothing may decode it."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1 bit per pixel, grey
    rows = zlib.compress(b"\0" * (1 + (width + 7) // 8) * 4)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


@pytest.fixture
def nothing_decodes(monkeypatch):
    from PIL import ImageFile

    monkeypatch.setattr(
        ImageFile.ImageFile, "load", lambda self: pytest.fail("the image was decoded")
    )


@pytest.mark.parametrize(("width", "height"), [(30000, 30000), (12000, 9000), (8000, 7000)])
def test_an_image_of_enormous_pixel_size_is_refused_before_any_decoding(
    width, height, nothing_decodes
):
    flood = SimpleUploadedFile("photo.png", pixel_flood(width, height))
    assert flood.size < 2000

    code, messages = refusal(flood, kinds=(IMAGES,), language="fr")

    assert code == "image_too_large"
    assert messages == [
        "«\u202fphoto.png\u202f» compte trop de pixels\u202f: la limite est de 50 millions. "
        "Réduisez l'image et envoyez-la de nouveau."
    ]


@pytest.mark.django_db
def test_renditions_never_decode_an_enormous_image_stored_before_the_check(
    client, fp_senegal, senegal, nothing_decodes
):
    practice = make_published(fp_senegal, senegal, "Pratique", images=0)
    image = PracticeImage(practice=practice, width=1, height=1, order=0)
    image.image.save("flood.png", SimpleUploadedFile("flood.png", pixel_flood(30000, 30000)))

    with pytest.raises(ImageTooLarge):
        image_rendition(image.image, "card")
    response = client.get(
        reverse("best_practices:practice-image", args=[image.pk]), {"size": "card"}
    )

    assert response.status_code == 404


# --- Template syntax in content ---------------------------------------------------------------

TEMPLATE_SYNTAX = "{{ settings.SECRET_KEY }} {% debug %}"


@pytest.mark.django_db
def test_template_syntax_in_a_practice_is_shown_literally_on_its_page_and_in_the_compendium(
    client, fp_senegal, senegal, secretariat
):
    from best_practices import services
    from gtr_portal.jobs.services import job_run

    practice = make_published(
        fp_senegal,
        senegal,
        TEMPLATE_SYNTAX,
        title_en=TEMPLATE_SYNTAX,
        body_fr=f"Texte {TEMPLATE_SYNTAX}",
        body_en=f"Text {TEMPLATE_SYNTAX}",
    )
    page = client.get(practice.get_absolute_url()).content.decode()
    edition = CompendiumEdition.objects.create(
        slug="recueil-hostile",
        title_fr="Recueil",
        title_en="Compendium",
        period_start=2000,
        period_end=2100,
    )
    services.edition_fill_default(edition=edition)
    job = services.compendium_build_request(edition=edition, user=secretariat)
    job_run(job_id=job.pk)
    job.refresh_from_db()

    assert job.status == "done", job.error
    secret = django_settings.SECRET_KEY
    assert TEMPLATE_SYNTAX in page and secret not in page
    for language in LANGUAGES:
        pdf = PdfReader(EditionFile.objects.get(edition=edition, language=language).file.path)
        text = " ".join(p.extract_text() for p in pdf.pages)
        text = " ".join(text.replace("\u202f", " ").replace("\xa0", " ").split())
        assert "{{ settings.SECRET_KEY }}" in text and "{% debug %}" in text
        assert secret not in text


# --- What a PDF may load ----------------------------------------------------------------------

TINY_PNG = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQ"
    "AAAABJRU5ErkJggg=="
)


@pytest.fixture
def portal_files(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.STATIC_ROOT = tmp_path / "static"
    for root in (settings.PRIVATE_MEDIA_ROOT, settings.MEDIA_ROOT, settings.STATIC_ROOT):
        root.mkdir()
    logo = io.BytesIO()
    from PIL import Image

    Image.new("RGB", (20, 10), "navy").save(logo, "PNG")
    (settings.PRIVATE_MEDIA_ROOT / "logo.png").write_bytes(logo.getvalue())
    (settings.PRIVATE_MEDIA_ROOT / "passwd.png").symlink_to("/etc/passwd")
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def no_network(monkeypatch):
    attempts = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise AssertionError("the network was used")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return attempts


def test_a_print_template_loads_only_the_portals_own_files(portal_files, no_network, tmp_path):
    html = f"""<html><head>
      <link rel="stylesheet" href="file:///etc/passwd">
      <link rel="attachment" href="file:///etc/passwd">
      <style>@import url("http://169.254.169.254/latest/meta-data/");</style>
    </head><body>
      <p>Rapport</p>
      <img src="file:///etc/passwd">
      <img src="http://169.254.169.254/latest/meta-data/iam/security-credentials/">
      <img src="https://example.org/tracker.png">
      <img src="../../../../../../../../etc/passwd">
      <img src="passwd.png">
      <img src="logo.png">
      <img src="data:image/png;base64,{TINY_PNG}">
    </body></html>"""
    target = tmp_path / "out" / "rapport.pdf"

    pages = render_pdf(html=html, base_url=portal_files.as_uri() + "/", target=target)

    assert pages == 1
    assert not no_network
    reader = PdfReader(target)
    images = [
        xobject
        for xobject in reader.pages[0]["/Resources"]["/XObject"].values()
        if xobject.get_object()["/Subtype"] == "/Image"
    ]
    assert len(images) == 2  # the portal's logo and the data: URL
    assert not reader.attachments
    assert b"root:" not in target.read_bytes()


def test_the_fetcher_finds_static_and_media_files_and_nothing_around_them(portal_files, settings):
    stylesheet = Path(settings.STATICFILES_DIRS[0]) / "css" / "portal.css"

    assert portal_file("file:///static/css/portal.css") == stylesheet.resolve()
    logo = portal_files / "logo.png"
    assert portal_file(logo.as_uri()) == logo.resolve()
    for url in (
        "file:///static/../../../../etc/passwd",
        "file:///static/css/../../../../../etc/hostname",
        (portal_files / "passwd.png").as_uri(),  # a link that leads out
        (portal_files / ".." / ".." / "etc" / "passwd").as_uri(),
        "file://attacker.example/share/logo.png",
        "http://127.0.0.1:8000/static/css/portal.css",
    ):
        assert portal_file(url) is None, url
