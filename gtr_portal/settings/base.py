"""Settings shared by every environment, read from the environment (12-factor).

Every variable is listed in `.env.example`. Defaults are safe for development;
`production.py` removes the ones that must never have a default there.
"""

from pathlib import Path

import environ
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env("SECRET_KEY", default="django-insecure-development-only-key-do-not-use")
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000")

# --- Applications --------------------------------------------------------------------------

INSTALLED_APPS = [
    # modeltranslation must come before the admin to patch it with translation tabs.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rules",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "simple_history",
    "django_filters",
    # Cross-cutting machinery that knows no domain.
    "gtr_portal.core",
    "gtr_portal.jobs",
    "gtr_portal.notifications",
    "gtr_portal.audit",
    # The domain, in the order in which apps may depend on each other.
    "members",
    "commissions",
    "recommendations",
    "best_practices",
    "reports",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "gtr_portal.core.security_headers.PermissionsPolicyMiddleware",
    # Refuses an oversized request from its Content-Length, before anything reads the body.
    "gtr_portal.core.request_limits.RequestSizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Public pages as visitors see them, from the shared cache; outside compression and
    # typography, so that a hit returns the finished bytes (gtr_portal/core/page_cache.py).
    "gtr_portal.core.page_cache.PublicPageCacheMiddleware",
    # Early in the list, so it compresses the response last, once every other middleware is done.
    "gtr_portal.core.middleware.CompressTextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # French typography on every French page; below compression, which must see the result.
    "gtr_portal.core.typography.FrenchTypographyMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Ends a session idle for too long or open for too long, before any view sees the user.
    "members.sessions.SessionTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Answers 429 to a sign-in attempt from an address, or for an account at an address, that
    # failed too often.
    "members.throttling.LoginThrottleMiddleware",
    "members.middleware.RequireTwoFactorMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # A selector's NotFound (the domain's "not found") becomes the 404 page.
    "gtr_portal.core.middleware.NotFoundMiddleware",
]

ROOT_URLCONF = "gtr_portal.urls"
WSGI_APPLICATION = "gtr_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "gtr_portal.core.context_processors.portal",
            ],
        },
    },
]

# --- Data ----------------------------------------------------------------------------------

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several processes (web, worker, beat) share the file: wait for locks instead of failing.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL;"}
    )
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        # Falls back to memory while Redis is down: pages and sign-in never fail for its sake.
        "default": {"BACKEND": "gtr_portal.core.cache.ResilientRedisCache", "LOCATION": REDIS_URL}
    }
else:
    # A file cache is shared by all local processes, so rate limits hold across them.
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "cache"),
        }
    }

MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "media")))
MEDIA_URL = "/media/"
# Evidence and other private uploads: never under MEDIA_URL; permission-checked views serve them.
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", default=str(BASE_DIR / "private-media")))
# `manage.py backup` writes its archives here (database and both media folders: keep it private).
BACKUP_DIR = Path(env("BACKUP_DIR", default=str(VAR_DIR / "backups")))
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "gtr_portal" / "static"]
# Uploaded and generated files: the two folders above, or, once a bucket is named, S3-compatible
# object storage that several machines share (docs/scaling.md). Private files never get a URL.
AWS_STORAGE_BUCKET_NAME = env("AWS_STORAGE_BUCKET_NAME", default="")
if AWS_STORAGE_BUCKET_NAME:
    _bucket_access = {
        "endpoint_url": env("AWS_S3_ENDPOINT_URL", default="") or None,
        "region_name": env("AWS_S3_REGION_NAME", default="") or None,
        # Without keys, boto3's own chain applies (an instance role, say).
        "access_key": env("AWS_ACCESS_KEY_ID", default="") or None,
        "secret_key": env("AWS_SECRET_ACCESS_KEY", default="") or None,
        "addressing_style": env("AWS_S3_ADDRESSING_STYLE", default="") or None,
        "file_overwrite": False,  # an upload never replaces another one of the same name
        "max_memory_size": 5 * 1024 * 1024,  # a larger file being served spills to disk
    }
    STORAGES = {
        "default": {
            "BACKEND": "gtr_portal.core.object_storage.PublicS3Storage",
            "OPTIONS": {
                **_bucket_access,
                "bucket_name": AWS_STORAGE_BUCKET_NAME,
                "location": env("AWS_PUBLIC_MEDIA_LOCATION", default="media"),
                "custom_domain": env("AWS_S3_CUSTOM_DOMAIN", default="") or None,
            },
        },
        "private": {
            "BACKEND": "gtr_portal.core.object_storage.PrivateS3Storage",
            "OPTIONS": {
                **_bucket_access,
                "bucket_name": env(
                    "AWS_PRIVATE_STORAGE_BUCKET_NAME", default=AWS_STORAGE_BUCKET_NAME
                ),
                "location": env("AWS_PRIVATE_MEDIA_LOCATION", default="private"),
            },
        },
    }
else:
    STORAGES = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "private": {"BACKEND": "gtr_portal.core.storage.PrivateStorage"},
    }
# Hashed names (also under DEBUG) so that WhiteNoise serves them cached for a year.
STORAGES["staticfiles"] = {"BACKEND": "gtr_portal.core.storage.HashedStaticStorage"}
# Uploaded files are checked by gtr_portal.core.uploads; this only bounds what Django buffers.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# The largest request body accepted at all, refused from its Content-Length before it is read
# (the reverse proxy holds the same limit: README).
REQUEST_MAX_BYTES = env.int("REQUEST_MAX_BYTES", default=50 * 1024 * 1024)
FILE_UPLOAD_HANDLERS = [
    "gtr_portal.core.uploads.SizeLimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# Evidence waiting for review, per member administration: a focal point cannot fill the disk.
PENDING_EVIDENCE_QUOTA_BYTES = env.int("PENDING_EVIDENCE_QUOTA_BYTES", default=200 * 1024 * 1024)
FILE_UPLOAD_PERMISSIONS = 0o640

# --- Languages -----------------------------------------------------------------------------

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Unambiguous dates in both languages ("14 mai 2025", "14 May 2025"), 24-hour times.
FORMAT_MODULE_PATH = ["gtr_portal.formats"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "Africa/Abidjan"
MODELTRANSLATION_DEFAULT_LANGUAGE = "fr"
MODELTRANSLATION_LANGUAGES = ("fr", "en")
# An empty English text falls back to the French one, and the reverse.
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": ("fr",), "fr": ("en",)}

# --- Accounts (django-allauth) -------------------------------------------------------------

AUTH_USER_MODEL = "members.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    "members.backends.SuperuserModelBackend",
    "members.backends.AccountBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_ADAPTER = "members.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_PRESERVE_USERNAME_CASING = False
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[GTR] "
ACCOUNT_RATE_LIMITS = {
    # Wrong authenticator codes: 5 per user in 5 minutes (allauth's MFA step). Wrong passwords
    # are members.throttling's: per address and per (address, account), never per account
    # alone, which would let strangers lock an account out (AccountAdapter.pre_authenticate).
    "login_failed": "10/m/ip,5/5m/key",
    "login": "30/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_email": "5/m/user",
}
LOGIN_THROTTLE_PER_ACCOUNT_AND_ADDRESS = env.int(
    "LOGIN_THROTTLE_PER_ACCOUNT_AND_ADDRESS", default=5
)
LOGIN_THROTTLE_PER_ADDRESS = env.int("LOGIN_THROTTLE_PER_ADDRESS", default=30)
LOGIN_THROTTLE_FIRST_PAUSE_SECONDS = 60
# A count is forgotten after this long without a failure (or after its pause plus this long).
LOGIN_THROTTLE_QUIET_SECONDS = env.int("LOGIN_THROTTLE_QUIET_SECONDS", default=15 * 60)
LOGIN_THROTTLE_LONGEST_PAUSE_SECONDS = 60 * 60
# How many reverse proxies add themselves to X-Forwarded-For in front of the portal (README).
# 0: the client's address is the connection's own; never trust the header then.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_PROXY_COUNT = TRUSTED_PROXY_COUNT
MFA_ADAPTER = "members.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "GTR Portal"
MFA_RECOVERY_CODE_COUNT = 10

# --- E-mail --------------------------------------------------------------------------------

EMAIL_BACKEND = env("EMAIL_BACKEND", default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="GTR Portal <noreply@gtr-aoc.example.org>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background work (Celery) --------------------------------------------------------------

# Without Redis, an embedded file-system broker still lets a real worker run beside the web
# process: nothing to install for development.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL or "filesystem://")
if CELERY_BROKER_URL == "filesystem://":
    _broker_dir = VAR_DIR / "broker"
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        "data_folder_in": str(_broker_dir / "out"),
        "data_folder_out": str(_broker_dir / "out"),
        "processed_folder": str(_broker_dir / "processed"),
        # Kombu's exchange table, which otherwise lands in the working directory.
        "control_folder": str(_broker_dir / "control"),
        "store_processed": False,
    }
else:
    CELERY_BROKER_TRANSPORT_OPTIONS = {
        # The database sweeper (JOBS_* below) is what recovers a job whose worker died, within
        # two minutes. Redis hands an unacknowledged message to another worker only after
        # visibility_timeout: a backstop, and a harmless one, since the row claim in job_run
        # turns every delivery after the first into a no-op. It outlasts the longest task
        # (CELERY_TASK_TIME_LIMIT) and the longest retry countdown, so that a task still running
        # or waiting is not handed out a second time for nothing.
        "visibility_timeout": 20 * 60,
        # Bounded waits: a request that queues a job never hangs on a stopped or unreachable
        # Redis, and does not retry connecting (kombu would, for seconds): the job stays queued
        # and the sweeper sends it later. The worker reconnects by its own rules (broker_*).
        "socket_connect_timeout": 1,
        "socket_timeout": 10,
        "max_retries": 0,
    }
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
# A job's row in the database is its only result: no result backend.
CELERY_TASK_IGNORE_RESULT = True
# A message is acknowledged once its task has returned, and put back at once when the process
# running it dies. Alone, that would redeliver forever a job that kills its worker; here the
# redelivery finds the row running and does nothing, and the sweeper counts the attempts.
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = 15 * 60
CELERY_TASK_SOFT_TIME_LIMIT = 14 * 60
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_QUEUE", default="gtr")
# PDF builds (minutes of CPU each) wait on a queue of their own, served by a worker of their own
# at a lower CPU priority (docker-compose.yml): e-mails and exports never wait behind a compendium,
# and pages stay fast while one builds. `make run` serves both queues with one worker.
CELERY_PDF_QUEUE = env("CELERY_PDF_QUEUE", default=f"{CELERY_TASK_DEFAULT_QUEUE}.pdf")
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celerybeat-schedule")
CELERY_BEAT_SCHEDULE = {
    "jobs-sweep": {
        "task": "gtr_portal.jobs.tasks.jobs_sweep",
        "schedule": env.float("JOBS_SWEEP_SECONDS", default=30.0),
    },
    "jobs-temporary-files": {
        "task": "gtr_portal.jobs.tasks.temporary_files_remove",
        "schedule": crontab(minute=17),
    },
    "jobs-prune": {
        "task": "gtr_portal.jobs.tasks.jobs_prune",
        "schedule": crontab(hour=3, minute=40),
    },
    "audit-prune": {
        "task": "gtr_portal.audit.tasks.audit_prune",
        "schedule": crontab(hour=3, minute=15),
    },
    "sessions-clear-expired": {
        "task": "members.tasks.clear_expired_sessions",
        "schedule": crontab(hour=3, minute=30),
    },
    # Each user who chose it gets at most one digest a day (a unique row per user and day).
    "notifications-daily-digest": {
        "task": "gtr_portal.notifications.tasks.send_daily_digests",
        "schedule": crontab(hour=6, minute=30),
    },
    "deadline-reminders": {
        "task": "recommendations.tasks.send_deadline_reminders",
        "schedule": crontab(hour=6, minute=0),
    },
    "weekly-digest": {
        "task": "recommendations.tasks.send_weekly_digest",
        "schedule": crontab(hour=7, minute=0, day_of_week="mon"),
    },
    # Exports of the recommendation list are kept for a day (recommendations.exports).
    "recommendation-exports-expire": {
        "task": "recommendations.tasks.expire_exports",
        "schedule": crontab(minute=25),
    },
}
# A running job's worker updates its heartbeat every JOBS_HEARTBEAT_SECONDS; a job without one
# for JOBS_STALE_AFTER_SECONDS (several missed beats) has lost its worker and is put back in the
# queue by the next sweep (every JOBS_SWEEP_SECONDS), a bounded number of times: back within
# stale + sweep = 90 s by default.
JOBS_HEARTBEAT_SECONDS = env.float("JOBS_HEARTBEAT_SECONDS", default=15.0)
JOBS_STALE_AFTER_SECONDS = env.int("JOBS_STALE_AFTER_SECONDS", default=60)
# A queued job sent this long ago and still not started: the broker lost it; send it again.
JOBS_RESEND_AFTER_SECONDS = env.int("JOBS_RESEND_AFTER_SECONDS", default=10 * 60)
# Pause before trying a job again after an unexpected error, times the attempts so far.
JOBS_RETRY_DELAY_SECONDS = env.int("JOBS_RETRY_DELAY_SECONDS", default=30)
# Finished jobs are kept this long, then deleted with the files only they referenced.
JOBS_KEEP_DAYS = env.int("JOBS_KEEP_DAYS", default=90)
# A render's temporary file untouched this long (longer than any task may run) is an orphan.
JOBS_TEMPORARY_FILES_MAX_AGE_SECONDS = env.int(
    "JOBS_TEMPORARY_FILES_MAX_AGE_SECONDS", default=60 * 60
)
# Security events older than this many days are deleted every night.
AUDIT_KEEP_DAYS = env.int("AUDIT_KEEP_DAYS", default=400)

# --- Sessions ------------------------------------------------------------------------------

# Session keys are stored hashed, with their user (so that a user's other sessions can end).
SESSION_ENGINE = "members.sessions"
SESSION_IDLE_TIMEOUT_SECONDS = env.int("SESSION_IDLE_TIMEOUT_SECONDS", default=30 * 60)
SESSION_ABSOLUTE_TIMEOUT_SECONDS = env.int("SESSION_ABSOLUTE_TIMEOUT_SECONDS", default=12 * 60 * 60)
SESSION_COOKIE_AGE = SESSION_ABSOLUTE_TIMEOUT_SECONDS
SESSION_COOKIE_SAMESITE = "Lax"
# Key of the secrets kept at rest (TOTP secrets): a Fernet key, or any long random text.
FIELD_ENCRYPTION_KEY = env("FIELD_ENCRYPTION_KEY", default=SECRET_KEY)

# --- Security ------------------------------------------------------------------------------

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# No inline script, handler or style anywhere: every page loads its code from /static/.
# No inline script nor style anywhere: behaviour lives in static/js/, looks in static/css/, values
# a page needs (progress) go in elements and attributes (<progress>, SVG presentation attributes).
# The back office keeps the same policy, with no exception: the admin templates the portal uses
# have no inline style or script (change_list.html adds a <style> only for a ModelAdmin with
# actions_on_top and actions_on_bottom both off; were one added, relax style-src for that view
# alone with csp.decorators.csp_update). tests/core/test_security_headers.py checks every page's
# markup and headers, tests/browser/test_accessibility.py what Chromium refuses.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        # The two-factor set-up page shows its QR code as a data: image.
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "frame-ancestors": ["'none'"],
    }
}
PERMISSIONS_POLICY_DISABLED_FEATURES = [
    "accelerometer",
    "camera",
    "geolocation",
    "gyroscope",
    "magnetometer",
    "microphone",
    "payment",
    "usb",
    "interest-cohort",
]

# --- Logging -------------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    # WeasyPrint reports every rendering step at INFO: keep its warnings only.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

# --- Portal --------------------------------------------------------------------------------

PORTAL_NAME = _("GTR Portal")
UPLOAD_MAX_IMAGE_BYTES = 2 * 1024 * 1024

# --- Public page cache (gtr_portal/core/page_cache.py) -------------------------------------

# How long a public page may be served from the cache at most; any saved content retires every
# cached page at once before that. 0 turns the cache off.
PAGE_CACHE_SECONDS = env.int("PAGE_CACHE_SECONDS", default=300)
# The dashboard's figures and a draft report's facts (gtr_portal/core/content_cache.py): kept
# until content changes, and this long at most. Off when PAGE_CACHE_SECONDS is 0.
CONTENT_CACHE_SECONDS = env.int("CONTENT_CACHE_SECONDS", default=3600)
# The pages a visitor without a session may be served from the cache.
PAGE_CACHE_VIEWS = {
    "home",
    "members:member-list",
    "members:member-detail",
    "commissions:governance",
    "commissions:commission-detail",
    "recommendations:meeting-list",
    "recommendations:meeting-review",
    "recommendations:meeting-detail",
    "best_practices:practice-list",
    "best_practices:practice-detail",
    "best_practices:compendium",
    "best_practices:edition-detail",
}
# Saving a row of these apps retires the cached pages, except for rows no public page shows.
PAGE_CACHE_CONTENT_APPS = {
    "members",
    "commissions",
    "recommendations",
    "best_practices",
    "reports",
    "sites",
}
PAGE_CACHE_IGNORED_MODELS = {
    # Submitted progress updates change no shared figure until the review accepts them, which
    # saves the actor's part and the recommendation: those retire the cached pages.
    "recommendations.progressupdate",
    "recommendations.historicalprogressupdate",
    "recommendations.evidence",
    "recommendations.updateevent",
    "members.usersession",
    "recommendations.calendartoken",
    "recommendations.remindersent",
    "recommendations.digestsent",
}
# Generated PDFs: saving one retires the cached pages (some list them) but not the content
# fragments, which never show them (gtr_portal/core/page_cache.py).
PAGE_CACHE_FILE_MODELS = {"best_practices.editionfile", "reports.reportfile"}
