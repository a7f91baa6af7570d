from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BestPracticesConfig(AppConfig):
    name = "best_practices"
    verbose_name = _("Best practices and compendium")

    def ready(self) -> None:
        from . import permissions  # noqa: F401  (registers rules)
