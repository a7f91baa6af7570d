from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "gtr_portal.jobs"
    label = "jobs"
    verbose_name = _("Background jobs")

    def ready(self) -> None:
        # Handlers register themselves in their app's `tasks` module; the web process needs them
        # too, to validate kinds when it creates jobs.
        autodiscover_modules("tasks")
