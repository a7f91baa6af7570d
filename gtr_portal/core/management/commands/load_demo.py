"""Load the demo data of every app that has a `demo` module, in the order of INSTALLED_APPS.

Idempotent: run it as often as you like. Never run it in production (the demo accounts share a
published password).
"""

from importlib import import_module
from importlib.util import find_spec
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction


class Command(BaseCommand):
    help = "Create demo accounts (password gtr-demo-2026) and illustrative data of every app."

    @transaction.atomic
    def handle(self, *args, **options):
        for config in apps.get_app_configs():
            ours = Path(config.path).is_relative_to(settings.BASE_DIR / config.name.split(".")[0])
            if ours and find_spec(f"{config.name}.demo") is not None:
                import_module(f"{config.name}.demo").load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
