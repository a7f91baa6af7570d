"""Benchmark: a compendium edition of about 300 pages with images (290 practices).

    python bench/compendium.py [--practices 290] [--editions 20] [--json]

Runs on a throw-away SQLite database and media folder. Each build runs in a forked child
process, like a Celery worker, so its peak memory is measured alone. Measures (issue 12, target
6): the French PDF built by the portal against WeasyPrint alone on the same HTML (side by side),
its peak memory, the memory of one worker process after the first and after the last of
`--editions` builds, and whether a rebuild of the unchanged edition reuses the PDF. Prints one
JSON object. bench/run.py turns it into targets (docs/performance.md).
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


def in_child(work) -> dict:
    """Run `work()` in a forked child, like a Celery worker process: its result (JSON) and its
    peak memory, measured alone."""
    from django.db import connections

    connections.close_all()
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read)
        result = work()
        os.write(write, json.dumps(result).encode())
        os._exit(0)
    os.close(write)
    _pid, _status, usage = os.wait4(pid, 0)
    with os.fdopen(read) as pipe:
        result = json.loads(pipe.read() or "{}")
    result["peak_rss_mb"] = round(usage.ru_maxrss / 1024, 1)
    return result


def rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1024**2


def portal_build(edition, language: str):
    def work():
        from best_practices.pdf import build_edition

        edition.files.all().delete()
        started = time.perf_counter()
        result = build_edition(edition=edition, languages=[language])[language]
        result["seconds"] = time.perf_counter() - started
        return result

    return work


def weasyprint_alone(edition, language: str):
    """WeasyPrint on the same HTML, the same fetcher, no portal around it."""

    def work():
        from django.template.loader import render_to_string
        from django.utils import timezone, translation
        from weasyprint import HTML

        from best_practices.pdf import edition_chapters
        from gtr_portal.core.pdf import PortalURLFetcher, private_files_base_url
        from gtr_portal.core.typography import typeset_document

        with translation.override(language):
            html = typeset_document(
                render_to_string(
                    "best_practices/pdf/compendium.html",
                    {
                        "edition": edition,
                        "chapters": edition_chapters(edition),
                        "language": language,
                        "generated": timezone.localdate(),
                    },
                )
            )
        started = time.perf_counter()
        document = HTML(
            string=html, base_url=private_files_base_url(), url_fetcher=PortalURLFetcher()
        ).render()
        document.write_pdf(io.BytesIO())
        return {"seconds": time.perf_counter() - started, "pages": len(document.pages)}

    return work


def many_editions(edition, count: int):
    """One worker process builds `count` editions in a row: its memory after the first and
    after the last (no cache may grow with the editions a worker has built)."""

    def work():
        import gc

        from best_practices.pdf import build_edition

        after = []
        for _ in range(count):
            edition.files.all().delete()
            build_edition(edition=edition, languages=["fr"])
            gc.collect()
            after.append(rss_mb())
        return {"rss_after_first_mb": after[0], "rss_after_last_mb": after[-1]}

    return work


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--practices", type=int, default=290, help="290 make about 300 pages")
    parser.add_argument("--editions", type=int, default=20, help="builds in one worker")
    parser.add_argument("--json", action="store_true", help="one JSON object for bench/run.py")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        setup(Path(tmp))
        edition = make_edition(args.practices)
        from best_practices.models import CompendiumEdition, CompendiumEntry

        # Side by side, in the order A B B A, the faster of each kept: one run each, the first
        # paid for warming the machine (fonts, page cache) and read up to 1.3x slower.
        runs = {"portal": [], "alone": []}
        for name in ("portal", "alone", "alone", "portal"):
            build = portal_build if name == "portal" else weasyprint_alone
            runs[name].append(in_child(build(edition, "fr")))
        portal, alone = (min(runs[name], key=lambda run: run["seconds"]) for name in runs)
        from best_practices.pdf import build_edition

        build_edition(edition=edition, languages=["fr"])
        reused = build_edition(edition=edition, languages=["fr"])["fr"]["reused"]
        small = CompendiumEdition.objects.create(
            slug="bench-small", title_fr="Recueil", title_en="Compendium",
            period_start=2026, period_end=2026,
        )  # fmt: skip
        CompendiumEntry.objects.bulk_create(
            [
                CompendiumEntry(edition=small, practice_id=entry.practice_id, order=entry.order)
                for entry in edition.entries.order_by("order")[:20]
            ]
        )
        memory = in_child(many_editions(small, args.editions))
        result = {
            "practices": args.practices,
            "pages": portal["pages"],
            "portal_seconds": round(portal["seconds"], 2),
            "weasyprint_seconds": round(alone["seconds"], 2),
            "ratio_to_weasyprint": round(portal["seconds"] / alone["seconds"], 2),
            "peak_rss_mb": portal["peak_rss_mb"],
            "weasyprint_peak_rss_mb": alone["peak_rss_mb"],
            "editions": args.editions,
            "rss_after_first_mb": round(memory["rss_after_first_mb"], 1),
            "rss_after_last_mb": round(memory["rss_after_last_mb"], 1),
            "memory_growth_mb": round(
                memory["rss_after_last_mb"] - memory["rss_after_first_mb"], 1
            ),
            "reused_on_rebuild": reused,
        }
        print(json.dumps(result) if args.json else json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
