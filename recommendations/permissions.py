"""Who may do what with meetings, recommendations and progress updates."""

import rules

from members.permissions import (
    grant_back_office,
    is_body_reporter,
    is_focal_point,
    is_secretariat,
    is_supervisor,
    reads_everything,
    requested_the_job,
)


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
rules.add_perm("recommendations.record_update_on_behalf", is_secretariat)
rules.add_perm("recommendations.enter_decisions", is_secretariat)
rules.add_perm("recommendations.view_pending_updates", reads_everything)
rules.add_perm("recommendations.view_evidence", reads_everything | reports_for_the_actor_of_update)
# Who wrote an update and what the secretariat said in review stay between them and the readers
# of everything: public pages show the accepted facts only.
rules.add_perm("recommendations.view_review", reads_everything | reports_for_the_actor_of_update)
rules.add_perm("recommendations.view_my_actions", has_an_actor)
rules.add_perm("recommendations.subscribe_calendar", rules.is_authenticated)
# An export of the list is a file made for one user: that user and the secretariat download it.
rules.add_perm("recommendations.download_export", is_secretariat | requested_the_job)


# Meetings. The secretariat creates and edits them (add_meeting / change_meeting below, in the
# workspace and in the admin alike); supervisors read the workspace.
@rules.predicate
def document_is_public(user, document) -> bool:
    return document is not None and document.visibility == "public"


# "Members only" means the people of the group: signed-in focal points, reporters for a body,
# the secretariat and supervisors. Experts are guests of the portal and see public documents only.
reads_members_documents = is_focal_point | is_body_reporter | reads_everything

rules.add_perm("recommendations.view_meeting_workspace", reads_everything)
rules.add_perm("recommendations.view_members_documents", reads_members_documents)
rules.add_perm(
    "recommendations.view_meeting_document", document_is_public | reads_members_documents
)
# Names of persons are personal data: for signed-in users only.
rules.add_perm("recommendations.view_meeting_persons", rules.is_authenticated)


# Proposals to the Conference: every recorded proposal is public (there is no draft); the
# secretariat records them and takes each one, step by step, to the Conference's decision.
@rules.predicate
def proposal_awaits_sending(user, proposal) -> bool:
    return proposal is not None and proposal.state == "proposed"


@rules.predicate
def proposal_awaits_decision(user, proposal) -> bool:
    return proposal is not None and proposal.state == "sent"


@rules.predicate
def proposal_awaits_follow_up(user, proposal) -> bool:
    return proposal is not None and proposal.state == "adopted" and not proposal.follow_up_id


rules.add_perm("recommendations.record_proposal", is_secretariat)
rules.add_perm("recommendations.edit_proposal", is_secretariat)
rules.add_perm("recommendations.send_proposal", is_secretariat & proposal_awaits_sending)
rules.add_perm("recommendations.decide_proposal", is_secretariat & proposal_awaits_decision)
rules.add_perm("recommendations.follow_up_proposal", is_secretariat & proposal_awaits_follow_up)

grant_back_office(
    "recommendations",
    [
        "meeting",
        "meetingdocument",
        "meetingperson",
        "recommendation",
        "recommendationactor",
        "progressupdate",
        "evidence",
        "remindersent",
        "digestsent",
        "calendartoken",
        "proposal",
    ],
)
