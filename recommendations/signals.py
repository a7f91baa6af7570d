"""What moves on when an actor's own progress updates change (they do not move the content
generation: gtr_portal/core/page_cache.py)."""

from django.db.models.signals import post_delete, post_save

from gtr_portal.core.content_cache import forget

from .models import ProgressUpdate
from .selectors.recommendations import my_updates_marker_key


def _actor_updates_changed(sender, instance, **kwargs) -> None:
    forget(my_updates_marker_key(instance.actor_id))


def connect_signals() -> None:
    for signal in (post_save, post_delete):
        signal.connect(
            _actor_updates_changed, sender=ProgressUpdate, dispatch_uid=f"my-updates-{id(signal)}"
        )
