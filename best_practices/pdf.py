"""The compendium as PDF, one file per language, rendered by WeasyPrint in the worker."""

import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from gtr_portal.core.pdf import render_pdf
from gtr_portal.jobs.services import job_report_progress

from .models import BestPractice, CompendiumEdition, EditionFile, Theme

# Bump when the print template or stylesheet changes, so unchanged editions are re-rendered.
TEMPLATE_VERSION = "2026-11-23.2"


@dataclass
class Chapter:
    theme: Theme | None
    practices: list[BestPractice]


def edition_chapters(edition: CompendiumEdition) -> list[Chapter]:
    """Practices in the edition's order, one chapter per theme (a practice's first theme)."""
    practices = [
        entry.practice
        for entry in edition.entries.select_related("practice__administration")
        .prefetch_related("practice__themes", "practice__images")
        .order_by("order", "pk")
    ]
    chapters: dict[int | None, Chapter] = {}
    for practice in practices:
        themes = sorted(practice.themes.all(), key=lambda t: (t.order, t.slug))
        theme = themes[0] if themes else None
        chapters.setdefault(theme.pk if theme else None, Chapter(theme, [])).practices.append(
            practice
        )
    return sorted(
        chapters.values(), key=lambda c: (c.theme is None, c.theme.order if c.theme else 0)
    )


def content_hash(edition: CompendiumEdition, language: str, chapters: list[Chapter]) -> str:
    """Everything the PDF depends on; an unchanged edition is not rendered again."""
    digest = hashlib.sha256()
    parts = [
        TEMPLATE_VERSION,
        language,
        edition.title_fr,
        edition.title_en or "",
        edition.foreword_fr or "",
        edition.foreword_en or "",
        edition.period,
    ]
    for chapter in chapters:
        parts.append(
            f"theme:{chapter.theme.pk if chapter.theme else ''}:"
            f"{chapter.theme.name_fr if chapter.theme else ''}:"
            f"{chapter.theme.name_en if chapter.theme else ''}"
        )
        for p in chapter.practices:
            parts += [
                str(p.pk),
                p.updated_at.isoformat(),
                p.administration.name_fr,
                p.administration.name_en or "",
            ]
            parts += [f"{image.pk}:{image.image.name}" for image in p.images.all()]
    for part in parts:
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()


def _target(edition: CompendiumEdition, language: str) -> Path:
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    return root / "compendium" / f"{edition.slug}-{language}.pdf"


def build_edition(
    *, edition: CompendiumEdition, job=None, languages: list[str] | None = None
) -> dict:
    """Render the missing or outdated PDFs of an edition; return what was done per language."""
    chapters = edition_chapters(edition)
    results = {}
    images: dict = {}  # decoded once for both languages of this build, then let go
    languages = languages or [code for code, _name in settings.LANGUAGES]
    for index, language in enumerate(languages):
        digest = content_hash(edition, language, chapters)
        existing = edition.files.filter(language=language).first()
        if existing and existing.content_hash == digest and Path(existing.file.path).exists():
            results[language] = {"pages": existing.pages, "size": existing.size, "reused": True}
            continue
        target = _target(edition, language)
        with translation.override(language):
            html = render_to_string(
                "best_practices/pdf/compendium.html",
                {
                    "edition": edition,
                    "chapters": chapters,
                    "language": language,
                    "generated": timezone.localdate(),
                },
            )
        base_url = Path(settings.PRIVATE_MEDIA_ROOT).resolve().as_uri() + "/"
        pages = render_pdf(html=html, base_url=base_url, target=target, image_cache=images)
        size = target.stat().st_size
        EditionFile.objects.update_or_create(
            edition=edition,
            language=language,
            defaults={
                "file": str(target.relative_to(settings.PRIVATE_MEDIA_ROOT)),
                "size": size,
                "pages": pages,
                "content_hash": digest,
                "built_at": timezone.now(),
            },
        )
        results[language] = {"pages": pages, "size": size, "reused": False}
        if job is not None:
            job_report_progress(job=job, progress=int(100 * (index + 1) / len(languages)))
    return results
