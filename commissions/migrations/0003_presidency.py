"""Côte d'Ivoire has presided over the group since its creation (15th Conference, Bamako,
March 2010), as it chaired the Comité Informatique before it."""

from datetime import date

from django.db import migrations


def load(apps, schema_editor):
    Member = apps.get_model("members", "MemberAdministration")
    PresidencyTerm = apps.get_model("commissions", "PresidencyTerm")
    ci = Member.objects.filter(iso2="CI").first()
    if ci and not PresidencyTerm.objects.exists():
        PresidencyTerm.objects.create(
            administration=ci,
            start_date=date(2010, 3, 1),
            note="Conférence des DG de Bamako (15e)",
            note_fr="Conférence des DG de Bamako (15e)",
            note_en="15th Conference of Directors General, Bamako",
        )


class Migration(migrations.Migration):
    dependencies = [("commissions", "0002_initial"), ("members", "0002_reference_data")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
