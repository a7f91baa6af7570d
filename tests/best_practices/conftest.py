import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from best_practices.models import BestPractice, Theme
from best_practices.services import practice_save


def png(name="photo.png", colour="navy", size=(320, 200)):
    buffer = io.BytesIO()
    Image.new("RGB", size, colour).save(buffer, format="PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def practice_data(**overrides):
    data = {
        "title_fr": "Guichet unique ORBUS",
        "title_en": "ORBUS single window",
        "summary_fr": "Formalités dématérialisées.",
        "summary_en": "Paperless formalities.",
        "body_fr": "## Contexte\n\nLe **guichet unique** relie tous les acteurs.",
        "body_en": "## Background\n\nThe **single window** links every actor.",
        "results_fr": "Délais divisés par deux.",
        "results_en": "Times halved.",
        "year_started": 2017,
        "contact": "DSI, Douanes du Sénégal",
        "themes": [Theme.objects.get(slug="e-clearance")],
    }
    data.update(overrides)
    return data


@pytest.fixture
def draft(fp_senegal, senegal):
    return practice_save(
        user=fp_senegal, administration=senegal, data=practice_data(), images=[png()]
    )


@pytest.fixture
def published(draft, secretariat):
    from best_practices.services import practice_publish

    return practice_publish(practice=draft, reviewer=secretariat)


def make_published(user, administration, title, theme="e-clearance", images=1, **extra):
    from django.utils import timezone

    extra.setdefault("title_en", title)
    practice = practice_save(
        user=user,
        administration=administration,
        data=practice_data(title_fr=title, themes=[Theme.objects.get(slug=theme)], **extra),
        images=[png(f"img{i}.png") for i in range(images)],
    )
    BestPractice.objects.filter(pk=practice.pk).update(
        state="published", published_at=timezone.now()
    )
    practice.refresh_from_db()
    return practice
