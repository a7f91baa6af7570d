"""Files that must never be reachable by a public URL (evidence of progress, drafts).

They are stored outside MEDIA_ROOT and served only by views that check permissions.
"""

from django.conf import settings
from django.core.files.storage import FileSystemStorage


class PrivateStorage(FileSystemStorage):
    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a view.")


def private_storage() -> PrivateStorage:
    return PrivateStorage(location=settings.PRIVATE_MEDIA_ROOT)
