"""Demo meetings and recommendations. What ../shared/design states is loaded as fact: the 5th,
7th and 8th meetings with their themes, hosts, chairs, the participants and topics named, and the
recommendations our sources name (without deadlines: none is given). Everything else is made up
and marked "illustrative (demo data)": generated recommendations and their updates, a document,
the planned Committee of Experts."""

import csv
import random
from datetime import date
from pathlib import Path

from django.core.files.base import ContentFile
from django.utils import timezone

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


# What our sources (../shared/design) say of each meeting, beyond gtr_meetings.csv.
FACTS = {
    5: {
        "participant_count": 50,  # "about fifty participants"
        "participants": ["SN", "CI", *PARTNERS_AT_DAKAR],
        "chair": ("Gilles Thierry Beugré", "CI"),
        "topics_fr": "Renforcement des capacités\nPlateforme de gestion des ressources humaines\n"
        "Sécurité des systèmes informatiques",
        "topics_en": "Capacity building\nHuman-resources management platform\n"
        "Computer systems security",
    },
    7: {"chair": ("Sylla Anzoumana", "CI")},
    8: {
        "participants": ["GA", "ECOWAS", "UNCTAD", "AFRITAC"],
        "topics_fr": "Gestion des données\nIntelligence artificielle\nInformatique en nuage\n"
        "Financement des projets informatiques",
        "topics_en": "Data management\nArtificial intelligence\nCloud computing\n"
        "Financing IT projects",
    },
}


def _meetings() -> dict[int, Meeting]:
    from .models import MeetingPerson

    meetings = {}
    with open(DATA / "gtr_meetings.csv", encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            number = int(row["number"])
            start, end = date.fromisoformat(row["start"]), date.fromisoformat(row["end"])
            facts = FACTS.get(number, {})
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
                    "status": Meeting.Status.HELD
                    if end < timezone.localdate()
                    else Meeting.Status.PLANNED,
                    "participant_count": facts.get("participant_count"),
                    "topics_fr": facts.get("topics_fr", ""),
                    "topics_en": facts.get("topics_en", ""),
                },
            )
            # Only the administrations and bodies our sources name: no list is made up.
            meeting.participants.set(
                [_actor(code) for code in facts.get("participants", []) if _exists(code)]
            )
            if "chair" in facts and not meeting.persons.filter(role="chair").exists():
                name, iso2 = facts["chair"]
                MeetingPerson.objects.create(
                    meeting=meeting, name=name, role="chair", actor=_actor(iso2)
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
    if not dakar.documents.exists():
        document = MeetingDocument(
            meeting=dakar,
            kind=MeetingDocument.Kind.AGENDA,
            language="fr",
            visibility="public",
            title_fr="Ordre du jour de la 5e réunion (document illustratif, données de démonstration)",
            title_en="Agenda of the 5th meeting (illustrative document, demo data)",
        )
        content = _minimal_pdf("Document illustratif (donnees de demonstration) - GTR 5e reunion")
        document.file.save("ordre-du-jour-gtr5.pdf", ContentFile(content), save=False)
        document.size = len(content)
        document.save()
    return meetings


def _exists(code: str) -> bool:
    if len(code) == 2:
        return Actor.objects.filter(member__iso2=code).exists()
    return Actor.objects.filter(body__code=code).exists()


# The recommendations our sources name. DOMAIN.md gives the 5th meeting's two with their actors
# and no deadline; gtr_meetings.csv names the 8th meeting's three without actors or deadlines, so
# the group itself is their actor until the secretariat records who carries them out.
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
        },
    ],
    8: [
        {
            "title_fr": "Créer des cellules d'intelligence artificielle dans les administrations",
            "title_en": "Create artificial-intelligence units in the administrations",
            "text_fr": "Créer des cellules d'intelligence artificielle dans les administrations.",
            "text_en": "Create artificial-intelligence units in the administrations.",
            "lead": ["GTR"],
            "others": [],
        },
        {
            "title_fr": "Évaluer les pratiques de gestion des données",
            "title_en": "Assess data-management practices",
            "text_fr": "Évaluer les pratiques de gestion des données des administrations.",
            "text_en": "Assess the administrations' data-management practices.",
            "lead": ["GTR"],
            "others": [],
        },
        {
            "title_fr": "Réviser le plan stratégique régional",
            "title_en": "Revise the regional strategic plan",
            "text_fr": "Réviser le plan stratégique régional.",
            "text_en": "Revise the regional strategic plan.",
            "lead": ["GTR"],
            "others": [],
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
                deadline=None,
                lead_actors=[_actor(c) for c in item["lead"] if _exists(c)] or [_actor("CI")],
                other_actors=[_actor(c) for c in item["others"]],
                created_by=secretariat,
            )
    if meetings[7].recommendations.count() == 0:
        # The 7th meeting's recommendations are not in our sources: generated ones fill it, and
        # some more at the 8th, each marked "illustrative (demo data)" with its updates.
        rng = random.Random(2026)
        context = generation_context(seed=2026)
        for number, count in ((7, 10), (8, 8)):
            recommendations_for(
                meetings[number],
                count=count,
                rng=rng,
                context=context,
                updates_per=3,
                today=timezone.localdate(),
            )
    _pending_update_from_senegal(secretariat)
    stdout.write(
        f"Meetings and recommendations: {Meeting.objects.count()} meetings, "
        f"{Recommendation.objects.count()} recommendations (the 5th and 8th meetings' "
        "documented ones, and generated ones marked illustrative)."
    )
    _illustrative_proposal(stdout)


def _pending_update_from_senegal(secretariat) -> None:
    """One update awaiting review, so the secretariat has something to review in the demo:
    Senegal reports on a generated (illustrative) recommendation it is an actor of."""
    focal_point = User.objects.filter(email="fp-sn@example.org").first()
    recommendation = (
        Recommendation.objects.filter(
            illustrative=True, actor_links__actor__member__iso2="SN", status="not_started"
        )
        .order_by("pk")
        .first()
    )
    if not focal_point or not recommendation or recommendation.updates.exists():
        return
    update = update_submit(
        recommendation=recommendation,
        user=focal_point,
        as_of=timezone.localdate(),
        narrative="Texte illustratif (données de démonstration) : un questionnaire a été "
        "diffusé à toutes les directions ; 12 réponses sur 15 ont été reçues.",
        progress=40,
        proposed_status="in_progress",
    )
    ProgressUpdate.objects.filter(pk=update.pk).update(illustrative=True)


# --- Proposals to the Conference (kept apart from the rest of the demo) --------------------


def _illustrative_proposal(stdout) -> None:
    """One proposal of the 8th meeting, so the register and the meeting's page show one. Our
    sources name no proposal text: it is marked "illustrative (demo data)" wherever it shows,
    and stays at its first step (no date of sending, no decision of the Conference is made up).
    """
    from .models import Proposal
    from .services import proposal_create

    meeting = Meeting.objects.filter(kind=Meeting.Kind.GTR, number=8).first()
    title_fr = (
        "Plan régional de développement des systèmes informatiques "
        "(illustratif, données de démonstration)"
    )
    if meeting is None or Proposal.objects.filter(meeting=meeting, title_fr=title_fr).exists():
        return
    proposal_create(
        meeting=meeting,
        title_fr=title_fr,
        title_en="Regional IT systems development plan (illustrative, demo data)",
        text_fr="Texte illustratif (données de démonstration)\u202f: nos sources ne donnent le "
        "texte d'aucune proposition de la 8e réunion. Le groupe propose à la Conférence des "
        "Directeurs Généraux d'adopter le plan de développement des systèmes informatiques de "
        "la région, transmis par le comité des experts.",
        text_en="Illustrative text (demo data): our sources give the text of no proposal of the "
        "8th meeting. The group proposes that the Conference of Directors General adopt the "
        "regional IT systems development plan, sent through the Committee of Experts.",
    )
    stdout.write("Proposals to the Conference: 1 (illustrative, demo data).")
