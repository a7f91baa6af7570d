"""The region's 24 member administrations, the bodies that can be actors, and known
interconnections, copied from the design reference data into members/data/.

When this migration ran first, the clearance systems, body notes and interconnections had only
an English column; 0004 filled in the French ones. `load` is also called by the tests with the
current models: then it fills both languages at once.
"""

import csv
from datetime import date
from pathlib import Path

from django.core.exceptions import FieldDoesNotExist
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


def _has(model, name: str) -> bool:
    try:
        model._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return True


def load(apps, schema_editor):
    Member = apps.get_model("members", "MemberAdministration")
    Body = apps.get_model("members", "Body")
    Actor = apps.get_model("members", "Actor")
    Interconnection = apps.get_model("members", "Interconnection")
    bilingual = _has(Member, "clearance_system_fr")

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
                "clearance_system": row["clearance_system_en"],
                "single_window": row["single_window"],
                "website": WEBSITES.get(row["iso2"], ""),
            }
            | (
                {
                    "clearance_system": row["clearance_system_fr"],
                    "clearance_system_fr": row["clearance_system_fr"],
                    "clearance_system_en": row["clearance_system_en"],
                }
                if bilingual
                else {}
            ),
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
                "description_en": row["notes_en"],
            }
            | ({"description_fr": row["notes_fr"]} if bilingual else {}),
        )
        Actor.objects.get_or_create(body=body)

    members = {m.iso2: m for m in Member.objects.all()}
    for row in _rows("interconnections.csv"):
        since = date.fromisoformat(row["since"])
        if bilingual:
            link, _ = Interconnection.objects.get_or_create(
                system_en=row["system_en"],
                since=since,
                defaults={
                    "system": row["system_fr"],
                    "system_fr": row["system_fr"],
                    "status": row["status"],
                    "notes": row["notes_fr"],
                    "notes_fr": row["notes_fr"],
                    "notes_en": row["notes_en"],
                },
            )
        else:
            link, _ = Interconnection.objects.get_or_create(
                system=row["system_en"],
                since=since,
                defaults={
                    "status": row["status"],
                    "notes": row["notes_en"],
                    "notes_en": row["notes_en"],
                },
            )
        link.members.set([members[code] for code in row["members"].split(";")])


class Migration(migrations.Migration):
    dependencies = [("members", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
