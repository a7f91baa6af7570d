"""Tests: fast hashing, in-memory mail; SQLite or, when set, the PostgreSQL and Redis of CI."""

import uuid

from .base import *  # noqa: F401,F403
from .base import BASE_DIR, DATABASES, REDIS_URL, env

DEBUG = False
SECRET_KEY = "tests-only-secret-key-0123456789abcdefghijklmnopqrstuvwxyz"
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
PRIVATE_MEDIA_ROOT = BASE_DIR / "var" / "test-private-media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {"BACKEND": "gtr_portal.core.storage.PrivateStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if not REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The in-process test worker shares the memory transport; with Redis, a queue of its own per
# run keeps messages of earlier runs away from this one.
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_BROKER_TRANSPORT_OPTIONS = {}
CELERY_TASK_DEFAULT_QUEUE = f"gtr-test-{uuid.uuid4().hex[:8]}"
CELERY_PDF_QUEUE = f"{CELERY_TASK_DEFAULT_QUEUE}.pdf"
MFA_TOTP_TOLERANCE = 1
# Off, since the test database rolls back under a cache that does not: the page cache's own
# tests turn it on (tests/core/test_page_cache.py).
PAGE_CACHE_SECONDS = 0
SCREENSHOT_DIR = env("SCREENSHOT_DIR", default=str(BASE_DIR / "var" / "screenshots"))
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The in-memory test database is shared by threads (live server, Celery worker, a job's
    # heartbeat) in SQLite's shared-cache mode, where a reader locks a table against writers and
    # the writer fails at once ("database table is locked") instead of waiting. Readers that do
    # not lock let a test poll a job while the worker updates it.
    DATABASES["default"]["OPTIONS"]["init_command"] += "PRAGMA read_uncommitted=1;"
