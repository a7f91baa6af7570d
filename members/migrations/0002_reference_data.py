"""The region's 24 member administrations, the bodies that can be actors, and known
interconnections, copied from the design reference data into members/data/."""

import csv
from datetime import date
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"
WEBSITES = {
    "CI": "https://www.douanes.ci",
    "SN": "https://www.douanes.sn",
    "NG": "https://customs.gov.ng",
    "GH": "https://gra.gov.gh",
    "BJ": "https://douanes.bj",
    "BF": "https://www.douanes.bf",
    "CM": "https://www.douanes.cm",
    "TG": "https://www.otr.tg",
}


def _rows(name: str):
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def load(apps, schema_editor):
    Member = apps.get_model("members", "MemberAdministration")
    Body = apps.get_model("members", "Body")
    Actor = apps.get_model("members", "Actor")
    Interconnection = apps.get_model("members", "Interconnection")

    for row in _rows("members.csv"):
        member, _ = Member.objects.update_or_create(
            iso2=row["iso2"],
            defaults={
                "iso3": row["iso3"],
                "name": row["name_fr"],
                "name_fr": row["name_fr"],
                "name_en": row["name_en"],
                "administration_name": row["administration_name"],
                "acronym": row["acronym"],
                "languages": row["languages"],
                "clearance_system": row["clearance_system"],
                "single_window": row["single_window"],
                "website": WEBSITES.get(row["iso2"], ""),
            },
        )
        Actor.objects.get_or_create(member=member)

    for row in _rows("bodies.csv"):
        body, _ = Body.objects.update_or_create(
            code=row["code"],
            defaults={
                "kind": row["kind"],
                "name": row["name_fr"],
                "name_fr": row["name_fr"],
                "name_en": row["name_en"],
                "description_en": row["notes"],
            },
        )
        Actor.objects.get_or_create(body=body)

    members = {m.iso2: m for m in Member.objects.all()}
    for row in _rows("interconnections.csv"):
        link, _ = Interconnection.objects.get_or_create(
            system=row["system"],
            since=date.fromisoformat(row["since"]),
            defaults={"status": row["status"], "notes": row["notes"], "notes_en": row["notes"]},
        )
        link.members.set([members[code] for code in row["members"].split(";")])


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
