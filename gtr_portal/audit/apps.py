from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "gtr_portal.audit"
    label = "audit"
    verbose_name = _("Security log")

    def ready(self) -> None:
        from . import history, receivers  # noqa: F401  (registers history and receivers)
