"""Files on S3-compatible object storage (issue 12): against a real S3 server, moto's, started in
this process on a free port. Uploads and PDFs land in the bucket, not on the disk; private files
are served only by the permission-checked views; public media get a URL."""

import io
import json
import logging
import os
import uuid
from pathlib import Path
from unittest import mock
from urllib.error import HTTPError
from urllib.request import urlopen

import pytest

try:
    from moto.server import ThreadedMotoServer
except ImportError:
    if os.environ.get("CI"):
        raise
    pytest.skip(
        "moto[server] is not installed: no S3 server to test against", allow_module_level=True
    )

import boto3
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from pypdf import PdfReader

from best_practices.models import CompendiumEdition, EditionFile
from best_practices.pdf import build_edition
from best_practices.services import edition_fill_default
from gtr_portal.core.backup import backup_create
from gtr_portal.core.pdf import portal_stored_file, private_files_base_url
from gtr_portal.core.storage import private_storage
from gtr_portal.jobs.maintenance import temporary_files_remove
from recommendations.models import Evidence, ProgressUpdate
from reports import services as reports
from tests.best_practices.conftest import make_published, png
from tests.conftest import downloaded
from tests.recommendations.conftest import PDF_BYTES, pdf_upload

ACCESS = {"access_key": "testing", "secret_key": "testing", "region_name": "us-east-1"}


@pytest.fixture(scope="session")
def s3_endpoint():
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # a line per request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


class Buckets:
    def __init__(self, endpoint: str):
        self.endpoint = endpoint
        self.public = f"gtr-public-{uuid.uuid4().hex[:8]}"
        self.private = f"gtr-private-{uuid.uuid4().hex[:8]}"
        self.client = boto3.client(
            "s3",
            endpoint_url=endpoint,
            aws_access_key_id=ACCESS["access_key"],
            aws_secret_access_key=ACCESS["secret_key"],
            region_name=ACCESS["region_name"],
        )
        for bucket in (self.public, self.private):
            self.client.create_bucket(Bucket=bucket)
        anyone_reads_media = {
            "Effect": "Allow",
            "Principal": "*",
            "Action": "s3:GetObject",
            "Resource": f"arn:aws:s3:::{self.public}/media/*",
        }
        self.client.put_bucket_policy(
            Bucket=self.public,
            Policy=json.dumps({"Version": "2012-10-17", "Statement": [anyone_reads_media]}),
        )

    def keys(self, bucket: str) -> set[str]:
        listing = self.client.list_objects_v2(Bucket=bucket)
        return {entry["Key"] for entry in listing.get("Contents", [])}

    def read(self, key: str, bucket: str | None = None) -> bytes:
        return self.client.get_object(Bucket=bucket or self.private, Key=key)["Body"].read()

    def head(self, key: str) -> dict:
        return self.client.head_object(Bucket=self.private, Key=key)


@pytest.fixture
def buckets(s3_endpoint, settings, tmp_path) -> Buckets:
    """The portal configured as base.py does when AWS_STORAGE_BUCKET_NAME is set, with a public
    and a private bucket of its own for this test (anyone may read the public one's media, as
    docs/scaling.md says). Changing STORAGES makes Django, and private_storage(), build their
    storages anew. The media folders are empty ones, to show that nothing lands there."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private-media"
    buckets = Buckets(s3_endpoint)
    common = {**ACCESS, "endpoint_url": s3_endpoint, "file_overwrite": False}
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "gtr_portal.core.object_storage.PublicS3Storage",
            "OPTIONS": {**common, "bucket_name": buckets.public, "location": "media"},
        },
        "private": {
            "BACKEND": "gtr_portal.core.object_storage.PrivateS3Storage",
            "OPTIONS": {**common, "bucket_name": buckets.private, "location": "private"},
        },
    }
    return buckets


def on_disk(settings) -> list[Path]:
    roots = (Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT))
    return [path for root in roots if root.exists() for path in root.rglob("*") if path.is_file()]


@pytest.mark.django_db
def test_evidence_lands_in_the_bucket_and_only_permitted_users_download_it(
    buckets, client, settings, interconnection, fp_senegal, fp_nigeria
):
    client.force_login(fp_senegal)
    response = client.post(
        f"/fr/recommendations/{interconnection.reference}/updates/new/",
        {
            "as_of": "2026-11-01",
            "narrative": "Travaux de connexion terminés à 60 %.",
            "progress": "60",
            "proposed_status": "in_progress",
            "evidence": [pdf_upload()],
        },
    )
    assert response.status_code == 302
    evidence = Evidence.objects.get(update=ProgressUpdate.objects.get())

    assert evidence.file.name.startswith("evidence/")
    assert buckets.keys(buckets.private) == {f"private/{evidence.file.name}"}
    assert buckets.read(f"private/{evidence.file.name}") == PDF_BYTES
    assert buckets.keys(buckets.public) == set()
    assert on_disk(settings) == []

    download = client.get(f"/fr/recommendations/evidence/{evidence.pk}/")
    assert download.status_code == 200
    assert downloaded(download) == PDF_BYTES
    assert "no-store" in download["Cache-Control"]

    client.force_login(fp_nigeria)  # another member's focal point
    assert client.get(f"/fr/recommendations/evidence/{evidence.pk}/").status_code == 404
    client.logout()
    assert client.get(f"/fr/recommendations/evidence/{evidence.pk}/").status_code == 302


@pytest.fixture
def edition(db, fp_senegal, senegal) -> CompendiumEdition:
    make_published(fp_senegal, senegal, "Guichet unique ORBUS", images=1)
    edition = CompendiumEdition.objects.create(
        slug="recueil-s3",
        title_fr="Recueil des meilleures pratiques",
        title_en="Compendium of best practices",
        period_start=2026,
        period_end=2026,
        foreword_fr="Avant-propos.",
        foreword_en="Foreword.",
    )
    assert edition_fill_default(edition=edition) == 1
    return edition


def test_a_compendium_is_built_into_the_bucket_with_its_images_and_kept_while_unchanged(
    buckets, edition, settings
):
    image = edition.entries.get().practice.images.get().image
    assert f"private/{image.name}" in buckets.keys(buckets.private)
    told = []

    first = build_edition(edition=edition, progress=told.append)

    assert told == [50, 100]
    assert not first["fr"]["reused"] and not first["en"]["reused"]
    key = "private/compendium/recueil-s3-fr.pdf"
    assert {key, "private/compendium/recueil-s3-en.pdf"} <= buckets.keys(buckets.private)
    assert on_disk(settings) == []
    pdf = PdfReader(io.BytesIO(buckets.read(key)))
    assert pdf.metadata.title == "Recueil des meilleures pratiques"
    assert len(pdf.pages) == EditionFile.objects.get(edition=edition, language="fr").pages
    # The practice's photo came from the bucket into the PDF (a missing one is left out).
    assert any(page.images for page in pdf.pages)
    etag = buckets.head(key)["ETag"]

    again = build_edition(edition=edition)

    assert again["fr"]["reused"] and again["en"]["reused"]
    assert buckets.head(key)["ETag"] == etag


def test_a_report_is_built_into_the_bucket_and_kept_while_unchanged(
    buckets, secretariat, interconnection
):
    report = reports.report_save(
        user=secretariat,
        kind="meeting",
        data={
            "title_fr": "Rapport de la 5e réunion",
            "title_en": "Report of the 5th meeting",
            "meeting": interconnection.meeting,
        },
    )

    first = reports.report_build(report=report)
    again = reports.report_build(report=report)

    assert not first["fr"]["reused"] and again["fr"]["reused"] and again["en"]["reused"]
    key = f"private/reports/report-{report.pk}-fr.pdf"
    assert key in buckets.keys(buckets.private)
    assert report.files.get(language="fr").file.name == f"reports/report-{report.pk}-fr.pdf"

    report.summary_fr = "Débats riches."
    report.save()
    assert not reports.report_build(report=report)["fr"]["reused"]


def test_a_failed_build_leaves_the_earlier_pdf_in_the_bucket(buckets, edition):
    build_edition(edition=edition)
    key = "private/compendium/recueil-s3-fr.pdf"
    before = buckets.read(key)
    row = EditionFile.objects.get(edition=edition, language="fr")
    edition.foreword_fr = "Nouvel avant-propos."
    edition.save()

    def half_written(self, target=None, **options):
        target.write(b"%PDF-1.7 half a document")
        raise OSError("disk full")

    failing = mock.patch("weasyprint.document.Document.write_pdf", half_written)
    with failing, pytest.raises(OSError, match="disk full"):
        build_edition(edition=edition)

    assert buckets.read(key) == before
    after = EditionFile.objects.get(edition=edition, language="fr")
    assert (after.content_hash, after.built_at) == (row.content_hash, row.built_at)


def test_public_media_get_a_url_and_private_files_none(buckets):
    logo = png("senegal.png").read()
    name = default_storage.save("members/logos/senegal.png", ContentFile(logo))

    url = default_storage.url(name)

    assert url.startswith(f"{buckets.endpoint}/{buckets.public}/media/members/logos/senegal")
    assert "Signature" not in url and "X-Amz" not in url  # plain, cacheable
    with urlopen(url) as response:  # noqa: S310 (the test's own server)
        assert response.read() == logo
    private_name = private_storage().save("evidence/secret.pdf", ContentFile(PDF_BYTES))
    assert buckets.read(f"private/{private_name}") == PDF_BYTES
    with pytest.raises(ValueError):
        private_storage().url(private_name)
    guessed = f"{buckets.endpoint}/{buckets.private}/private/{private_name}"
    with pytest.raises(HTTPError) as refused:
        urlopen(guessed)  # noqa: S310
    refused.value.close()
    assert refused.value.code == 403


def test_print_templates_read_media_through_the_storage_and_nothing_around_it(buckets):
    name = private_storage().save("practices/images/photo.png", ContentFile(png().read()))
    base = private_files_base_url()

    assert portal_stored_file(base + name) == (private_storage(), name)
    assert portal_stored_file(base + "practices/images/missing.png") is None
    assert portal_stored_file(base + "practices/images/../../../etc/passwd.png") is None
    private_storage().save("evidence/report.pdf", ContentFile(PDF_BYTES))
    assert portal_stored_file(base + "evidence/report.pdf") is None  # not printable


@pytest.mark.django_db(transaction=True)
def test_a_backup_says_that_the_files_in_the_bucket_are_not_in_it(buckets, settings, tmp_path):
    settings.BACKUP_DIR = tmp_path / "backups"
    said = []

    backup_create(log=said.append)

    assert any(
        line.startswith("PRIVATE_MEDIA_ROOT")
        and f"s3://{buckets.private}/private" in line
        and "NOT in this archive" in line
        for line in said
    ), said
    assert any(line.startswith("MEDIA_ROOT") and "NOT in this archive" in line for line in said)


def test_the_hourly_cleanup_leaves_the_bucket_alone(buckets):
    private_storage().save("compendium/old.pdf.host-1.abc.part", ContentFile(b"%PDF"))

    assert temporary_files_remove(older_than_seconds=0) == 0
