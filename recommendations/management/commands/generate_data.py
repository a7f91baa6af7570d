"""Fill the database for performance work: --scale 1 is about 200 meetings, 10,000
recommendations and 50,000 progress updates. Deterministic for a given --seed."""

from django.core.management.base import BaseCommand
from django.db.models import Max

from recommendations.generator import generate
from recommendations.models import Meeting


class Command(BaseCommand):
    help = "Generate meetings, recommendations and progress updates for performance work."

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=1.0)
        parser.add_argument("--seed", type=int, default=42)

    def handle(self, *args, scale: float, seed: int, **options):
        meetings = max(1, round(200 * scale))
        start = (Meeting.objects.filter(kind="gtr").aggregate(n=Max("number"))["n"] or 0) + 100
        counts = generate(
            meetings=meetings, per_meeting=50, updates_per=5, seed=seed, start_number=start
        )
        self.stdout.write(
            self.style.SUCCESS(
                "Generated {meetings} meetings, {recommendations} recommendations and "
                "{updates} progress updates (seed {seed}).".format(seed=seed, **counts)
            )
        )
