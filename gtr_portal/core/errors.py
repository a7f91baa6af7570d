class DomainError(Exception):
    """A rule of the domain was broken; `message` is translated and safe to show to the user."""

    def __init__(self, message, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
