"""Benchmark: build a 200-practice compendium edition with images, in each language.

    python bench/compendium.py [--practices 200]

Runs on a throw-away SQLite database and media folder. Each language is rendered in a forked
child process, like a Celery worker, so its peak memory is measured alone. Prints one JSON
object per language: practices, pages, seconds, pages_per_second, peak_rss_mb, and whether a
rebuild of the unchanged edition reused the PDF. Targets (on the project's 2-core machines):
under 30 s and under 800 MB per language.
"""

import argparse
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup(workdir: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "gtr_portal.settings.local"
    os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    os.environ["PRIVATE_MEDIA_ROOT"] = str(workdir / "private")
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    os.environ["DEBUG"] = "False"
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def make_edition(count: int):
    from datetime import datetime

    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone
    from PIL import Image, ImageDraw

    from best_practices.models import BestPractice, CompendiumEdition, Theme
    from best_practices.services import edition_fill_default, practice_save
    from members.models import MemberAdministration, Role, User

    user = User.objects.create_user(email="bench@example.org", role=Role.SECRETARIAT)
    members = list(MemberAdministration.objects.all())
    themes = list(Theme.objects.all())
    paragraph = (
        "La dématérialisation des procédures a réduit les délais et sécurisé les recettes. "
        "Les opérateurs ont été associés dès la conception ; les agents ont été formés. "
    ) * 4
    for n in range(count):
        picture = Image.new("RGB", (1200, 600), (20 + n % 200, 60, 120))
        ImageDraw.Draw(picture).text((40, 280), f"Practice {n}", fill="white")
        buffer = io.BytesIO()
        picture.save(buffer, format="JPEG", quality=80)
        practice = practice_save(
            user=user,
            administration=members[n % len(members)],
            data={
                "title_fr": f"Bonne pratique numéro {n}",
                "title_en": f"Best practice number {n}",
                "summary_fr": "Résumé de la pratique.",
                "summary_en": "Summary of the practice.",
                "body_fr": f"## Contexte\n\n{paragraph}\n\n## Résultats\n\n- délais\n- recettes",
                "body_en": "## Background\n\nPaperless procedures cut times and secured revenue. "
                * 6,
                "results_fr": "Délais divisés par deux.",
                "results_en": "Times halved.",
                "year_started": 2015 + n % 10,
                "contact": "DSI",
                "themes": [themes[n % len(themes)]],
            },
            images=[SimpleUploadedFile(f"p{n}.jpg", buffer.getvalue(), "image/jpeg")],
        )
        BestPractice.objects.filter(pk=practice.pk).update(
            state="published", published_at=timezone.make_aware(datetime(2026, 1, 1))
        )
    edition = CompendiumEdition.objects.create(
        slug="bench",
        title_fr="Recueil",
        title_en="Compendium",
        period_start=2026,
        period_end=2026,
        foreword_fr="Avant-propos.",
        foreword_en="Foreword.",
    )
    edition_fill_default(edition=edition)
    return edition


def render_in_child(edition, language: str) -> dict:
    from django.db import connections

    connections.close_all()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the "worker"
        os.close(read)
        from best_practices.pdf import build_edition

        started = time.perf_counter()
        result = build_edition(edition=edition, languages=[language])[language]
        result["seconds"] = time.perf_counter() - started
        os.write(write, json.dumps(result).encode())
        os._exit(0)
    os.close(write)
    _pid, _status, usage = os.wait4(pid, 0)
    with os.fdopen(read) as pipe:
        result = json.loads(pipe.read())
    result["peak_rss_mb"] = round(usage.ru_maxrss / 1024, 1)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--practices", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup(Path(tmp))
        edition = make_edition(args.practices)
        from best_practices.pdf import build_edition

        for language in ("fr", "en"):
            result = render_in_child(edition, language)
            again = build_edition(edition=edition, languages=[language])[language]
            print(
                json.dumps(
                    {
                        "language": language,
                        "practices": args.practices,
                        "pages": result["pages"],
                        "seconds": round(result["seconds"], 2),
                        "pages_per_second": round(result["pages"] / result["seconds"], 1),
                        "peak_rss_mb": result["peak_rss_mb"],
                        "reused_on_rebuild": again["reused"],
                    }
                )
            )


if __name__ == "__main__":
    main()
