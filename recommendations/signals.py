"""What moves on when progress updates change (they do not move the content generation:
gtr_portal/core/page_cache.py): an actor's "my actions" and the review queue."""

from django.db.models.signals import post_delete, post_save

from gtr_portal.core.content_cache import forget

from .models import ProgressUpdate
from .selectors.recommendations import (
    UPDATES_AWAITING_REVIEW_MARKER_KEY,
    my_updates_marker_key,
)


def _updates_changed(sender, instance, **kwargs) -> None:
    forget(my_updates_marker_key(instance.actor_id))
    forget(UPDATES_AWAITING_REVIEW_MARKER_KEY)


def connect_signals() -> None:
    for signal in (post_save, post_delete):
        signal.connect(
            _updates_changed, sender=ProgressUpdate, dispatch_uid=f"my-updates-{id(signal)}"
        )
