"""Pages of a list, read in the view."""

from django.core.paginator import Page, Paginator


def page_of(rows, per_page: int, number) -> Page:
    """The requested page of `rows` (the last one when out of range), its rows read now: the
    template that shows them runs no query, and a prefetch on `rows` applies to them."""
    page = Paginator(rows, per_page).get_page(number)
    page.object_list = list(page.object_list)
    return page
