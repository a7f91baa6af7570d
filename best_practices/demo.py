"""Demo best practices (illustrative, drawn from public information about the region's systems)
with generated illustrations, and a published 2025–2026 compendium edition with its PDFs."""

import io
from datetime import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from members.models import MemberAdministration, User

from .models import BestPractice, CompendiumEdition, Theme
from .pdf import build_edition
from .services import edition_fill_default, practice_save

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
COLOURS = ["#0d3d70", "#124f8f", "#1f7a4d", "#7a5a10", "#5b2a86", "#b42318"]

PRACTICES = [
    (
        "SN",
        ["e-clearance"],
        2017,
        "ORBUS : le guichet unique du commerce extérieur",
        "ORBUS: the single window for foreign trade",
        "Toutes les formalités préalables au dédouanement sont dématérialisées et reliées à GAINDE.",
        "All pre-clearance formalities are paperless and linked to GAINDE.",
    ),
    (
        "SN",
        ["e-clearance", "revenue-security"],
        2012,
        "GAINDE Intégral : le dédouanement sans papier",
        "GAINDE Intégral: paperless clearance",
        "Déclaration, paiement et bon à enlever électroniques, de bout en bout.",
        "Electronic declaration, payment and release, end to end.",
    ),
    (
        "CI",
        ["interconnection"],
        2019,
        "SIGMAT : le transit interconnecté de la CEDEAO",
        "SIGMAT: ECOWAS interconnected transit",
        "Les déclarations de transit circulent entre systèmes nationaux sans ressaisie.",
        "Transit declarations flow between national systems without re-keying.",
    ),
    (
        "GH",
        ["e-clearance", "revenue-security"],
        2020,
        "ICUMS : un système intégré de gestion douanière",
        "ICUMS: an integrated customs management system",
        "Un système unique couvre manifestes, déclarations, scanners et paiements.",
        "One system covers manifests, declarations, scanners and payments.",
    ),
    (
        "BJ",
        ["interconnection"],
        2025,
        "Interconnexion Sèmè-Kraké avec le Nigéria",
        "Sèmè-Kraké interconnection with Nigeria",
        "Le corridor le plus fréquenté de la région échange ses données de transit en temps réel.",
        "The region's busiest corridor exchanges transit data in real time.",
    ),
    (
        "CM",
        ["risk-management"],
        2020,
        "CAMCIS : la sélectivité par l'analyse de risque",
        "CAMCIS: risk-based selectivity",
        "Les circuits de contrôle sont attribués par un moteur de règles alimenté par les résultats.",
        "Inspection channels are assigned by a rules engine fed by inspection results.",
    ),
    (
        "TG",
        ["mobile-new-technologies", "revenue-security"],
        2021,
        "Paiement mobile des droits et taxes",
        "Mobile payment of duties and taxes",
        "Les déclarants paient par mobile money ; le bon à enlever est délivré dans la minute.",
        "Declarants pay by mobile money; release is granted within a minute.",
    ),
    (
        "NG",
        ["mobile-new-technologies"],
        2025,
        "B'Odogwu : le dédouanement dans le nuage",
        "B'Odogwu: clearance in the cloud",
        "La nouvelle plateforme remplace NICIS II et s'ouvre aux API des opérateurs.",
        "The new platform replaces NICIS II and opens APIs to traders.",
    ),
    (
        "CI",
        ["cybersecurity"],
        2022,
        "Un centre des opérations de sécurité pour la douane",
        "A security operations centre for customs",
        "Surveillance continue des systèmes, gestion des incidents et exercices réguliers.",
        "Continuous monitoring of systems, incident handling and regular drills.",
    ),
    (
        "GA",
        ["hr-platforms"],
        2021,
        "Une plateforme de gestion des ressources humaines",
        "A human-resources management platform",
        "Carrières, formations et affectations des agents suivies dans un outil unique.",
        "Careers, training and postings of officers managed in one tool.",
    ),
    (
        "BF",
        ["risk-management"],
        2018,
        "Les images des scanners au service du contrôle anticipé",
        "Scanner images serving anticipated inspection",
        "Les images sont analysées avant l'arrivée du camion au bureau de destination.",
        "Images are analysed before the truck reaches the destination office.",
    ),
    (
        "CV",
        ["cybersecurity"],
        2023,
        "Sauvegarde et continuité du système SYDONIA World",
        "",
        "Sauvegardes chiffrées hors site et plan de reprise testé deux fois par an.",
        "",
    ),
]


def _illustration(colour: str) -> SimpleUploadedFile:
    """A generated picture that says what it is, in both languages (it shows in both editions)."""
    title = "Illustration · données de démonstration · demo data"
    picture = Image.new("RGB", (1200, 600), colour)
    draw = ImageDraw.Draw(picture)
    for x in range(0, 1200, 40):
        draw.line([(x, 600), (x + 300, 0)], fill=(255, 255, 255, 30), width=1)
    try:
        font = ImageFont.truetype(FONT, 46)
    except OSError:
        font = ImageFont.load_default()
    words, lines, line = title.split(), [], ""
    for word in words:
        if len(line) + len(word) > 32:
            lines.append(line)
            line = ""
        line = f"{line} {word}".strip()
    lines.append(line)
    for index, text in enumerate(lines[:4]):
        draw.text((60, 200 + index * 62), text, fill="white", font=font)
    draw.rectangle([0, 560, 1200, 600], fill="#c8962a")
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return SimpleUploadedFile("illustration.png", buffer.getvalue(), content_type="image/png")


def load(stdout) -> None:
    author = User.objects.filter(email="secretariat@example.org").first()
    if author is None or BestPractice.objects.exists():
        stdout.write("Best practices: already loaded.")
        return
    themes = {t.slug: t for t in Theme.objects.all()}
    for index, (iso2, slugs, year, title_fr, title_en, summary_fr, summary_en) in enumerate(
        PRACTICES
    ):
        # The systems are real; what is said of them here is not from our sources.
        summary_fr = f"{summary_fr} (Texte illustratif, données de démonstration.)"
        summary_en = f"{summary_en} (Illustrative text, demo data.)" if summary_en else ""
        body_fr = (
            f"## Contexte\n\n{summary_fr}\n\n## Mise en œuvre\n\n"
            "- Étude préalable et conduite du changement avec les opérateurs ;\n"
            "- déploiement progressif, bureau par bureau ;\n"
            "- formation des agents et des déclarants.\n\n"
            "## Enseignements\n\nL'implication des opérateurs dès la conception est décisive."
        )
        body_en = (
            (
                f"## Background\n\n{summary_en}\n\n## Implementation\n\n"
                "- Preliminary study and change management with traders;\n"
                "- gradual roll-out, office by office;\n"
                "- training of officers and declarants.\n\n"
                "## Lessons learnt\n\nInvolving traders from the design stage is decisive."
            )
            if summary_en
            else ""
        )
        administration = MemberAdministration.objects.get(iso2=iso2)
        practice = practice_save(
            user=author,
            administration=administration,
            data={
                "title_fr": title_fr,
                "title_en": title_en,
                "summary_fr": summary_fr,
                "summary_en": summary_en,
                "body_fr": body_fr,
                "body_en": body_en,
                "results_fr": "Délais de dédouanement réduits ; recettes mieux sécurisées.",
                "results_en": "Shorter clearance times; revenue better secured."
                if summary_en
                else "",
                "year_started": year,
                # The contact is not translated: the administration's own name reads the same
                # in both languages.
                "contact": administration.administration_name
                + (f" ({administration.acronym})" if administration.acronym else ""),
                "themes": [themes[s] for s in slugs],
            },
            images=[_illustration(COLOURS[index % len(COLOURS)])],
        )
        if index < 10:
            BestPractice.objects.filter(pk=practice.pk).update(
                state=BestPractice.State.PUBLISHED,
                published_at=timezone.make_aware(datetime(2025 + index % 2, 3 + index, 1)),
            )
    edition, _ = CompendiumEdition.objects.get_or_create(
        slug="recueil-2025-2026",
        defaults={
            "title": "Recueil des meilleures pratiques",
            "title_fr": "Recueil des meilleures pratiques",
            "title_en": "Compendium of best practices",
            "period_start": 2025,
            "period_end": 2026,
            "foreword_fr": "Édition illustrative (données de démonstration). Ce recueil rassemble "
            "les pratiques que les administrations de la région ont partagées au sein du GTR. Il "
            "vise à inspirer et à faciliter les échanges entre administrations.",
            "foreword_en": "Illustrative edition (demo data). This compendium gathers the "
            "practices the administrations of the region shared within the GTR. It aims to "
            "inspire and to ease exchanges between administrations.",
        },
    )
    edition_fill_default(edition=edition)
    build_edition(edition=edition)
    edition.status = CompendiumEdition.Status.PUBLISHED
    edition.published_at = timezone.now()
    edition.save()
    stdout.write(
        f"Best practices: {BestPractice.objects.count()} (10 published), "
        "and the published 2025–2026 compendium with its PDFs."
    )
