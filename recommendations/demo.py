"""Demo meetings and recommendations: the documented meetings of the group (5th, 7th, 8th) with
their themes and the recommendations our sources name, plus generated ones (illustrative)
spread over members, with progress updates in every state."""

import csv
import random
from datetime import date
from pathlib import Path

from django.core.files.base import ContentFile

from members.models import Actor, MemberAdministration, User

from .generator import generation_context, recommendations_for
from .models import Meeting, MeetingDocument, ProgressUpdate, Recommendation
from .services import recommendation_create, update_submit

DATA = Path(__file__).resolve().parent / "data"
PARTNERS_AT_DAKAR = ["UNCTAD", "ROCB-WCA", "VICE-CHAIR", "MODELSIS", "GAINDE2000", "GCNET"]


def _actor(code: str) -> Actor:
    if len(code) == 2:
        return Actor.objects.get(member__iso2=code)
    return Actor.objects.get(body__code=code)


def _minimal_pdf(title: str) -> bytes:
    """A one-page PDF, so that the demo meeting has a real document to download."""
    text = title.encode("latin-1", "replace")
    stream = b"BT /F1 16 Tf 60 760 Td (" + text + b") Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += (
        f"trailer << /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return bytes(out)


def _meetings() -> dict[int, Meeting]:
    meetings = {}
    with open(DATA / "gtr_meetings.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            number = int(row["number"])
            start, end = date.fromisoformat(row["start"]), date.fromisoformat(row["end"])
            meeting, _ = Meeting.objects.update_or_create(
                kind=Meeting.Kind.GTR,
                number=number,
                defaults={
                    "slug": f"gtr-{number}",
                    "start_date": start,
                    "end_date": end,
                    "city": row["city"],
                    "host": MemberAdministration.objects.get(iso2=row["host_iso2"]),
                    "mode": Meeting.Mode.ONLINE
                    if row["mode"] == "online"
                    else Meeting.Mode.IN_PERSON,
                    "theme_fr": row["theme_fr"],
                    "theme_en": row["theme_en"],
                    "status": Meeting.Status.HELD if end < date.today() else Meeting.Status.PLANNED,
                    "participant_count": {5: 50, 7: 40, 8: 45}.get(number),
                },
            )
            meetings[number] = meeting
    Meeting.objects.update_or_create(
        slug="ce-2027",
        defaults={
            "kind": Meeting.Kind.EXPERTS,
            "start_date": date(2027, 3, 8),
            "end_date": date(2027, 3, 10),
            "city": "Abidjan",
            "host": MemberAdministration.objects.get(iso2="CI"),
            "theme_fr": "Préparation de la Conférence des Directeurs Généraux (dates illustratives, données de démonstration)",
            "theme_en": "Preparing the Conference of Directors General (illustrative dates, demo data)",
            "status": Meeting.Status.PLANNED,
        },
    )
    dakar = meetings[5]
    dakar.participants.set(
        list(Actor.objects.filter(member__isnull=False)[:18])
        + [_actor(code) for code in PARTNERS_AT_DAKAR]
    )
    if not dakar.documents.exists():
        document = MeetingDocument(
            meeting=dakar,
            kind=MeetingDocument.Kind.AGENDA,
            language="fr",
            title_fr="Ordre du jour de la 5e réunion",
            title_en="Agenda of the 5th meeting",
        )
        content = _minimal_pdf("GTR - 5e reunion, Dakar, 24-26 avril 2019 - Ordre du jour")
        document.file.save("ordre-du-jour-gtr5.pdf", ContentFile(content), save=False)
        document.size = len(content)
        document.save()
    return meetings


DOCUMENTED = {
    5: [
        {
            "title_fr": "Élaborer un modèle régional de tableau de bord des plans stratégiques",
            "title_en": "Develop a regional dashboard model of strategic plans",
            "text_fr": "Le BRRC élabore un modèle régional de tableau de bord des plans stratégiques "
            "couvrant l'ensemble des métiers de la douane.",
            "text_en": "The ROCB develops a regional dashboard model of strategic plans covering "
            "all customs trades.",
            "lead": ["ROCB-WCA"],
            "others": ["CI", "GM"],
            "deadline": date(2020, 4, 30),
        },
        {
            "title_fr": "Étudier les nouvelles technologies susceptibles d'affecter le métier de douanier",
            "title_en": "Study the new technologies that may affect the customs profession",
            "text_fr": "Mener une étude sur les nouvelles technologies susceptibles d'affecter le "
            "métier de douanier (drones, téléphones mobiles, autres appareils).",
            "text_en": "Carry out a study on new technologies that may affect the customs "
            "profession (drones, mobile phones, other devices).",
            "lead": ["CV", "CI", "NG"],
            "others": [],
            "deadline": date(2020, 4, 30),
        },
    ],
    8: [
        {
            "title_fr": "Créer des cellules d'intelligence artificielle dans les administrations",
            "title_en": "Create artificial-intelligence units in the administrations",
            "text_fr": "Chaque administration crée une cellule chargée de l'intelligence artificielle.",
            "text_en": "Each administration creates a unit in charge of artificial intelligence.",
            "lead": ["SN", "NG"],
            "others": ["GA", "CI"],
            "deadline": date(2026, 12, 31),
        },
        {
            "title_fr": "Évaluer les pratiques de gestion des données",
            "title_en": "Assess data-management practices",
            "text_fr": "Les administrations évaluent leurs pratiques de gestion des données.",
            "text_en": "The administrations assess their data-management practices.",
            "lead": ["SN"],
            "others": ["ROCB-WCA"],
            "deadline": date(2026, 12, 10),
        },
        {
            "title_fr": "Réviser le plan stratégique régional des systèmes d'information",
            "title_en": "Revise the regional strategic plan for information systems",
            "text_fr": "Le BRRC et la présidence du GTR révisent le plan stratégique régional.",
            "text_en": "The ROCB and the GTR presidency revise the regional strategic plan.",
            "lead": ["ROCB-WCA", "CI"],
            "others": ["NG"],
            "deadline": date(2026, 6, 30),
        },
    ],
}


def load(stdout) -> None:
    meetings = _meetings()
    secretariat = User.objects.filter(email="secretariat@example.org").first()
    for number, items in DOCUMENTED.items():
        meeting = meetings[number]
        for item in items:
            if Recommendation.objects.filter(meeting=meeting, title_fr=item["title_fr"]).exists():
                continue
            recommendation_create(
                meeting=meeting,
                title_fr=item["title_fr"],
                title_en=item["title_en"],
                text_fr=item["text_fr"],
                text_en=item["text_en"],
                deadline=item["deadline"],
                lead_actors=[_actor(c) for c in item["lead"]],
                other_actors=[_actor(c) for c in item["others"]],
                priority="high",
                created_by=secretariat,
            )
    if meetings[7].recommendations.count() == 0:
        rng = random.Random(2026)
        context = generation_context(seed=2026)
        for number, count in ((5, 4), (7, 10), (8, 8)):
            recommendations_for(
                meetings[number],
                count=count,
                rng=rng,
                context=context,
                updates_per=3,
                today=date.today(),
            )
    _pending_update_from_senegal(secretariat)
    stdout.write(
        f"Meetings and recommendations: {Meeting.objects.count()} meetings, "
        f"{Recommendation.objects.count()} recommendations "
        "(the 5th and 8th meetings' documented ones, and generated illustrative ones)."
    )


def _pending_update_from_senegal(secretariat) -> None:
    """One update awaiting review, so the secretariat has something to review in the demo."""
    focal_point = User.objects.filter(email="fp-sn@example.org").first()
    recommendation = Recommendation.objects.filter(
        title_fr="Évaluer les pratiques de gestion des données"
    ).first()
    if not focal_point or not recommendation or recommendation.updates.exists():
        return
    update_submit(
        recommendation=recommendation,
        user=focal_point,
        as_of=date.today(),
        narrative="Un questionnaire d'évaluation a été diffusé à toutes les directions ; "
        "12 réponses sur 15 ont été reçues.",
        progress=40,
        proposed_status="in_progress",
    )
    assert ProgressUpdate.objects.filter(recommendation=recommendation).exists()
