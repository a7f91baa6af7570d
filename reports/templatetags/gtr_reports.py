from django import template

register = template.Library()


@register.simple_tag
def figure_link(dashboard, **params):
    """The recommendation list behind a figure of the dashboard."""
    statuses = params.pop("statuses", None)
    if statuses:
        params["status"] = statuses.split(",")
    return dashboard.link(**params)
