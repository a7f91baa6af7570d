from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecommendationsConfig(AppConfig):
    name = "recommendations"
    verbose_name = _("Meetings and recommendations")

    def ready(self) -> None:
        from . import permissions  # noqa: F401  (registers rules)
        from .notifications import register_kinds
        from .signals import connect_signals

        register_kinds()
        connect_signals()
