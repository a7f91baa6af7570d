"""Files that must never be reachable by a public URL (evidence of progress, drafts).

They are stored outside MEDIA_ROOT and served only by views that check permissions.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


class PrivateStorage(FileSystemStorage):
    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a view.")


def private_storage() -> PrivateStorage:
    return PrivateStorage(location=settings.PRIVATE_MEDIA_ROOT)


class HashedStaticStorage(CompressedManifestStaticFilesStorage):
    """Static files under names that carry a hash of their content, even with DEBUG on.

    Django keeps plain names under DEBUG; `make run` then sent every asset again on each visit.
    With hashed names WhiteNoise marks them immutable (cached for a year), and a changed file
    gets a new name. `collectstatic` (which `make run` calls) writes the names' manifest.
    """

    def url(self, name, force=False):
        return super().url(name, force=True)
