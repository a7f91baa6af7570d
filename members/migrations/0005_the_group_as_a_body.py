"""The group itself (GTR) becomes a body, so that it can be the actor of the Conference's
decisions addressed to it, followed like recommendations.

The row is in members/data/bodies.csv, which 0002 reads on a fresh installation; this migration
adds it to databases where 0002 ran before the row existed.
"""

import csv
from pathlib import Path

from django.db import migrations

DATA = Path(__file__).resolve().parent.parent / "data"
CODE = "GTR"


def add_the_group(apps, schema_editor):
    Body = apps.get_model("members", "Body")
    Actor = apps.get_model("members", "Actor")
    with open(DATA / "bodies.csv", encoding="utf-8", newline="") as handle:
        row = next(r for r in csv.DictReader(handle) if r["code"] == CODE)
    body, created = Body.objects.get_or_create(
        code=CODE,
        defaults={
            "kind": row["kind"],
            "name": row["name_fr"],
            "name_fr": row["name_fr"],
            "name_en": row["name_en"],
            "description": row["notes_fr"],
            "description_fr": row["notes_fr"],
            "description_en": row["notes_en"],
        },
    )
    if not created and not body.description_fr:
        body.description, body.description_fr = row["notes_fr"], row["notes_fr"]
        body.save(update_fields=["description", "description_fr"])
    Actor.objects.get_or_create(body=body)


class Migration(migrations.Migration):
    dependencies = [("members", "0004_bilingual_reference_data_fill")]
    operations = [
        # Backwards, the group stays: recommendations may name it, and they are history.
        migrations.RunPython(add_the_group, migrations.RunPython.noop)
    ]
