"""Fill the French and English columns that 0003 added, from members/data/.

A text still equal to the reference data gets both languages from the data files. A text that
someone changed since (a focal point editing its profile, the secretariat in the admin) is kept,
as the French one: French is the portal's default language, and we cannot tell which language it
was written in; the translation status page then lists it as missing its English version.
"""

import csv
from datetime import date
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"


def _rows(name: str):
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _pair(stored: str | None, *, fr: str, en: str) -> tuple[str, str]:
    stored = stored or ""
    if stored in ("", en, fr):
        return fr, en
    return stored, ""


def fill(apps, schema_editor):
    Member = apps.get_model("members", "MemberAdministration")
    Body = apps.get_model("members", "Body")
    Interconnection = apps.get_model("members", "Interconnection")
    FocalPoint = apps.get_model("members", "FocalPoint")

    reference = {row["iso2"]: row for row in _rows("members.csv")}
    for row in reference.values():
        member = Member.objects.filter(iso2=row["iso2"]).first()
        if member is None:
            continue
        fr, en = _pair(
            member.clearance_system, fr=row["clearance_system_fr"], en=row["clearance_system_en"]
        )
        member.clearance_system, member.clearance_system_fr, member.clearance_system_en = fr, fr, en
        member.save(update_fields=["clearance_system", "clearance_system_fr", "clearance_system_en"])

    # Past versions too, so that the next edit of a profile is not reported as a change of its
    # clearance system (from nothing to the text it already had).
    History = apps.get_model("members", "HistoricalMemberAdministration")
    for record in History.objects.filter(clearance_system_fr__isnull=True):
        row = reference.get(record.iso2)
        if row is None:
            fr, en = record.clearance_system or "", ""
        else:
            fr, en = _pair(
                record.clearance_system,
                fr=row["clearance_system_fr"],
                en=row["clearance_system_en"],
            )
        record.clearance_system_fr, record.clearance_system_en = fr, en
        record.save(update_fields=["clearance_system_fr", "clearance_system_en"])

    for row in _rows("bodies.csv"):
        body = Body.objects.filter(code=row["code"]).first()
        if body is None or body.description_fr:
            continue
        fr, en = _pair(body.description_en, fr=row["notes_fr"], en=row["notes_en"])
        body.description, body.description_fr, body.description_en = fr, fr, en
        body.save(update_fields=["description", "description_fr", "description_en"])

    for row in _rows("interconnections.csv"):
        since = date.fromisoformat(row["since"])
        for link in Interconnection.objects.filter(system=row["system_en"], since=since):
            link.system, link.system_fr, link.system_en = row["system_fr"], row["system_fr"], row[
                "system_en"
            ]
            if not link.notes_fr:
                fr, en = _pair(link.notes_en or link.notes, fr=row["notes_fr"], en=row["notes_en"])
                link.notes, link.notes_fr, link.notes_en = fr, fr, en
            link.save()

    # Interconnections and job titles added by hand: their text becomes the French one.
    for link in Interconnection.objects.filter(system_fr__isnull=True):
        link.system_fr = link.system
        link.save(update_fields=["system_fr"])
    for focal_point in FocalPoint.objects.exclude(job_title="").filter(job_title_fr__isnull=True):
        focal_point.job_title_fr = focal_point.job_title
        focal_point.save(update_fields=["job_title_fr"])


class Migration(migrations.Migration):
    dependencies = [("members", "0003_bilingual_reference_data")]
    operations = [migrations.RunPython(fill, migrations.RunPython.noop)]
