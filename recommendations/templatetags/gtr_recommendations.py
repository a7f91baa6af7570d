from django import template

register = template.Library()

_STATUS_CLASSES = {
    "not_started": "badge-grey",
    "in_progress": "badge",
    "partially_implemented": "badge-gold",
    "implemented": "badge-green",
    "cancelled": "badge-grey",
    "superseded": "badge-grey",
    "pending": "badge-gold",
    "returned": "badge-red",
    "accepted": "badge-green",
}


@register.filter
def status_class(status: str) -> str:
    return _STATUS_CLASSES.get(status, "badge")


@register.filter
def lead_actors(recommendation):
    return [link.actor for link in recommendation.actor_links.all() if link.role == "lead"]


@register.filter
def other_actors(recommendation):
    return [link.actor for link in recommendation.actor_links.all() if link.role != "lead"]


@register.filter
def lead_links(recommendation):
    """The lead actors' parts (each with its own status and progress)."""
    return [link for link in recommendation.actor_links.all() if link.role == "lead"]


@register.filter
def other_links(recommendation):
    return [link for link in recommendation.actor_links.all() if link.role != "lead"]
