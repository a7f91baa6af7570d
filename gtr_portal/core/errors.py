from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A rule of the domain was broken; `message` is translated and safe to show to the user."""

    def __init__(self, message, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(Exception):  # noqa: N818 - the domain's word, as Django's Http404 or DoesNotExist
    """What was asked for does not exist, or is not there for this user (selectors do not tell
    the two apart). Selectors know no HTTP: NotFoundMiddleware shows the portal's 404 page. Not
    a DomainError: a view that shows a broken rule as a message must not swallow it."""

    def __init__(self, message=""):
        super().__init__(message or _("Not found."))
