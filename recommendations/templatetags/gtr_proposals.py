"""What a meeting proposed to the Conference, for the meeting's page: one query, whatever the
number of proposals, without the meeting's own selector having to know about proposals."""

from django import template

from ..selectors import meeting_proposals as select_meeting_proposals

register = template.Library()


@register.simple_tag
def meeting_proposals(meeting) -> list:
    return select_meeting_proposals(meeting=meeting)
