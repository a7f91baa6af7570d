from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BestPracticesConfig(AppConfig):
    name = "best_practices"
    verbose_name = _("Best practices and compendium")

    def ready(self) -> None:
        # Registers the rules, and the kinds of notice the review sends.
        from . import notifications, permissions  # noqa: F401
