"""Benchmark: the regional dashboard on the generated data set (10,000 recommendations).

    python bench/dashboard.py [--scale 1] [--runs 20]

Target: median under 300 ms for the whole region on these machines. Uses a throw-away SQLite
database (or DATABASE_URL if given) and prints one JSON object.
"""

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DJANGO_SETTINGS_MODULE"] = "gtr_portal.settings.local"
        os.environ.setdefault("DATABASE_URL", f"sqlite:///{Path(tmp) / 'bench.sqlite3'}")
        os.environ["DEBUG"] = "False"
        os.environ["ALLOWED_HOSTS"] = "testserver"
        os.environ["STATIC_ROOT"] = str(Path(tmp) / "static")
        import django

        django.setup()
        from django.core.management import call_command
        from django.test import Client

        from members.models import Body, Role, User

        call_command("migrate", verbosity=0)
        call_command("collectstatic", interactive=False, verbosity=0)
        call_command("generate_data", scale=args.scale, seed=42, verbosity=0)
        supervisor = User.objects.create_user(
            email="bench-supervisor@example.org",
            role=Role.SUPERVISOR,
            body=Body.objects.get(code="ROCB-WCA"),
        )
        client = Client()
        client.force_login(supervisor)
        timings = {}
        for name, params in [("region", {}), ("period", {"period": "2020-2024"})]:
            client.get("/fr/dashboard/", params)  # warm caches and templates
            samples = []
            for _ in range(args.runs):
                started = time.perf_counter()
                response = client.get("/fr/dashboard/", params)
                samples.append((time.perf_counter() - started) * 1000)
                assert response.status_code == 200
            timings[name] = round(statistics.median(samples), 1)
        from recommendations.models import Recommendation

        print(
            json.dumps(
                {
                    "recommendations": Recommendation.objects.count(),
                    "median_ms_region": timings["region"],
                    "median_ms_period_filter": timings["period"],
                    "runs": args.runs,
                }
            )
        )


if __name__ == "__main__":
    main()
