"""The themes the secretariat starts with; it can add others in the back office."""

from django.db import migrations

THEMES = [
    ("e-clearance", "Dédouanement électronique", "E-clearance"),
    ("interconnection", "Interconnexion des systèmes", "Systems interconnection"),
    ("risk-management", "Gestion des risques et contrôles anticipés",
     "Risk management and anticipated inspections"),
    ("revenue-security", "Sécurisation des recettes", "Revenue security"),
    ("hr-platforms", "Plateformes de gestion des ressources humaines",
     "Human-resources management platforms"),
    ("cybersecurity", "Cybersécurité", "Cybersecurity"),
    ("mobile-new-technologies", "Mobile et nouvelles technologies", "Mobile and new technologies"),
    ("other", "Autres pratiques", "Other practices"),
]


def load(apps, schema_editor):
    Theme = apps.get_model("best_practices", "Theme")
    for order, (slug, name_fr, name_en) in enumerate(THEMES, start=1):
        Theme.objects.update_or_create(
            slug=slug,
            defaults={"name": name_fr, "name_fr": name_fr, "name_en": name_en, "order": order * 10},
        )


class Migration(migrations.Migration):
    dependencies = [("best_practices", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
