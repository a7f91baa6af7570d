"""Each actor of a recommendation reports on its own part; the recommendation follows them."""

from datetime import date
from types import SimpleNamespace

import pytest

from recommendations import services
from recommendations.models import RecommendationActor, derived_status
from tests.factories import make_recommendation

from .conftest import pdf_upload


def part(role, status, progress):
    return SimpleNamespace(role=role, status=status, progress=progress)


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        (
            [part("lead", "not_started", 0), part("associated", "not_started", 0)],
            ("not_started", 0),
        ),
        (
            [part("lead", "not_started", 0), part("associated", "in_progress", 30)],
            ("in_progress", 0),
        ),
        ([part("lead", "in_progress", 40), part("lead", "not_started", 0)], ("in_progress", 20)),
        (
            [part("lead", "implemented", 100), part("lead", "in_progress", 50)],
            ("partially_implemented", 75),
        ),
        (
            [part("lead", "implemented", 100), part("associated", "not_started", 0)],
            ("implemented", 100),
        ),
        ([], ("not_started", 0)),
    ],
)
def test_the_recommendation_follows_its_actors_by_the_stated_rule(parts, expected):
    assert derived_status(parts) == expected


def report_and_accept(recommendation, user, secretariat, **data):
    update = services.update_submit(
        recommendation=recommendation,
        user=user,
        as_of=data.get("as_of", date(2026, 11, 1)),
        narrative="Point d'avancement.",
        progress=data["progress"],
        proposed_status=data["status"],
        files=[pdf_upload()],
    )
    services.update_accept(update=update, reviewer=secretariat)
    return update


def parts_of(recommendation) -> dict[str, tuple[str, int]]:
    return {
        link.actor.member.iso2: (link.status, link.progress)
        for link in RecommendationActor.objects.filter(recommendation=recommendation)
    }


@pytest.mark.django_db
def test_senegals_progress_on_a_shared_recommendation_leaves_nigerias_part_unchanged(
    interconnection, fp_senegal, secretariat
):
    report_and_accept(interconnection, fp_senegal, secretariat, status="in_progress", progress=40)

    assert parts_of(interconnection) == {"SN": ("in_progress", 40), "NG": ("not_started", 0)}
    interconnection.refresh_from_db()
    assert (interconnection.status, interconnection.progress) == ("in_progress", 40)


@pytest.mark.django_db
def test_a_recommendation_is_implemented_when_every_lead_actor_has_implemented(
    meeting, fp_senegal, fp_nigeria, secretariat
):
    shared = make_recommendation(meeting, lead=("SN", "NG"))

    report_and_accept(shared, fp_senegal, secretariat, status="implemented", progress=100)
    shared.refresh_from_db()
    assert (shared.status, shared.progress, shared.implemented_on) == (
        "partially_implemented",
        50,
        None,
    )

    report_and_accept(
        shared, fp_nigeria, secretariat, status="implemented", progress=100, as_of=date(2026, 11, 2)
    )
    shared.refresh_from_db()
    assert (shared.status, shared.progress) == ("implemented", 100)
    assert shared.implemented_on == date(2026, 11, 2)


@pytest.mark.django_db
def test_an_associated_actor_alone_never_makes_a_recommendation_implemented(
    interconnection, fp_nigeria, secretariat
):
    report_and_accept(interconnection, fp_nigeria, secretariat, status="implemented", progress=100)

    interconnection.refresh_from_db()
    assert interconnection.status == "in_progress"
    assert parts_of(interconnection)["NG"] == ("implemented", 100)


@pytest.mark.django_db
def test_a_cancelled_recommendation_keeps_the_secretariats_decision(
    interconnection, fp_senegal, secretariat
):
    type(interconnection).objects.filter(pk=interconnection.pk).update(status="cancelled")

    report_and_accept(interconnection, fp_senegal, secretariat, status="in_progress", progress=10)

    interconnection.refresh_from_db()
    assert interconnection.status == "cancelled"


@pytest.mark.django_db
def test_existing_data_is_migrated_to_each_actors_own_updates(
    interconnection, fp_nigeria, secretariat
):
    """What the migration does on an existing database: the actor that reported gets its state;
    a recommendation set without updates keeps it through its lead actors."""
    from importlib import import_module

    from django.apps import apps

    migration = import_module("recommendations.migrations.0004_follow_up_per_actor")
    report_and_accept(interconnection, fp_nigeria, secretariat, status="in_progress", progress=30)
    set_by_hand = make_recommendation(interconnection.meeting, lead=("CI",))
    type(set_by_hand).objects.filter(pk=set_by_hand.pk).update(status="in_progress", progress=70)
    RecommendationActor.objects.update(status="not_started", progress=0, implemented_on=None)

    migration.each_actor_follows_its_own_updates(apps, None)

    assert parts_of(interconnection) == {"SN": ("not_started", 0), "NG": ("in_progress", 30)}
    interconnection.refresh_from_db()
    assert (interconnection.status, interconnection.progress) == ("in_progress", 0)
    assert parts_of(set_by_hand) == {"CI": ("in_progress", 70)}
    set_by_hand.refresh_from_db()
    assert (set_by_hand.status, set_by_hand.progress) == ("in_progress", 70)


@pytest.mark.django_db
def test_the_secretariat_records_an_update_on_an_actors_behalf_marked_as_such(
    client, interconnection, secretariat, nigeria
):
    client.force_login(secretariat)
    nigeria_actor = nigeria.actor

    response = client.post(
        f"/fr/recommendations/{interconnection.reference}/updates/record/",
        {
            "actor": str(nigeria_actor.pk),
            "as_of": "2026-11-01",
            "narrative": "Reçu par courrier du point focal.",
            "progress": "20",
            "proposed_status": "in_progress",
        },
    )

    assert response.status_code == 302
    update = interconnection.updates.get()
    assert (update.actor, update.on_behalf, update.state) == (nigeria_actor, True, "accepted")
    assert parts_of(interconnection)["NG"] == ("in_progress", 20)
    page = client.get(interconnection.get_absolute_url()).content.decode()
    assert page.count("data-on-behalf") == 1


@pytest.mark.django_db
@pytest.mark.parametrize("who", ["fp_senegal", "supervisor", "expert"])
def test_only_the_secretariat_records_on_an_actors_behalf(client, request, interconnection, who):
    client.force_login(request.getfixturevalue(who))

    assert (
        client.get(f"/fr/recommendations/{interconnection.reference}/updates/record/").status_code
        == 403
    )


@pytest.mark.django_db
def test_a_visitor_sees_no_review_comment_and_no_focal_points_name(
    client, interconnection, fp_senegal, secretariat
):
    update = services.update_submit(
        recommendation=interconnection,
        user=fp_senegal,
        as_of=date(2026, 11, 1),
        narrative="Connexion en cours.",
        progress=30,
        proposed_status="in_progress",
        files=[pdf_upload()],
    )
    services.update_return(update=update, reviewer=secretariat, comment="Commentaire interne XYZ")
    services.update_resubmit(
        update=update,
        user=fp_senegal,
        as_of=date(2026, 11, 2),
        narrative="Connexion en cours, précisée.",
        progress=30,
        proposed_status="in_progress",
    )
    services.update_accept(update=update, reviewer=secretariat)

    public = client.get(interconnection.get_absolute_url()).content.decode()
    assert "Connexion en cours, précisée." in public
    assert "Commentaire interne XYZ" not in public
    assert fp_senegal.get_full_name() not in public

    client.force_login(fp_senegal)
    assert (
        "Commentaire interne XYZ" in client.get(interconnection.get_absolute_url()).content.decode()
    )
