"""Settings for MPP, read from environment variables with safe defaults.

One file, following healthchecks' pattern: every value comes from the environment through a
small helper that fails loudly on a malformed value, so a typo in production config stops the
server at start-up instead of silently running with a default.
"""

from __future__ import annotations

import json
import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    value = raw.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (true/false), got {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {raw!r}") from exc


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_map(name: str, default: str = "") -> dict[str, str]:
    """`key=value,key=value` (or a JSON object) into a dict."""
    raw = os.environ.get(name, default).strip()
    if raw.startswith("{"):
        try:
            return {str(k): str(v) for k, v in json.loads(raw).items()}
        except (ValueError, AttributeError) as exc:
            raise ImproperlyConfigured(f"{name} must be a JSON object: {exc}") from exc
    pairs = [item.split("=", 1) for item in raw.split(",") if item.strip()]
    if any(len(pair) != 2 for pair in pairs):
        raise ImproperlyConfigured(f"{name} must look like key=value,key=value")
    return {key.strip(): value.strip() for key, value in pairs}


DEBUG = env_bool("DEBUG", False)
# The demo key is only acceptable on a machine that is not reachable from outside; production
# deployments must set SECRET_KEY: `check --deploy` fails (mpp.E001) while it is unset or a
# known demo key (mpp/audit/checks.py, docs/security.md "Keys").
DEMO_SECRET_KEY = "mpp-insecure-demo-key-change-me-in-production-0123456789"  # noqa: S105 - the public demo key
SECRET_KEY = env_str("SECRET_KEY") or DEMO_SECRET_KEY
# ".localhost" lets each mall be tried locally as <slug>.localhost (issue 14).
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,.localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "ninja",
    "mpp.core",
    "mpp.catalog",
    "mpp.accounts",
    "mpp.queueing",
    "mpp.audit",
    "mpp.feedback",
    # Online applications (issue 4) and what they need.
    "phonenumber_field",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "mpp.applications",
    "mpp.notifications",
    "mpp.facilities",
    "mpp.transparency",
    "mpp.operations",
    # The national portal (issue 14): reads every app above.
    "mpp.national",
    # Last: the demo loader that uses every app above.
    "mpp.demo",
]

MIDDLEWARE = [
    # First: request id, latency metric and access log for every request (no I/O).
    "mpp.operations.middleware.ObservabilityMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # HTML pages go out gzipped (after everything below has set its headers).
    "mpp.core.compression.HtmlGZipMiddleware",
    # Before anything reads the session or the database: no NUL character gets in (400).
    "mpp.core.nul.RejectNulMiddleware",
    # Which mall: /m/<slug>/ path prefix (becomes the script prefix) or the host name.
    "mpp.core.tenancy.MallMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "mpp.core.locale.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "mpp.accounts.middleware.StaffSessionMiddleware",
    # These three serve HTML pages only: /api/ requests skip them (mpp/core/lean.py).
    "mpp.core.lean.MessageMiddleware",
    "mpp.core.lean.XFrameOptionsMiddleware",
    "mpp.core.lean.CSPMiddleware",
    # Last, as django-axes asks: turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
    # A fair-use refusal raised by a page becomes a 429 page with Retry-After (issue 10).
    "mpp.core.fairuse.FairUseMiddleware",
]

ROOT_URLCONF = "mpp.urls"
ASGI_APPLICATION = "mpp.asgi.application"
WSGI_APPLICATION = "mpp.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "mpp" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "mpp.core.context_processors.mall",
            ],
            "builtins": ["mpp.core.templatetags.mpp"],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
# The embedded default is SQLite in WAL mode with immediate write transactions and a busy
# timeout, so that concurrent writers queue instead of failing with "database is locked";
# MPP's backend (mpp/core/sqlite) also queues the writers of one process in arrival order.
# DATABASE_URL=postgres://... switches to PostgreSQL, the production engine.
DATABASE_URL = env_str("DATABASE_URL")
# PostgreSQL prepares the hot statements once per connection (mpp.core.db.prepared_cursor);
# false behind a transaction-mode connection pooler that cannot keep prepared statements.
MPP_DB_PREPARE = bool(DATABASE_URL) and env_bool("DB_PREPARE", True)
if DATABASE_URL:
    # Connections come from psycopg's pool, one per process, on by default: opening a
    # PostgreSQL connection per request costs more than most requests (issue 11 measured
    # 272 vs 371 req/s on /healthz). DB_POOL_MAX=0 turns the pool off and uses Django's
    # per-thread connections with DB_CONN_MAX_AGE instead.
    DATABASES = {
        "default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 0))
    }
    if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
        # Django's backend, taking the pool's `check` from the options (mpp/core/postgresql).
        DATABASES["default"]["ENGINE"] = "mpp.core.postgresql"
        DATABASES["default"].setdefault("OPTIONS", {})
        _pooled = env_int("DB_POOL_MAX", 10) > 0
        if _pooled:
            from mpp.core.pgpool import check_pooled_connection

            # The pool hands out and takes back connections itself; Django's own persistence
            # must be off with it.
            DATABASES["default"]["CONN_MAX_AGE"] = 0
            DATABASES["default"]["OPTIONS"]["pool"] = {
                "min_size": env_int("DB_POOL_MIN", 2),
                "max_size": env_int("DB_POOL_MAX", 10),
                "timeout": env_int("DB_POOL_TIMEOUT", 10),
                # Before lending a connection the pool checks it without a round trip to the
                # database unless its socket says the server went away (mpp/core/pgpool.py).
                "check": check_pooled_connection,
            }
        if MPP_DB_PREPARE:
            # The hot statements' cursors (mpp.core.db.prepared_cursor) are prepared at their
            # first run on a connection; Django's own cursors never prepare. Prepared, they
            # are planned once (a generic plan): left to choose, PostgreSQL kept re-planning
            # the officer's claim at every press (≈ 1 ms, longer than running it). Only
            # prepared statements and the database's own cached plans (triggers, foreign-key
            # checks) follow this setting.
            options = DATABASES["default"]["OPTIONS"]
            options["prepare_threshold"] = 0
            options["options"] = (
                options.get("options", "") + " -c plan_cache_mode=force_generic_plan"
            ).strip()
        # Without the pool Django checks a kept connection (an empty query) before reusing
        # it; with the pool, the pool's own check above replaces it.
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = not _pooled
        # One test database per test process, so parallel runs never collide.
        DATABASES["default"]["TEST"] = {"NAME": env_str("PG_TEST_NAME", f"test_mpp_{os.getpid()}")}
else:
    DATABASES = {
        "default": {
            "ENGINE": "mpp.core.sqlite",
            "NAME": env_str("SQLITE_PATH", str(BASE_DIR / "var" / "mpp.sqlite3")),
            "CONN_MAX_AGE": env_int("DB_CONN_MAX_AGE", 0),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": env_int("SQLITE_TIMEOUT", 20),
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA cache_size=-20000;"
                ),
            },
            # A file, not memory: threaded concurrency tests and the live server of the browser
            # tests need real connections to one database (docs/reliability.md §5.2).
            # One file per test process so parallel runs never share a database.
            "TEST": {
                "NAME": env_str(
                    "SQLITE_TEST_PATH", str(BASE_DIR / "var" / f"test-{os.getpid()}.sqlite3")
                )
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and live events --------------------------------------------------------------------
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's RedisCache that answers from process memory while Redis is down.
            "BACKEND": "mpp.core.redis_cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env_str("CACHE_PREFIX", "mpp"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Internationalisation -------------------------------------------------------------------
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "mpp" / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("TIME_ZONE", "Asia/Jakarta")
LANGUAGE_COOKIE_NAME = "mpp_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365

# --- Static files ---------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [BASE_DIR / "mpp" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if env_bool("STATIC_PLAIN", False)
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Private uploads (later: application documents) live outside the web root.
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "private")))
WHITENOISE_USE_FINDERS = DEBUG

# --- Security -------------------------------------------------------------------------------
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_AGE = 60 * 60 * 12
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
# Only when every subdomain of the host is served over HTTPS too (check --deploy W005, W021).
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", False) else None
)
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# Django's W002 looks for its own X-Frame-Options middleware by name; ours is a subclass that
# skips /api/ (mpp/core/lean.py). mpp.E004 checks that a subclass is installed instead.
SILENCED_SYSTEM_CHECKS = ["security.W002"]
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# Content Security Policy from day one: no inline scripts, nothing from other origins.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "media-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
# Throttling first (django-axes), then sign-in by e-mail or phone number, then by username
# (staff and the admin).
AUTHENTICATION_BACKENDS = [
    "mpp.accounts.backends.ThrottlingBackend",
    "mpp.accounts.backends.EmailOrPhoneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# --- MPP ------------------------------------------------------------------------------------
# Which mall a request belongs to when the host name does not say: the demo's Ngawi.
MPP_DEFAULT_MALL = env_str("MPP_DEFAULT_MALL", "ngawi")
# Host names of malls: "ngawi.example=ngawi,magetan.example=magetan". Without an entry, a host
# whose first label is a mall's slug (magetan.localhost) serves that mall (issue 14).
MPP_MALL_HOSTS = {host.lower(): slug for host, slug in env_map("MPP_MALL_HOSTS").items()}
# Key of the audit trail's HMAC chain. Production must set it, different from SECRET_KEY and
# kept outside the database (`check --deploy` fails otherwise: mpp.audit.E001-E003), so that
# someone who can only write to the database cannot re-forge hashes. Without it (development)
# the chain is keyed from SECRET_KEY.
AUDIT_HMAC_KEY = env_str("AUDIT_HMAC_KEY")
# Where `publish_audit_checkpoint` appends each published chain head (one JSON line per chain
# and change). Outside the database: copy it off the server with the backups; an insider who
# deletes the tail of a chain and winds its head back is caught by the last line here.
# Empty (development, tests): no file; `check --deploy` warns (mpp.audit.W001).
AUDIT_CHECKPOINT_FILE = env_str("AUDIT_CHECKPOINT_FILE")
# Catalogue spreadsheet imports: largest file (bytes) and most data rows per sheet.
MPP_IMPORT_MAX_BYTES = env_int("MPP_IMPORT_MAX_BYTES", 5 * 1024 * 1024)
MPP_IMPORT_MAX_ROWS = env_int("MPP_IMPORT_MAX_ROWS", 10_000)
# Search results per page (API and HTML).
MPP_SEARCH_PAGE_SIZE = env_int("MPP_SEARCH_PAGE_SIZE", 20)
# Months after an agency confirms its service standard before it is due for review again
# (PermenPAN-RB 15/2014 expects standards to be evaluated periodically; yearly by default).
MPP_CATALOG_REVIEW_MONTHS = env_int("MPP_CATALOG_REVIEW_MONTHS", 12)

# --- Feedback: SKM survey and complaints (docs/adr/0008-feedback.md) -------------------------
# IKM weight per element: exactly 1/9 (PermenPAN-RB 14/2017: 1 / number of elements); many
# agencies publish with 0.11, which gives an index about 1 % lower.
FEEDBACK_SKM_WEIGHT = env_str("FEEDBACK_SKM_WEIGHT", "1/9")
# SP4N-LAPOR! clocks in working days: verification, reporter's response window (then the
# complaint closes by itself). Follow-up limits per category are in mpp/feedback/conf.py
# (ringan 2, normatif 5, tidak berkadar pengawasan 14, berkadar pengawasan 60).
FEEDBACK_VERIFY_WORKING_DAYS = env_int("FEEDBACK_VERIFY_WORKING_DAYS", 3)
FEEDBACK_RESPONSE_WORKING_DAYS = env_int("FEEDBACK_RESPONSE_WORKING_DAYS", 10)
FEEDBACK_SURVEY_INVITATION_DAYS = env_int("FEEDBACK_SURVEY_INVITATION_DAYS", 14)
FEEDBACK_PHOTO_MAX_BYTES = env_int("FEEDBACK_PHOTO_MAX_BYTES", 5 * 1024 * 1024)
# Open311 GeoReport v2 jurisdiction_id: the regency's web domain without "www".
OPEN311_JURISDICTION_ID = env_str("OPEN311_JURISDICTION_ID", "ngawikab.go.id")

# --- Accounts, applications, notifications (issue 4) -----------------------------------------
# Failed sign-ins are counted per (account, IP address): 5 failures lock that pair out for
# 15 minutes. Per pair rather than per IP, because a whole mall or kampung shares one address.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("AXES_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "mpp.accounts.throttling.username_of"
AXES_LOCKOUT_CALLABLE = "mpp.accounts.throttling.locked_out"
AXES_RESET_ON_SUCCESS = True
# Fair use (mpp/core/fairuse.py, docs/security.md). Forwarded headers count only from these
# proxies (addresses or networks, comma-separated); without them X-Forwarded-For is ignored.
MPP_TRUSTED_PROXIES = env_list("MPP_TRUSTED_PROXIES")
# Registered kiosks: "token=name,token=name"; a kiosk sends its token in X-Kiosk-Token and gets
# the kiosk budget instead of the anonymous one.
MPP_KIOSK_TOKENS = env_map("MPP_KIOSK_TOKENS")
# Limits per action: {"ticket": {"client": [6, 3600], "kiosk": [600, 3600], "contact": [6, 86400]}}
# as JSON; actions or budgets left out keep the defaults in mpp/core/fairuse.py.
MPP_FAIR_USE = json.loads(env_str("MPP_FAIR_USE", "{}") or "{}")
# Online booking: at most this percent of a service's seats of a day (the rest stays for
# walk-ins), and at most this many bookings still to come per person (phone or NIK).
MPP_QUEUE_BOOKING_DAY_SHARE = env_int("MPP_QUEUE_BOOKING_DAY_SHARE", 60)
MPP_QUEUE_ACTIVE_BOOKINGS_PER_PERSON = env_int("MPP_QUEUE_ACTIVE_BOOKINGS_PER_PERSON", 3)
# A booking needs a one-time code sent to the phone (mpp/queueing/booking_codes.py).
MPP_QUEUE_BOOKING_REQUIRE_CODE = env_bool("MPP_QUEUE_BOOKING_REQUIRE_CODE", True)
# Sign-in lockout counts the peer address only (REMOTE_ADDR): a forged X-Forwarded-For cannot
# rotate it. Behind a proxy, the proxy must set REMOTE_ADDR (e.g. uvicorn --forwarded-allow-ips).
AXES_IPWARE_PROXY_COUNT = None
AXES_IPWARE_META_PRECEDENCE_ORDER = ["REMOTE_ADDR"]
AXES_SENSITIVE_PARAMETERS = ["password", "code", "nik"]
AXES_VERBOSE = False
# Staff: TOTP second factor (django-otp); the issuer shown in authenticator apps.
OTP_TOTP_ISSUER = env_str("OTP_TOTP_ISSUER", "MPP")
# Staff sessions end after this long without a request (ASVS 3.3.2: 30 minutes idle,
# SESSION_COOKIE_AGE above is the absolute lifetime).
MPP_STAFF_IDLE_SECONDS = env_int("MPP_STAFF_IDLE_SECONDS", 30 * 60)
# One-time codes for verifying e-mail and phone: lifetime, tries per code, codes per hour.
MPP_OTP_LIFETIME_SECONDS = env_int("MPP_OTP_LIFETIME_SECONDS", 10 * 60)
MPP_OTP_MAX_ATTEMPTS = env_int("MPP_OTP_MAX_ATTEMPTS", 5)
MPP_OTP_MAX_PER_HOUR = env_int("MPP_OTP_MAX_PER_HOUR", 5)
PHONENUMBER_DEFAULT_REGION = "ID"
PHONENUMBER_DB_FORMAT = "E164"

# Encryption of personal data at rest (NIK, uploaded scans): Fernet keys, comma-separated, the
# first one encrypts, all of them decrypt (rotation: prepend a new key, run
# `manage.py reencrypt_personal_data`, then drop the old one). Production MUST set both keys
# (a deploy check refuses the derived defaults, see docs/operations.md); the development
# default is derived from SECRET_KEY so a fresh clone works.
FIELD_ENCRYPTION_KEY = env_str("FIELD_ENCRYPTION_KEY")
# Key of the keyed hash (HMAC-SHA256) that finds a NIK without decrypting: a plain hash of a
# 16-digit number with public structure is brute-forced in minutes.
NIK_HMAC_KEY = env_str("NIK_HMAC_KEY")

# Uploaded documents (applications): private files under MEDIA_ROOT, never served by URL.
MPP_UPLOAD_MAX_BYTES = env_int("MPP_UPLOAD_MAX_BYTES", 8 * 1024 * 1024)
MPP_UPLOAD_IMAGE_MAX_SIDE = env_int("MPP_UPLOAD_IMAGE_MAX_SIDE", 2000)

# Background work: the django.tasks API (django-tasks backport) with the database backend;
# `manage.py db_worker` runs the tasks. TASKS_BACKEND=immediate runs them in the request (the
# test suite does). See docs/adr/0007-background-tasks.md.
TASKS_BACKEND = env_str("TASKS_BACKEND", "database")
if TASKS_BACKEND not in {"database", "immediate"}:
    raise ImproperlyConfigured(
        f"TASKS_BACKEND must be database or immediate, got {TASKS_BACKEND!r}"
    )
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if TASKS_BACKEND == "database"
            else "django_tasks.backends.immediate.ImmediateBackend"
        ),
        "QUEUES": ["default", "notifications"],
    }
}

# E-mail always goes through SMTP (the test runner swaps in the in-memory backend).
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "MPP Ngawi <noreply@localhost>")
# SMS and WhatsApp senders: a dotted path to a class with `send(message)` (see
# mpp/notifications/senders.py and docs/adr/0014-notification-channels.md). The log sender
# writes the message to the log (development, the demo); in production use
# mpp.notifications.senders.WhatsAppCloudSender and mpp.notifications.senders.HttpSmsSender.
MPP_SMS_SENDER = env_str("MPP_SMS_SENDER", "mpp.notifications.senders.LogSender")
MPP_WHATSAPP_SENDER = env_str("MPP_WHATSAPP_SENDER", "mpp.notifications.senders.LogSender")
MPP_NOTIFY_MAX_ATTEMPTS = env_int("MPP_NOTIFY_MAX_ATTEMPTS", 5)
# Seconds a gateway may take to answer before the attempt counts as failed (and is retried).
MPP_NOTIFY_HTTP_TIMEOUT = env_int("MPP_NOTIFY_HTTP_TIMEOUT", 10)
# The channels in use, in the order a message falls back through them.
MPP_NOTIFY_CHANNELS = env_list("MPP_NOTIFY_CHANNELS", "whatsapp,sms,email")
# No messages in these local hours except "your turn" on the same day and codes the citizen
# asked for; others wait for the morning. Empty: no quiet hours.
# Demo switch (set by `make run` only): walk-in tickets are issued at any hour and every page
# shows a "Mode demo" band. Booking slots and rooms always follow the real hours (ADR 0018).
MPP_DEMO_MODE = env_bool("MPP_DEMO_MODE", False)
MPP_NOTIFY_QUIET_HOURS = env_str("MPP_NOTIFY_QUIET_HOURS", "21:00-07:00")
# Caps so that a bug cannot spam a citizen or run up the gateway bill: messages per recipient
# and local day (every channel), and paid messages (SMS + WhatsApp) per local day in all.
MPP_NOTIFY_MAX_PER_RECIPIENT_PER_DAY = env_int("MPP_NOTIFY_MAX_PER_RECIPIENT_PER_DAY", 12)
MPP_NOTIFY_MAX_PER_DAY = env_int("MPP_NOTIFY_MAX_PER_DAY", 20000)


# WhatsApp Business Cloud API (Meta). Templates: message kind -> approved template name, e.g.
# WHATSAPP_TEMPLATES="ticket_near=mpp_giliran_dekat,ticket_called=mpp_dipanggil".
WHATSAPP_API_URL = env_str("WHATSAPP_API_URL", "https://graph.facebook.com/v23.0")
WHATSAPP_TOKEN = env_str("WHATSAPP_TOKEN")
WHATSAPP_PHONE_NUMBER_ID = env_str("WHATSAPP_PHONE_NUMBER_ID")
WHATSAPP_APP_SECRET = env_str("WHATSAPP_APP_SECRET")  # signs the webhook (X-Hub-Signature-256)
WHATSAPP_VERIFY_TOKEN = env_str("WHATSAPP_VERIFY_TOKEN")  # answers the webhook subscription
WHATSAPP_TEMPLATES = env_map("WHATSAPP_TEMPLATES")
WHATSAPP_TEMPLATE_LANGUAGES = env_map("WHATSAPP_TEMPLATE_LANGUAGES", "id=id,en=en")
# HTTP SMS gateway: SMS_GATEWAY names the request shape (json, zenziva, infobip, vonage);
# the SMS_REQUEST_*/SMS_RESPONSE_*/SMS_DLR_* settings override parts of it.
SMS_GATEWAY = env_str("SMS_GATEWAY", "json")
SMS_API_URL = env_str("SMS_API_URL")
SMS_API_KEY = env_str("SMS_API_KEY")
SMS_API_USER = env_str("SMS_API_USER")
SMS_SENDER_ID = env_str("SMS_SENDER_ID", "MPP")
SMS_REQUEST_FIELDS = env_str("SMS_REQUEST_FIELDS")  # JSON
SMS_REQUEST_HEADERS = env_str("SMS_REQUEST_HEADERS")  # JSON
SMS_REQUEST_METHOD = env_str("SMS_REQUEST_METHOD")
SMS_REQUEST_FORMAT = env_str("SMS_REQUEST_FORMAT")
SMS_RESPONSE_ID_PATH = env_str("SMS_RESPONSE_ID_PATH")
SMS_RESPONSE_SUCCESS_PATH = env_str("SMS_RESPONSE_SUCCESS_PATH")
SMS_RESPONSE_SUCCESS_VALUES = env_str("SMS_RESPONSE_SUCCESS_VALUES")
SMS_DLR_ID_PATH = env_str("SMS_DLR_ID_PATH")
SMS_DLR_REFERENCE_PATH = env_str("SMS_DLR_REFERENCE_PATH")
SMS_DLR_STATUS_PATH = env_str("SMS_DLR_STATUS_PATH")
# The gateway signs its callbacks with HMAC-SHA256 of the raw body in this header.
SMS_WEBHOOK_SECRET = env_str("SMS_WEBHOOK_SECRET")
SMS_WEBHOOK_SIGNATURE_HEADER = env_str("SMS_WEBHOOK_SIGNATURE_HEADER", "X-Signature")

# --- Operations (docs/operations.md) ----------------------------------------------------------
# The scheduler (`manage.py run_scheduler`): seconds between looks at the job table, and how
# many jobs may run at the same time.
MPP_SCHEDULER_INTERVAL = env_int("MPP_SCHEDULER_INTERVAL", 15)
MPP_SCHEDULER_CONCURRENCY = env_int("MPP_SCHEDULER_CONCURRENCY", 3)
# Background workers (`manage.py run_worker`) record a heartbeat this often (seconds); one not
# seen for three periods counts as gone.
MPP_WORKER_HEARTBEAT_SECONDS = env_int("MPP_WORKER_HEARTBEAT_SECONDS", 10)

# Backups (`manage.py backup`, nightly in the job table): where, how many to keep, and the
# Fernet key(s) that encrypt them (comma-separated; the first encrypts). Keep the key in the
# operator's key store, never next to the backups.
BACKUP_DIR = Path(env_str("BACKUP_DIR", str(BASE_DIR / "var" / "backups")))
BACKUP_KEEP = env_int("BACKUP_KEEP", 14)
BACKUP_ENCRYPTION_KEY = env_str("BACKUP_ENCRYPTION_KEY")
# Read replica (mpp/operations/dbrouter.py): with DATABASE_REPLICA_URL set, GET requests to
# these views ("namespace:url_name", "namespace:*" for all) read from the replica.
MPP_REPLICA_VIEWS = frozenset(
    env_list(
        "MPP_REPLICA_VIEWS",
        "catalog:*,transparency:*,api-v1:list_agencies,api-v1:get_agency,"
        "api-v1:search_services,api-v1:get_service,api-v1:public_stats",
    )
)
DATABASE_REPLICA_URL = env_str("DATABASE_REPLICA_URL")
if DATABASE_REPLICA_URL:
    _replica = dj_database_url.parse(
        DATABASE_REPLICA_URL, conn_max_age=DATABASES["default"].get("CONN_MAX_AGE", 0)
    )
    if _replica["ENGINE"] == "django.db.backends.postgresql":
        _replica["ENGINE"] = "mpp.core.postgresql"
    if _replica["ENGINE"] == DATABASES["default"]["ENGINE"]:
        _replica["OPTIONS"] = {
            **DATABASES["default"].get("OPTIONS", {}),
            **_replica.get("OPTIONS", {}),
        }
    # The replica shares the primary's options, the pool and its check among them: Django's
    # own health check only without a pool, as for the primary.
    _replica["CONN_HEALTH_CHECKS"] = "pool" not in _replica.get("OPTIONS", {})
    # Tests never create a replica: it mirrors the test database.
    _replica["TEST"] = {"MIRROR": "default"}
    DATABASES["replica"] = _replica
    DATABASE_ROUTERS = ["mpp.operations.dbrouter.ReadReplicaRouter"]
    MIDDLEWARE.append("mpp.operations.dbrouter.ReadReplicaMiddleware")
# Readiness (/readyz) reports a queue whose oldest ready task waited longer than this.
MPP_READY_MAX_TASK_AGE_SECONDS = env_int("MPP_READY_MAX_TASK_AGE_SECONDS", 300)
# /metrics: with a token, readable by `Authorization: Bearer <token>`; without, only from
# this machine and not through a proxy.
MPP_METRICS_TOKEN = env_str("MPP_METRICS_TOKEN")
# One log line per request (method, path, route, status, duration, request id).
MPP_ACCESS_LOG = env_bool("MPP_ACCESS_LOG", False)

# Logs go to standard error; LOG_FORMAT=json writes one JSON object per line (production),
# `plain` is for people reading a terminal. Every line carries the request id.
LOG_FORMAT = env_str("LOG_FORMAT", "plain")
if LOG_FORMAT not in {"plain", "json"}:
    raise ImproperlyConfigured(f"LOG_FORMAT must be plain or json, got {LOG_FORMAT!r}")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "mpp.operations.logs.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "mpp.operations.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
# The access lines go to this file, written in batches, instead of standard error (one write
# and, under a process runner or journald, one relay per request: docs/operations.md, "Logs").
MPP_ACCESS_LOG_FILE = env_str("MPP_ACCESS_LOG_FILE")
if MPP_ACCESS_LOG_FILE:
    LOGGING["handlers"]["access_file"] = {  # type: ignore[index]
        "()": "mpp.operations.logs.BatchedFileHandler",
        "filename": MPP_ACCESS_LOG_FILE,
        # How often each process writes its batch (and at its shutdown, mpp/serve.py).
        "interval": env_int("MPP_ACCESS_LOG_FLUSH_MS", 500) / 1000,
        "formatter": LOG_FORMAT,
        "filters": ["request_id"],
    }
    LOGGING["loggers"]["mpp.request"] = {  # type: ignore[index]
        "handlers": ["access_file"],
        "level": "INFO",
        "propagate": False,
    }
