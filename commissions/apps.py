from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommissionsConfig(AppConfig):
    name = "commissions"
    verbose_name = _("Governance")

    def ready(self) -> None:
        from . import permissions  # noqa: F401  (registers rules)
