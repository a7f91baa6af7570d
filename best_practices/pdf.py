"""The compendium as PDF, one file per language, rendered by WeasyPrint in the worker."""

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils import timezone

from gtr_portal.core.pdf import pdf_files_build

from .models import BestPractice, CompendiumEdition, Theme

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


def _name(edition: CompendiumEdition, language: str) -> str:
    return f"compendium/{edition.slug}-{language}.pdf"


def build_edition(
    *,
    edition: CompendiumEdition,
    languages: list[str] | None = None,
    progress: Callable[[int], None] | None = None,
) -> dict:
    """Render the missing or outdated PDFs of an edition; return what was done per language.

    `progress(percent)` is told after each language (the build job passes its own)."""
    chapters = edition_chapters(edition)

    def render_html(language: str) -> str:
        return render_to_string(
            "best_practices/pdf/compendium.html",
            {
                "edition": edition,
                "chapters": chapters,
                "language": language,
                "generated": timezone.localdate(),
            },
        )

    return pdf_files_build(
        files=edition.files,
        name=lambda language: _name(edition, language),
        render_html=render_html,
        languages=languages,
        # The print shows the day it was made: the hash leaves it out, so that an unchanged
        # edition is not made again every day.
        content_hash=lambda language: content_hash(edition, language, chapters),
        progress=progress,
    )
