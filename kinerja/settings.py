"""Kinerja settings: one module, driven by environment variables (see README, "Configuration")."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import django
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from .env import env, envbool, envint, envlist, load_env_file

BASE_DIR = Path(__file__).resolve().parent.parent
load_env_file(Path(os.environ.get("KINERJA_ENV_FILE", BASE_DIR / ".env")))

DEBUG = envbool("DEBUG", "False")
SECRET_KEY = env("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "opd.apps.KinerjaAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "simple_history",
    "axes",
    "csp",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "opd.apps.OpdConfig",
    "indikator",
    "evaluasi",
    "penilaian",
    "pengaduan",
    "survei",
    "laporan",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Bahasa Indonesia whatever the browser says; English only when the user chooses it (the language cookie).
    "opd.middleware.BahasaMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # A NUL character anywhere in the request: a 400 before any view or query.
    "opd.middleware.TolakNulMiddleware",
    "opd.middleware.InstansiTimezoneMiddleware",
    # A view's 404 or 403 for a signed-in user goes into the audit log.
    "opd.middleware.AuditPenolakanMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # A session ends after SESSION_IDLE_MINUTES without a request, and SESSION_MAX_HOURS after signing in.
    "opd.middleware.SesiMiddleware",
    # Admin BKN and Admin Instansi (and anyone who turned it on) confirm a second factor before any other page.
    "opd.middleware.DuaLangkahMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that it sees the outcome of authentication for lockouts.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kinerja.urls"
WSGI_APPLICATION = "kinerja.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "opd.context_processors.navigation",
            ],
        },
    }
]


def database(url: str) -> dict:
    """One DATABASES entry from a URL. CONN_HEALTH_CHECKS is on: with the pool (DB_POOL), Django has psycopg check
    every connection as it leaves the pool, so a PostgreSQL that restarted is reconnected without action (the dead
    connections are dropped and new ones opened, no request meets one; tests/test_gangguan.py)."""
    config = dj_database_url.parse(url, conn_health_checks=True)
    if config["ENGINE"] == "django.db.backends.postgresql" and envbool("DB_POOL", "True"):
        # psycopg 3 pool: persistent connections are the pool's job, so CONN_MAX_AGE stays 0.
        config["CONN_MAX_AGE"] = 0
        config.setdefault("OPTIONS", {})["pool"] = {
            "min_size": envint("DB_POOL_MIN", "2"),
            "max_size": envint("DB_POOL_MAX", "10"),
            "timeout": envint("DB_POOL_TIMEOUT", "10"),
        }
    return config


# Database: DATABASE_URL, default a SQLite file beside the code.
DATABASES = {"default": database(env("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: the Celery broker and the cache. Without it tasks run in-process and the cache is local memory.
REDIS_URL = env("REDIS_URL")
# Neither may take a page down (opd/gangguan.py): a cache or broker that does not answer is skipped for
# GANGGUAN_JEDA_DETIK seconds, and its callers fall back (rate limits count in the database, tasks wait in the
# outbox, opd/antrian.py). Short socket timeouts make the first failure quick too.
GANGGUAN_JEDA_DETIK = envint("GANGGUAN_JEDA_DETIK", "30")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = REDIS_URL or "cache+memory://"
# A publish to a broker that is down fails at once (one quick retry, for a pooled connection that Redis closed)
# instead of retrying for seconds; the task then waits in the outbox.
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_TASK_PUBLISH_RETRY_POLICY = {"max_retries": 1, "interval_start": 0, "interval_step": 0.1, "interval_max": 0.1}
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1, "socket_timeout": 2}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 1
CELERY_REDIS_SOCKET_TIMEOUT = 2
# Nothing reads a task's result (tasks write their outcome to the database), so none is stored: a publish then needs
# the broker alone, not a result subscription that retries for 20 s when Redis is down. The health-check ping keeps
# its result (kinerja/celery.py).
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL or envbool("CELERY_TASK_ALWAYS_EAGER", "False")
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = "UTC"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Login attempts (the password and the second step alike): AXES_FAILURE_LIMIT failures of one account from one
# address lock that pair for AXES_COOLOFF_MINUTES, so that a stranger's guesses cannot lock the real user out of their
# own office; AXES_ADDRESS_FAILURE_LIMIT failures from one address, whatever the accounts, lock the address
# (opd/kunci.py). The address is the one opd.batas.alamat_klien trusts (the proxy's, with BEHIND_PROXY).
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", "10")
AXES_ADDRESS_FAILURE_LIMIT = envint("AXES_ADDRESS_FAILURE_LIMIT", "50")
AXES_COOLOFF_TIME = timedelta(minutes=envint("AXES_COOLOFF_MINUTES", "30"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_HANDLER = "opd.kunci.KunciHandler"
AXES_CLIENT_IP_CALLABLE = "opd.kunci.alamat_axes"
# Kept out of the failure records with the password: the code of the second step.
AXES_SENSITIVE_PARAMETERS = ["username", "ip_address", "kode"]
AXES_LOCKOUT_TEMPLATE = "registration/lockout.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

# Language and time: Bahasa Indonesia first, English available. Stored in UTC; shown in the instansi's zone.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Bahasa Indonesia")), ("en", _("English"))]
# Django's own catalogue after the project's: a library's catalogue (Django REST framework ships one) is merged over
# Django's, and would otherwise change the wording of the pages' form messages ("Bidang ini tidak boleh kosong.").
LOCALE_PATHS = [BASE_DIR / "locale", Path(django.__file__).resolve().parent / "conf" / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env("TIME_ZONE", "Asia/Makassar")
# Off, so ids, years and form values never become "1.234"; numbers meant for reading are grouped explicitly
# (floatformat with the "g" suffix, the `angka` filter).
USE_THOUSAND_SEPARATOR = False

STATIC_URL = "/static/"
STATIC_ROOT = Path(env("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", BASE_DIR / "node_modules" / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", BASE_DIR / "node_modules" / "bootstrap-icons" / "font"),
]
STORAGES = {
    # Uploaded evidence lives outside the web root and is served only through views that check access.
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": env("MEDIA_ROOT", str(BASE_DIR / "var" / "media")), "base_url": None},
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
MEDIA_ROOT = STORAGES["default"]["OPTIONS"]["location"]
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
UPLOAD_MAX_BYTES = envint("UPLOAD_MAX_MB", "10") * 1024 * 1024
# A file over UPLOAD_MAX_BYTES is kept only up to it (plus one byte, so that the form sees it is too large).
FILE_UPLOAD_HANDLERS = [
    "opd.unggahan.BatasUnggahanHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]
# More files in one request than any form takes (a complaint's attachments are the most) is refused whole, with a 400.
DATA_UPLOAD_MAX_NUMBER_FILES = 20

# Reports: rendered files are kept this many days after their last use; links in emails start with SITE_URL.
LAPORAN_RETENSI_HARI = envint("LAPORAN_RETENSI_HARI", "90")
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000" if DEBUG else "")

# Notifications: days before a window closes when its users are told, and working days a submitted value may wait
# for verification before its OPD is reminded.
NOTIFIKASI_HARI_TUTUP = tuple(int(h) for h in envlist("NOTIFIKASI_HARI_TUTUP", "7,1"))
NOTIFIKASI_VERIFIKASI_HARI_KERJA = envint("NOTIFIKASI_VERIFIKASI_HARI_KERJA", "5")

# Email: console in the demo, SMTP in production.
EMAIL_BACKEND = env(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = envint("EMAIL_PORT", "25")
EMAIL_HOST_USER = env("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS", "False")
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Kinerja <no-reply@kinerja.localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Security headers. No inline scripts or styles anywhere, so the policy can be strict.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
# Sessions: SESSION_IDLE_MINUTES without a request end one, and none outlives SESSION_MAX_HOURS after signing in
# (opd.middleware.SesiMiddleware; the cookie and the stored session expire then too).
SESSION_IDLE_MINUTES = envint("SESSION_IDLE_MINUTES", "30")
SESSION_MAX_HOURS = envint("SESSION_MAX_HOURS", "12")
SESSION_COOKIE_AGE = SESSION_MAX_HOURS * 60 * 60
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = envbool("SECURE_COOKIES", "False" if DEBUG else "True")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", "False")
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if envbool("BEHIND_PROXY", "False") else None
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", "0")
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", "False")
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", "False")
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Second factor: time-based codes (TOTP, any authenticator app) and single-use recovery codes (opd/dua_langkah.py).
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", "Kinerja")
# The read-only JSON API (/api/v1/, docs/api.md): tokens of one instansi each, rate limited per token.
API_RATE_LIMIT = env("API_RATE_LIMIT", "600/min")
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["api.auth.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_THROTTLE_CLASSES": ["api.auth.TokenRateThrottle"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "api.skema.SkemaApi",
    "EXCEPTION_HANDLER": "api.pengecualian.tangani",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Kinerja API",
    "DESCRIPTION": "Data kinerja satu instansi, hanya-baca, untuk integrasi (e-Kinerja BKN, SIASN). Lihat docs/api.md.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SCHEMA_PATH_PREFIX": "/api/v1/",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "RatingEnum": "penilaian.models.Rating",
        "PredikatKinerjaEnum": "penilaian.models.PredikatKinerja",
        "PredikatOrganisasiEnum": "penilaian.models.PredikatOrganisasi",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.skema.tambah_galat",
    ],
    # Swagger UI from the installed package (drf-spectacular-sidecar), never from a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
