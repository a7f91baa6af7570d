from django import template

from ..translation_status import VIEW_PERMISSION, missing_languages

register = template.Library()


@register.inclusion_tag("includes/_translation_badges.html", takes_context=True)
def translation_badges(context, item) -> dict:
    """ "EN missing" / "FR missing" beside an item, for the secretariat only."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if item is None or user is None or not user.has_perm(VIEW_PERMISSION):
        return {"missing": []}
    return {"missing": missing_languages(item)}
