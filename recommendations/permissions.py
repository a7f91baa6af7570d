"""Who may do what with meetings, recommendations and progress updates."""

import rules

from members.permissions import grant_back_office, is_secretariat, is_supervisor, reads_everything


@rules.predicate
def reports_for_an_actor_of(user, recommendation) -> bool:
    """The user acts for one of the recommendation's actors (a focal point of an actor
    administration, or a user of an actor body). Supervisors read, they never report."""
    if recommendation is None or not user.is_authenticated or is_supervisor(user):
        return False
    actor_id = user.actor_id
    if actor_id is None:
        return False
    return any(link.actor_id == actor_id for link in recommendation.actor_links.all())


@rules.predicate
def reports_for_the_actor_of_update(user, update) -> bool:
    if update is None or not user.is_authenticated or is_supervisor(user):
        return False
    return user.actor_id is not None and user.actor_id == update.actor_id


@rules.predicate
def update_is_accepted(user, update) -> bool:
    return update is not None and update.state == "accepted"


@rules.predicate
def update_awaits_the_actor(user, update) -> bool:
    return update is not None and update.state in ("pending", "returned")


@rules.predicate
def update_awaits_review(user, update) -> bool:
    return update is not None and update.state == "pending"


@rules.predicate
def has_an_actor(user) -> bool:
    return user.is_authenticated and not is_supervisor(user) and user.actor_id is not None


rules.add_perm("recommendations.submit_update", reports_for_an_actor_of)
# Accepted updates are public; pending and returned ones are for their actor and the readers of
# everything.
rules.add_perm(
    "recommendations.view_update",
    update_is_accepted | reads_everything | reports_for_the_actor_of_update,
)
rules.add_perm(
    "recommendations.change_update", reports_for_the_actor_of_update & update_awaits_the_actor
)
rules.add_perm("recommendations.review_update", is_secretariat & update_awaits_review)
rules.add_perm("recommendations.review_updates", is_secretariat)
rules.add_perm("recommendations.view_pending_updates", reads_everything)
rules.add_perm("recommendations.view_evidence", reads_everything | reports_for_the_actor_of_update)
rules.add_perm("recommendations.view_my_actions", has_an_actor)
rules.add_perm("recommendations.subscribe_calendar", rules.is_authenticated)

grant_back_office(
    "recommendations",
    [
        "meeting",
        "meetingdocument",
        "recommendation",
        "recommendationactor",
        "progressupdate",
        "evidence",
        "remindersent",
        "digestsent",
        "calendartoken",
    ],
)
