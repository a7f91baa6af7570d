"""S3-compatible object storage (django-storages), for a portal that runs on several machines.

Named in settings.STORAGES only when a bucket is configured (docs/scaling.md). A module of its
own: importing boto3 costs half a second, which a portal on local folders never pays.
"""

from storages.backends.s3 import S3Storage


class PublicS3Storage(S3Storage):
    """Public media: plain, unsigned URLs (the bucket's policy lets anyone read this prefix),
    which pages and caches may keep."""

    querystring_auth = False


class PrivateS3Storage(S3Storage):
    """Private files. They have no URL at all, not even a signed one: every download goes
    through a view that checks permissions, records it in the security log and streams the file
    from the bucket (a signed URL, once handed out, works for anyone until it expires)."""

    def url(self, name, parameters=None, expire=None, http_method=None):
        raise ValueError("Private files have no public URL; serve them through a view.")
