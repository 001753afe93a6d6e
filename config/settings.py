"""SMART settings: one module, every deploy-specific value from the environment.

Nothing here exists only in production. Without any environment the project
runs on the embedded SQLite database under ``SMART_DATA_DIR`` (default
``./var``); with ``DATABASE_URL`` it runs on PostgreSQL.
"""

import secrets
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONCE, NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DATA_DIR = Path(env.str("SMART_DATA_DIR", default=str(BASE_DIR / "var"))).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """The key from SECRET_KEY, else one generated once and kept in DATA_DIR.

    The generated file lives outside git (DATA_DIR is ignored) and is readable
    by its owner only, so no secret is ever committed.
    """
    if env.str("SECRET_KEY", default=""):
        return env.str("SECRET_KEY")
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def _audit_key() -> str:
    """The HMAC key of the audit chain: SMART_AUDIT_KEY, else a key generated
    once and kept in DATA_DIR/audit_key (owner-only, outside git).

    It is deliberately not in the database: whoever can write the audit table
    but not read this key cannot recompute the hashes of edited rows.
    """
    if env.str("SMART_AUDIT_KEY", default=""):
        return env.str("SMART_AUDIT_KEY")
    key_file = DATA_DIR / "audit_key"
    if not key_file.exists():
        key_file.touch(mode=0o600)
        key_file.write_text(secrets.token_urlsafe(48))
    return key_file.read_text().strip()


SECRET_KEY = _secret_key()
# The audit chain's anchors (last seq and hash, appended every few minutes) live
# outside the database; production: another disk or host (docs/operations.md).
SMART_AUDIT_ANCHOR_FILE = Path(env.str("SMART_AUDIT_ANCHOR_FILE",
                                       default=str(DATA_DIR / "audit-anchors.jsonl")))
SMART_AUDIT_KEY = _audit_key()
DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # Ordered as the layers in ARCHITECTURE.md: lower layers first.
    "smart.references",
    "smart.audit",
    "smart.workdays",
    "smart.jobs",
    "smart.access",
    "smart.accounts",
    "smart.notifications",
    "smart.releases",
    "smart.people",
    "smart.documents",
    "smart.records",
    "smart.changes",
    "smart.reports",
    "smart.portal",
    "smart.demo",
    "smart.integrations",
    "smart.synchronisation",
    "smart.api",
    "smart.operations",
    "smart.monitoring",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "template_partials",
    "treebeard",
    "simple_history",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "csp",
    "django_tasks",
    "huey.contrib.djhuey",
    # Swagger UI from SMART's own static files; without it django-ninja loads a CDN.
    "ninja",
]

MIDDLEWARE = [
    # First, so every audit event of the request carries its address and id.
    "smart.audit.middleware.RequestContextMiddleware",
    # Before anything reads the body: an oversized API request gets JSON, not a page.
    "smart.api.middleware.BodySizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Before anything that renders, so request.csp_nonce exists for every template.
    "csp.middleware.CSPMiddleware",
    "smart.portal.middleware.HttpHygieneMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Inside the session middleware: the idle expiry moves forward once a minute.
    "smart.accounts.middleware.IdleSessionRenewalMiddleware",
    "smart.portal.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # A full disk while a large upload is spooled: the 507 page, not a 500.
    "smart.documents.middleware.UploadStorageFullMiddleware",
    # A NUL in the path or query string is a 400/422, never PostgreSQL's DataError.
    "smart.api.middleware.NulCharacterMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    # Administrative roles pass the TOTP step before any page (security.md D-2).
    "smart.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "smart.accounts.middleware.AbsoluteSessionLimitMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so it can replace the sign-in page's answer with the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

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
                "csp.context_processors.nonce",
                "smart.portal.context_processors.navigation",
                "smart.notifications.context_processors.unread_count",
            ],
        },
    },
]


def _database() -> dict:
    if env.str("DATABASE_URL", default=""):
        db = env.db("DATABASE_URL")
        db.setdefault("CONN_MAX_AGE", env.int("DB_CONN_MAX_AGE", default=60))
        db.setdefault("CONN_HEALTH_CHECKS", True)
        # Django writes joins from the main table along foreign keys, the order
        # the pages want; PostgreSQL's search for another order took 35 ms to
        # plan the profile's 16-join query, 20 times its run (docs/performance.md).
        db.setdefault("OPTIONS", {}).setdefault("options", "-c join_collapse_limit=1")
        return db
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "smart.sqlite3",
        # IMMEDIATE transactions take the write lock at BEGIN, so two writers
        # wait for each other instead of failing with "database is locked".
        "OPTIONS": {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
                "PRAGMA foreign_keys=ON;"
            ),
        },
    }


DATABASES = {"default": _database()}


# --- Background jobs: the django-tasks API, executed by huey (docs/decisions.md) ---
# The queue lives beside the data: its own SQLite file (huey and the app would
# otherwise lock each other), or the same PostgreSQL database (LISTEN/NOTIFY).
# SMART_JOBS_IMMEDIATE=true runs every job at once in the web process (tests).
SMART_JOBS_IMMEDIATE = env.bool("SMART_JOBS_IMMEDIATE", default=False)
# A running job that shows no sign of life for this long counts as interrupted.
SMART_JOB_STALL_SECONDS = env.int("SMART_JOB_STALL_SECONDS", default=300)
# Result files of jobs (exports, error reports), one folder per job.
SMART_JOB_DIR = Path(env.str("SMART_JOB_DIR", default=str(DATA_DIR / "jobs")))
# Uploaded national exports waiting for their preview or apply (deleted once applied).
SMART_IMPORT_DIR = Path(env.str("SMART_IMPORT_DIR", default=str(DATA_DIR / "imports")))
# Uploaded exports of batches that went no further (refused, cancelled, never
# applied) are deleted by the upload sweep after this many days.
SMART_IMPORT_KEEP_DAYS = env.int("SMART_IMPORT_KEEP_DAYS", default=7)
# What other apps leave behind, swept by the upload sweep (operations.sweep), by
# dotted path: operations imports no app of its own layer.
SMART_UPLOAD_SWEEPS = ["smart.integrations.services.import_files_sweep"]
# Rows an import writes per transaction (one checkpoint each).
SMART_IMPORT_CHUNK_ROWS = env.int("SMART_IMPORT_CHUNK_ROWS", default=500)


def _huey() -> dict:
    config = {
        "name": "smart",
        "immediate": SMART_JOBS_IMMEDIATE,
        "results": True,
        "utc": True,
        "consumer": {"workers": env.int("SMART_JOB_WORKERS", default=2),
                     "worker_type": "thread", "periodic": True},
    }
    db = DATABASES["default"]
    if db["ENGINE"].endswith("postgresql"):
        config["huey_class"] = "smart.jobs.queue_storage.LazyPostgresHuey"
        params = {"dbname": db["NAME"], "user": db.get("USER"), "password": db.get("PASSWORD"),
                  "host": db.get("HOST"), "port": db.get("PORT")}
        config["connection"] = {key: value for key, value in params.items() if value}
    else:
        config["huey_class"] = "huey.SqliteHuey"
        config["connection"] = {"filename": str(DATA_DIR / "huey.sqlite3")}
    return config


HUEY = _huey()
TASKS = {"default": {"BACKEND": "huey.contrib.djhuey.tasks_backend.HueyBackend"}}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first: a locked NIP or IP is refused before any password check.
    "smart.accounts.backends.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Second factor (security.md D-2): TOTP apps show this issuer; failed codes slow
# further tries exponentially (django-otp throttling).
OTP_TOTP_ISSUER = "SMART Kuantan Singingi"
# Password links an account manager or the owner asks for: single use, 24 hours (A9).
PASSWORD_RESET_TIMEOUT = 24 * 60 * 60

# The session row read by a statement written once (smart.accounts.sessions).
SESSION_ENGINE = "smart.accounts.sessions"
# Idle limit 30 minutes: every request moves the expiry forward (security.md G9).
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=30 * 60)
# Saved when changed and, while used, once a minute (accounts.middleware, decision 155).
SESSION_SAVE_EVERY_REQUEST = False
SMART_SESSION_RENEW_SECONDS = 60
# Absolute limit 8 hours after sign-in (smart.accounts.middleware).
SMART_SESSION_MAX_AGE = 8 * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# HTTPS=true in production (security.md C3, ASVS 3.3.x/3.4.1): HSTS for a year on the
# host and its subdomains, plain-HTTP requests redirected, cookies only over TLS and
# with the __Host- prefix (Secure, Path=/, no Domain: a sibling subdomain cannot set
# or overwrite them). Off by default so `make run` works on http://127.0.0.1.
HTTPS = env.bool("HTTPS", default=False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SESSION_COOKIE_NAME = "__Host-sessionid" if HTTPS else "sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken" if HTTPS else "csrftoken"
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
# HSTS preload commits the whole registered domain (kuansing.go.id, run by the
# regency, not by SMART) to HTTPS for months and is slow to undo (docs/decisions.md).
SILENCED_SYSTEM_CHECKS = ["security.W021"]

# Content-Security-Policy (django-csp 4.0, security.md C3): only SMART's own files run
# or style the page; inline <script> needs the per-request nonce, inline style
# attributes are refused. Document downloads send their own "sandbox" policy, which
# the middleware leaves alone (it never replaces a header a view set).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    },
}
CSRF_FAILURE_VIEW = "smart.portal.views.csrf_failure"

# Sign-in lockout (django-axes, security.md G10): 5 failures within 15 minutes lock
# the NIP (from any address) and, separately, the client IP address (whatever NIPs
# it tries). Success clears the counters. Failures while locked do not extend it,
# so "coba lagi dalam 15 menit" stays true. The page: smart.accounts.views.locked_out.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username"], ["ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "smart.accounts.views.locked_out"
AXES_HTTP_RESPONSE_CODE = 429
# The client address. SMART_PROXY_COUNT is how many reverse proxies (nginx, a load
# balancer) stand in front of gunicorn. With 0, X-Forwarded-For is ignored: anyone
# can send it. With n > 0, each proxy appends the address it received from, so the
# client is the n-th entry from the right; what a client put further left is never
# read (ipware: n - 1 proxies listed after the client, non-strict, counted from the
# right). A wrong count either trusts a forged address or puts everyone behind the
# proxy on one address (jazzband/django-axes #224, #1099).
SMART_PROXY_COUNT = env.int("SMART_PROXY_COUNT", default=0)
AXES_IPWARE_PROXY_COUNT = max(SMART_PROXY_COUNT - 1, 0)
AXES_IPWARE_META_PRECEDENCE_ORDER = (
    ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"] if SMART_PROXY_COUNT > 0 else ["REMOTE_ADDR"]
)
IPWARE_STRICT = False
# Behind a TLS-terminating proxy gunicorn sees plain HTTP; the proxy says "https" in
# X-Forwarded-Proto (and must overwrite what a client sent), else SECURE_SSL_REDIRECT
# would redirect forever.
if SMART_PROXY_COUNT > 0:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

LANGUAGE_CODE = "id"
LANGUAGES = [("id", "Bahasa Indonesia"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = DATA_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage",
        )
    },
}
MEDIA_ROOT = DATA_DIR / "documents"
# Uploads larger than 2.5 MB are spooled here while the request is read; a
# server killed mid-upload leaves its spool file, which the upload sweep removes.
FILE_UPLOAD_TEMP_DIR = DATA_DIR / "uploads-incomplete"
FILE_UPLOAD_TEMP_DIR.mkdir(exist_ok=True)
# Files in the store without a row or a store event (a worker killed between
# writing the file and committing) are moved here by the sweep, never deleted.
SMART_QUARANTINE_DIR = Path(env.str("SMART_QUARANTINE_DIR", default=str(DATA_DIR / "quarantine")))

# E-mail: printed to the console unless EMAIL_BACKEND names a real backend
# (e.g. "django.core.mail.backends.smtp.EmailBackend" with EMAIL_HOST & co).
EMAIL_BACKEND = env.str("EMAIL_BACKEND",
                        default="django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL",
                             default="SMART Kuantan Singingi <smart@kuansing.go.id>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# The address users open SMART at, for links in e-mails sent outside a request
# (notifications, reminders). `make run` sets it to its own port.
SMART_SITE_URL = env.str("SMART_SITE_URL", default="http://127.0.0.1:8000")

# Domain settings.
SMART_REGENCY_NAME = "Kabupaten Kuantan Singingi"
SMART_EMPLOYEE_PAGE_SIZE = 25
# The employee list at scale (smart.people.listing, docs/performance.md): numbered
# pages up to this one, keyset pages beyond; exact counts up to this many rows,
# above it the exact count is kept this many seconds per scope and filter set.
SMART_LIST_OFFSET_PAGES = 20
SMART_LIST_EXACT_COUNT_UP_TO = 5000
SMART_LIST_COUNT_CACHE_SECONDS = 300
# Code tables held in each process (smart.references.held, decision 218).
SMART_CODE_TABLE_SECONDS = 60
# The profile's rendered record sections, kept under the records fingerprint on
# PostgreSQL (records.profile.shown_sections, decision 219); 0 keeps nothing.
SMART_PROFILE_SECTIONS_SECONDS = 600
# The process's own cache (list counts, DUK orders, kept profile sections).
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                      "OPTIONS": {"MAX_ENTRIES": 2000}}}
# Reports (smart.reports): rows per page on screen, and the unit whose head signs them.
SMART_REPORT_PAGE_SIZE = 50
SMART_REPORT_SIGNING_UNIT = env.str("SMART_REPORT_SIGNING_UNIT", default="BKPP")
# Supporting documents: one limit for form, API and server (defect 24).
SMART_DOCUMENT_MAX_BYTES = env.int("SMART_DOCUMENT_MAX_BYTES", default=10 * 1024 * 1024)
# The largest file SMART accepts in any upload: a national export to import (50 MB).
# A request declaring a bigger body is refused by its view before the body is read.
SMART_LARGEST_UPLOAD_BYTES = 50 * 1024 * 1024
# Data releases (Perbup 35/2020 Pasal 24(2)): an export of others' personal data
# with more rows than this, or with SPECIFIC data, needs the Pengelola SMART's
# approval; an approved release is usable for this many days.
SMART_RELEASE_ROW_THRESHOLD = env.int("SMART_RELEASE_ROW_THRESHOLD", default=100)
# The public M&E page (smart.monitoring.public, Pasal 28): counts of people or requests
# per unit below this are shown as "<5" so nobody can be recognised.
SMART_PUBLIC_MIN_COUNT = env.int("SMART_PUBLIC_MIN_COUNT", default=5)
SMART_RELEASE_VALID_DAYS = env.int("SMART_RELEASE_VALID_DAYS", default=7)
# A report file of more rows than this is made by a background job (issue 7 §7).
SMART_LARGE_EXPORT_ROWS = env.int("SMART_LARGE_EXPORT_ROWS", default=2000)

# Backups (R-PROC-4, security.md G3/G4, docs/operations.md). Archives are encrypted
# to a GPG public key; the private key that restores them lives outside SMART and
# outside every backup (on the operator's keyring: SMART_BACKUP_GPG_HOME).
SMART_BACKUP_DIR = Path(env.str("SMART_BACKUP_DIR", default=str(DATA_DIR / "backups")))
# The disaster-recovery copy (Pasal 16): a second directory, e.g. a mounted DRC share.
SMART_BACKUP_DR_DIR = env.str("SMART_BACKUP_DR_DIR", default="")
# ... and/or S3-compatible object storage at the DRC (smart.operations.objectstore):
# the endpoint (e.g. https://s3.drc.example:9000), bucket and key prefix. The
# credentials come from the environment only and are never logged or stored.
SMART_BACKUP_DR_S3_URL = env.str("SMART_BACKUP_DR_S3_URL", default="")
SMART_BACKUP_DR_S3_BUCKET = env.str("SMART_BACKUP_DR_S3_BUCKET", default="")
SMART_BACKUP_DR_S3_PREFIX = env.str("SMART_BACKUP_DR_S3_PREFIX", default="smart/backups")
SMART_BACKUP_DR_S3_REGION = env.str("SMART_BACKUP_DR_S3_REGION", default="")
SMART_BACKUP_DR_S3_ACCESS_KEY = env.str("SMART_BACKUP_DR_S3_ACCESS_KEY", default="")
SMART_BACKUP_DR_S3_SECRET_KEY = env.str("SMART_BACKUP_DR_S3_SECRET_KEY", default="")
# A private CA's certificate file for the DRC endpoint (empty: the system's CAs).
SMART_BACKUP_DR_S3_CA_BUNDLE = env.str("SMART_BACKUP_DR_S3_CA_BUNDLE", default="")
# "path" (host:port/bucket, what MinIO and Ceph expect) or "virtual" (bucket.host).
SMART_BACKUP_DR_S3_ADDRESSING = env.str("SMART_BACKUP_DR_S3_ADDRESSING", default="path")
SMART_BACKUP_GPG_PUBLIC_KEY = env.str("SMART_BACKUP_GPG_PUBLIC_KEY", default="")
SMART_BACKUP_GPG_RECIPIENT = env.str("SMART_BACKUP_GPG_RECIPIENT", default="")
SMART_BACKUP_GPG_HOME = env.str("SMART_BACKUP_GPG_HOME", default="")
SMART_BACKUP_KEEP_DAILY = env.int("SMART_BACKUP_KEEP_DAILY", default=14)
SMART_BACKUP_KEEP_WEEKLY = env.int("SMART_BACKUP_KEEP_WEEKLY", default=8)
SMART_BACKUP_KEEP_MONTHLY = env.int("SMART_BACKUP_KEEP_MONTHLY", default=12)
# The health endpoint answers 503 when the last good backup is older than this.
SMART_BACKUP_MAX_AGE_HOURS = env.int("SMART_BACKUP_MAX_AGE_HOURS", default=26)

# Periodic jobs, Jakarta time: "HH:MM" every day or "sun HH:MM" weekly; empty = off.
# The worker catches up a missed occasion once after downtime (operations.schedule).
SMART_SCHEDULES = {
    "backup": (env.str("SMART_SCHEDULE_BACKUP", default="01:15"),
               "smart.operations.jobs.scheduled_backup"),
    "archive-check": (env.str("SMART_SCHEDULE_ARCHIVE_CHECK", default="01:45"),
                      "smart.operations.jobs.scheduled_archive_check"),
    "restore-drill": (env.str("SMART_SCHEDULE_RESTORE_DRILL", default="sun 03:30"),
                      "smart.operations.jobs.scheduled_restore_drill"),
    # The same drill from the disaster-recovery copy (S3 or DR folder); skipped if none is set.
    "restore-drill-dr": (env.str("SMART_SCHEDULE_RESTORE_DRILL_DR", default="sun 04:30"),
                         "smart.operations.jobs.scheduled_restore_drill_dr"),
    "deadline-reminders": (env.str("SMART_SCHEDULE_REMINDERS", default="07:00"),
                           "smart.operations.jobs.scheduled_reminders"),
    "campaign-reminders": (env.str("SMART_SCHEDULE_CAMPAIGN_REMINDERS", default="07:00"),
                           "smart.monitoring.jobs.scheduled_campaign_reminders"),
    "upload-sweep": (env.str("SMART_SCHEDULE_UPLOAD_SWEEP", default="02:30"),
                     "smart.operations.jobs.scheduled_upload_sweep"),
    "audit-check": (env.str("SMART_SCHEDULE_AUDIT_CHECK", default="02:00"),
                    "smart.operations.jobs.scheduled_audit_check"),
}
# Reports of the operations jobs (archive check), never inside MEDIA_ROOT.
SMART_REPORT_DIR = Path(env.str("SMART_REPORT_DIR", default=str(DATA_DIR / "reports")))
