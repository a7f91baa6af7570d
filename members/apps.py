from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self) -> None:
        from . import (  # noqa: F401  (rules, receivers, account history and security log)
            audit_signals,
            permissions,
            signals,
            throttling,
        )
