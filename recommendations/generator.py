"""Deterministic generated meetings, recommendations and progress updates, for the demo (small)
and for performance work (`generate_data --scale N`: N=1 is about 10,000 recommendations)."""

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from commissions.models import TechnicalCommission
from members.models import Actor, FocalPoint, Role, User

from .models import (
    Meeting,
    ProgressUpdate,
    Recommendation,
    RecommendationActor,
    RecommendationStatus,
    UpdateEvent,
    derived_status,
)

S = RecommendationStatus

TOPICS = [
    (
        "Interconnecter les systèmes de dédouanement de {a} et {b}",
        "Interconnect the clearance systems of {a} and {b}",
    ),
    (
        "Déployer la déclaration en ligne dans tous les bureaux de {a}",
        "Deploy online declarations in every office of {a}",
    ),
    (
        "Mettre en place un centre de sécurité informatique à {a}",
        "Set up an IT security operations centre in {a}",
    ),
    (
        "Adopter une plateforme de gestion des ressources humaines à {a}",
        "Adopt a human-resources management platform in {a}",
    ),
    (
        "Généraliser le paiement électronique des droits et taxes à {a}",
        "Make electronic payment of duties and taxes general in {a}",
    ),
    (
        "Renforcer le ciblage des contrôles anticipés à {a}",
        "Strengthen the targeting of anticipated inspections in {a}",
    ),
    (
        "Former les informaticiens de {a} à la science des données",
        "Train the IT staff of {a} in data science",
    ),
    (
        "Créer une cellule d'intelligence artificielle à {a}",
        "Create an artificial-intelligence unit in {a}",
    ),
    (
        "Évaluer les pratiques de gestion des données de {a}",
        "Assess the data-management practices of {a}",
    ),
    (
        "Migrer l'hébergement du système de {a} vers un centre de données sécurisé",
        "Move the hosting of {a}'s system to a secure data centre",
    ),
]
CITIES = [
    ("Abidjan", "CI"),
    ("Dakar", "SN"),
    ("Lomé", "TG"),
    ("Cotonou", "BJ"),
    ("Accra", "GH"),
    ("Libreville", "GA"),
    ("Ouagadougou", "BF"),
    ("Bamako", "ML"),
    ("Niamey", "NE"),
    ("Abuja", "NG"),
    ("Douala", "CM"),
    ("Brazzaville", "CG"),
    ("Conakry", "GN"),
]


def _status_and_progress(rng: random.Random, deadline: date, today: date) -> tuple[str, int]:
    roll = rng.random()
    if deadline < today:
        if roll < 0.45:
            return S.IMPLEMENTED, 100
        if roll < 0.6:
            return S.PARTIALLY_IMPLEMENTED, rng.randrange(30, 95, 5)
        if roll < 0.85:
            return S.IN_PROGRESS, rng.randrange(10, 90, 5)
        if roll < 0.93:
            return S.NOT_STARTED, 0
        return S.CANCELLED, 0
    if roll < 0.3:
        return S.NOT_STARTED, 0
    if roll < 0.85:
        return S.IN_PROGRESS, rng.randrange(5, 95, 5)
    return S.IMPLEMENTED, 100


@transaction.atomic
def generate(
    *,
    meetings: int,
    per_meeting: int,
    updates_per: int,
    seed: int,
    start_number: int,
    today: date | None = None,
) -> dict[str, int]:
    """Create `meetings` GTR meetings with `per_meeting` recommendations each and about
    `updates_per` progress updates per recommendation, spread over the years and members."""
    rng = random.Random(seed)
    today = today or timezone.localdate()
    context = generation_context(seed=seed)
    member_actors = context["member_actors"]
    members_by_iso = {a.member.iso2: a.member for a in member_actors}

    counts = {"meetings": 0, "recommendations": 0, "updates": 0}
    first_year = today.year - 10
    for index in range(meetings):
        number = start_number + index
        year = first_year + (index * 11) // max(meetings, 1)
        start = date(year, rng.randint(2, 11), rng.randint(1, 25))
        city, host_iso = CITIES[rng.randrange(len(CITIES))]
        meeting = Meeting.objects.create(
            kind=Meeting.Kind.GTR,
            number=number,
            slug=f"gtr-{number}",
            start_date=start,
            end_date=start + timedelta(days=2),
            city=city,
            host=members_by_iso.get(host_iso),
            mode=Meeting.Mode.IN_PERSON,
            theme_fr=f"Thème de la {number}e réunion : la douane numérique au service du commerce",
            theme_en=f"Theme of meeting {number}: digital customs serving trade",
            status=Meeting.Status.HELD if start < today else Meeting.Status.PLANNED,
            participant_count=rng.randint(25, 70),
        )
        meeting.participants.set(rng.sample(member_actors, k=min(14, len(member_actors))))
        counts["meetings"] += 1

        made, updates = recommendations_for(
            meeting,
            count=per_meeting,
            rng=rng,
            context=context,
            updates_per=updates_per,
            today=today,
        )
        counts["recommendations"] += made
        counts["updates"] += updates
    return counts


def generation_context(*, seed: int) -> dict:
    # Ordered, so that a seed always gives the same data.
    member_actors = list(
        Actor.objects.filter(member__isnull=False).select_related("member").order_by("member__iso2")
    )
    reviewer = User.objects.filter(role=Role.SECRETARIAT).order_by("pk").first()
    if reviewer is None:
        reviewer = User.objects.create_user(
            email=f"generated-secretariat-{seed}@example.org", role=Role.SECRETARIAT
        )
    return {
        "member_actors": member_actors,
        "body_actors": list(
            Actor.objects.filter(body__code__in=["ROCB-WCA", "WCO-SEC", "UNCTAD"]).order_by(
                "body__code"
            )
        ),
        "commissions": list(TechnicalCommission.objects.order_by("number")),
        "reporters": _reporters(member_actors),
        "reviewer": reviewer,
    }


def recommendations_for(meeting, *, count, rng, context, updates_per, today) -> tuple[int, int]:
    """Add `count` generated recommendations (and their updates) to a meeting."""
    member_actors, body_actors = context["member_actors"], context["body_actors"]
    commissions = context["commissions"]
    start = meeting.start_date
    last = meeting.recommendations.order_by("-sequence").values_list("sequence", flat=True).first()
    first = (last or 0) + 1
    recommendations, links = [], []
    for sequence in range(first, first + count):
        lead = rng.choice(member_actors)
        other = rng.sample([a for a in member_actors if a != lead], k=rng.randint(0, 2))
        if rng.random() < 0.15:
            other.append(rng.choice(body_actors))
        deadline = start + timedelta(days=rng.randint(120, 900))
        status, progress = _status_and_progress(rng, deadline, today)
        title_fr, title_en = TOPICS[rng.randrange(len(TOPICS))]
        partner = other[0].target if other else None
        names_fr = {"a": lead.member.name_fr, "b": partner.name_fr if partner else "ses voisins"}
        names_en = {"a": lead.member.name_en, "b": partner.name_en if partner else "its neighbours"}
        recommendation = Recommendation(
            reference=f"{meeting.reference_prefix}-R{sequence:02d}",
            meeting=meeting,
            sequence=sequence,
            commission=rng.choice(commissions) if commissions and rng.random() < 0.8 else None,
            title_fr=title_fr.format(**names_fr),
            title_en=title_en.format(**names_en),
            text_fr="Le groupe recommande : " + title_fr.format(**names_fr).lower() + ".",
            text_en="The group recommends to " + title_en.format(**names_en).lower() + ".",
            deadline=deadline,
            priority=rng.choice(["high", "medium", "medium", "low"]),
            status=status,
            progress=progress,
            implemented_on=min(deadline + timedelta(days=rng.randint(-200, 120)), today)
            if status == S.IMPLEMENTED
            else None,
            illustrative=True,
        )
        recommendations.append(recommendation)
        links.append((recommendation, lead, other))
    Recommendation.objects.bulk_create(recommendations)
    RecommendationActor.objects.bulk_create(
        [RecommendationActor(recommendation=r, actor=lead, role="lead") for r, lead, _ in links]
        + [
            RecommendationActor(recommendation=r, actor=a, role="associated")
            for r, _, others in links
            for a in others
        ]
    )
    updates = _updates(
        rng, links, context["reporters"], context["reviewer"], updates_per, start, today
    )
    _follow_actors(recommendations)
    return len(recommendations), updates


def _follow_actors(recommendations) -> None:
    """As the review would have done: each actor takes its latest accepted update, and the
    recommendation follows its actors (unless it was cancelled or superseded)."""
    latest = {}
    accepted = (
        ProgressUpdate.objects.filter(recommendation__in=recommendations, state="accepted")
        .order_by("as_of", "pk")
        .values_list("recommendation_id", "actor_id", "proposed_status", "progress", "as_of")
    )
    for recommendation_id, actor_id, status, progress, as_of in accepted:
        latest[(recommendation_id, actor_id)] = (status, progress, as_of)
    links = list(RecommendationActor.objects.filter(recommendation__in=recommendations))
    by_recommendation = {}
    for link in links:
        if (link.recommendation_id, link.actor_id) in latest:
            status, progress, as_of = latest[(link.recommendation_id, link.actor_id)]
            link.set_status(status, progress, on=as_of)
        by_recommendation.setdefault(link.recommendation_id, []).append(link)
    RecommendationActor.objects.bulk_update(
        links, ["status", "progress", "implemented_on"], batch_size=2000
    )
    for recommendation in recommendations:
        if recommendation.status in (S.CANCELLED, S.SUPERSEDED):
            continue
        status, progress = derived_status(by_recommendation.get(recommendation.pk, []))
        if status != recommendation.status:
            recommendation.implemented_on = (
                recommendation.implemented_on if status == S.IMPLEMENTED else None
            )
        recommendation.status, recommendation.progress = status, progress
    Recommendation.objects.bulk_update(
        recommendations, ["status", "progress", "implemented_on"], batch_size=2000
    )


def _reporters(member_actors) -> dict[int, User]:
    """One reporting focal point per member actor, created when the member has none."""
    reporters = {}
    existing = {fp.administration_id: fp.user for fp in FocalPoint.objects.select_related("user")}
    for actor in member_actors:
        user = existing.get(actor.member_id)
        if user is None:
            user = User.objects.create_user(
                email=f"fp-{actor.member.iso2.lower()}-generated@example.org",
                first_name="Point focal",
                last_name=actor.member.iso2,
                role=Role.FOCAL_POINT,
            )
            FocalPoint.objects.create(user=user, administration=actor.member)
        reporters[actor.pk] = user
    return reporters


def _updates(rng, links, reporters, reviewer, updates_per, start, today) -> int:
    updates, events = [], []
    for recommendation, lead, _others in links:
        count = rng.randint(max(0, updates_per - 2), updates_per + 2)
        if recommendation.status == S.NOT_STARTED:
            count = min(count, 1)
        span = max((min(today, recommendation.deadline) - start).days, 1)
        for n in range(count):
            last = n == count - 1
            as_of = start + timedelta(days=span * (n + 1) // (count + 1))
            moment = timezone.make_aware(datetime.combine(as_of, time(10, 0)))
            if last and recommendation.status not in (S.CANCELLED, S.SUPERSEDED):
                proposed, progress = recommendation.status, recommendation.progress
            else:
                progress = min(95, 10 * (n + 1))
                proposed = S.IN_PROGRESS
            state = ProgressUpdate.State.ACCEPTED
            if last and rng.random() < 0.25:
                state = rng.choice([ProgressUpdate.State.PENDING, ProgressUpdate.State.RETURNED])
            updates.append(
                ProgressUpdate(
                    recommendation=recommendation,
                    actor=lead,
                    submitted_by=reporters[lead.pk],
                    as_of=as_of,
                    narrative=f"Point d'avancement {n + 1} : travaux en cours, "
                    f"{progress} % réalisés. / Progress update {n + 1}: work under way.",
                    progress=progress,
                    proposed_status=proposed,
                    state=state,
                    review_comment="Merci de joindre le rapport de mise en service."
                    if state == ProgressUpdate.State.RETURNED
                    else "",
                    reviewed_by=None if state == ProgressUpdate.State.PENDING else reviewer,
                    reviewed_at=None if state == ProgressUpdate.State.PENDING else moment,
                    submitted_at=moment,
                    illustrative=True,
                )
            )
    ProgressUpdate.objects.bulk_create(updates, batch_size=2000)
    for update in updates:
        events.append(UpdateEvent(update=update, action="submitted", by=update.submitted_by))
        if update.state != ProgressUpdate.State.PENDING:
            events.append(
                UpdateEvent(
                    update=update, action=update.state, by=reviewer, comment=update.review_comment
                )
            )
    UpdateEvent.objects.bulk_create(events, batch_size=5000)
    return len(updates)
