from importlib.util import find_spec
from pathlib import Path

import dj_database_url

from config.env import (
    BASE_DIR,
    data_dir,
    env_bool,
    env_int,
    env_list,
    env_str,
    secret_from_file,
)
from config.storage import default_storage

DATA_DIR: Path = data_dir()
SECRET_KEY = secret_from_file("PRONGSAI_SECRET_KEY", "secret_key")
DEBUG = env_bool("PRONGSAI_DEBUG", False)
ALLOWED_HOSTS = env_list("PRONGSAI_ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("PRONGSAI_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "csp",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "import_export",
    "core",
    "audit",
    "org",
    "accounts",
    "plans",
    "reports",
    "procurement",
    "complaints",
    "campaigns",
    "integrity",
    "registers",
    "budget",
    "surveys",
    "hr",
    "ita",
    "infocentre",
    "portal",
    "api",
    "site_shell",  # home, menu, demo, backup, audit trail viewer: the pages that read every domain app
]

MIDDLEWARE = [
    # First: an over-cap request body is refused before anything reads it (gunicorn has no body limit).
    "core.request_limits.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # /a/<agency-code>/…: one agency's public pages among several (before URL resolution; after the user is
    # known, so that its own 404 page renders)
    "site_shell.middleware.AgencyPrefixMiddleware",
    "core.middleware.IdleTimeoutMiddleware",
    "core.middleware.NoStoreMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"


def _package_dir(name: str) -> Path:
    """An installed package's directory, found without importing the package."""
    return Path(find_spec(name).submodule_search_locations[0])


# The API docs page (api/docs.py) renders django-ninja's own template and scripts from this site, never from a
# CDN. Ninja is not an installed app for that: as one, it would be imported (with pydantic) at every start,
# about 0.15 s of CPU that commands such as the OCDS import pay for nothing.
NINJA_DIR = _package_dir("ninja")

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates", NINJA_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "site_shell.context_processors.navigation",
            ],
            "builtins": ["core.templatetags.thai"],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{DATA_DIR / 'prongsai.sqlite3'}"),
        conn_max_age=env_int("PRONGSAI_DB_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL lets the task worker write while gunicorn reads; the timeout rides out short write locks. Pages of
    # 16 KB (a new database takes the size before its first write; an existing one keeps its own): most rows
    # that matter are JSON texts of 10-30 KB, which 4 KB pages cut into chains, so that writing them (to the
    # WAL, then into the database) cost twice the system time (an OCDS import of 200 MB: 0.4 s less).
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA page_size=16384; PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "site_shell:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Proxies whose X-Forwarded-For is believed (addresses or networks, e.g. "127.0.0.1" when nginx on the same
# host forwards to gunicorn on loopback). Empty by default: the connection's own address is the client, and a
# header anyone can write is never read. core.middleware.client_address is the one place that resolves the
# client.
PRONGSAI_TRUSTED_PROXIES = env_list("PRONGSAI_TRUSTED_PROXIES")

# Login throttling: lock the username+client pair after repeated failures, never the username alone (that
# would let anyone lock anyone out); a password reset lifts the lock.
AXES_FAILURE_LIMIT = env_int("PRONGSAI_LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "core.middleware.client_address"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
def _sarabun_dir() -> str:
    import fontpkg_sarabun

    return str(Path(fontpkg_sarabun.__file__).resolve().parent / "files")


# Fonts come from their package at build time (collectstatic), never from a CDN and never copied into the
# repo.
STATICFILES_DIRS = [BASE_DIR / "static", ("fonts/sarabun", _sarabun_dir()), NINJA_DIR / "static"]
# PRONGSAI_STORAGE=filesystem (default) or s3 (django-storages): see config/storage.py.
STORAGES = {
    "default": default_storage(DATA_DIR / "uploads"),
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Uploads are never served by URL: MEDIA_URL is unset and files go out through permission-checked views.
MEDIA_ROOT = DATA_DIR / "uploads"
UPLOAD_MAX_BYTES = env_int("PRONGSAI_UPLOAD_MAX_BYTES", 20 * 1024 * 1024)
# A whole request (all its files and fields); larger ones are answered 413 before their body is read.
UPLOAD_REQUEST_MAX_BYTES = env_int("PRONGSAI_UPLOAD_REQUEST_MAX_BYTES", UPLOAD_MAX_BYTES + 5 * 1024 * 1024)
DATA_UPLOAD_MAX_NUMBER_FILES = 10
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
# Large uploads spill to disk during the request: keep them inside the protected data dir, not the shared
# /tmp.
FILE_UPLOAD_TEMP_DIR = DATA_DIR / "tmp-uploads"
FILE_UPLOAD_TEMP_DIR.mkdir(mode=0o700, exist_ok=True)
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

# Rendered pages kept for a minute (the dashboard, the executive's home) must be shared by every web
# process, or each gunicorn worker renders its own first copy: files in the data dir on one machine,
# PRONGSAI_CACHE=database (after `prongsai createcachetable`) when web processes run on several machines.
if env_str("PRONGSAI_CACHE", "files") == "database":
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.db.DatabaseCache",
                          "LOCATION": "prongsai_cache"}}
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                          "LOCATION": str(DATA_DIR / "pagecache"), "OPTIONS": {"MAX_ENTRIES": 5000}}}

TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# The compiled round's PDF: the worker renders what changed shortly after each change; a download renders
# at most this many seconds of missing parts itself (gunicorn stops a request at 30 s) and otherwise waits for
# the worker.
REPORTS_PDF_PRERENDER = True
REPORTS_PDF_SYNC_SECONDS = env_int("PRONGSAI_PDF_SYNC_SECONDS", 8)

EMAIL_BACKEND = env_str("PRONGSAI_EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("PRONGSAI_EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = env_int("PRONGSAI_EMAIL_PORT", 25)
EMAIL_TIMEOUT = 10
EMAIL_FILE_PATH = DATA_DIR / "mail"  # used only with the file backend (`make run` without a relay)
DEFAULT_FROM_EMAIL = env_str("PRONGSAI_FROM_EMAIL", "prongsai@localhost")
SITE_URL = env_str("PRONGSAI_SITE_URL", "http://127.0.0.1:8000")
# The agency's registered OCDS prefix; the default marks data as not yet registered.
PRONGSAI_OCID_PREFIX = env_str("PRONGSAI_OCID_PREFIX", "ocds-th0cpd")
# The licence and publication policy named in the OCDS packages of an agency that set none of its own. The
# licence defaults to the one data.go.th (the government open data portal) publishes under; a publication
# policy is each deployment's own page, so there is none until it is set.
PRONGSAI_OCDS_LICENSE = env_str("PRONGSAI_OCDS_LICENSE", "https://data.go.th/pages/dga-open-government-license")
PRONGSAI_OCDS_PUBLICATION_POLICY = env_str("PRONGSAI_OCDS_PUBLICATION_POLICY", "")

# A session ends after an idle hour, and after a working day whatever happens (Django's default is 14 days).
PRONGSAI_SESSION_IDLE_MINUTES = env_int("PRONGSAI_SESSION_IDLE_MINUTES", 60)
SESSION_COOKIE_AGE = env_int("PRONGSAI_SESSION_MAX_HOURS", 12) * 3600
# API tokens stop working after this many days, and at once when their owner's password changes.
PRONGSAI_API_TOKEN_DAYS = env_int("PRONGSAI_API_TOKEN_DAYS", 90)
# Anonymous complaints one client may file per hour (counted under a keyed hash, never the address).
PRONGSAI_FILING_LIMIT_PER_HOUR = env_int("PRONGSAI_FILING_LIMIT_PER_HOUR", 10)

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("PRONGSAI_SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

# Identity fields of confidential reports are encrypted with a key that never enters the database.
PRONGSAI_IDENTITY_KEY = secret_from_file("PRONGSAI_IDENTITY_KEY", "identity.key")
# Run at every start, by backup and by restore: each raises config.env.StartRefused when the identity key does
# not open the data its app stores (core.startup).
PRONGSAI_KEY_CHECKS = ["complaints.keys.check_identity_key"]
# Where pg_dump and pg_restore live when they are not on PATH (backup and restore of a PostgreSQL database).
PRONGSAI_PG_BIN = env_str("PRONGSAI_PG_BIN", "")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("PRONGSAI_LOG_LEVEL", "INFO")},
    # Document rendering narrates every step at INFO; only problems are worth a line in the server log.
    "loggers": {name: {"level": "WARNING"} for name in ("weasyprint", "fontTools", "PIL")},
}
