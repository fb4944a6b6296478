"""Django settings, driven entirely by MEDPATH_* environment variables (see config.py)."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
import django_stubs_ext

from medpath import config
from medpath.config import env_bool, env_int, env_list, env_str

django_stubs_ext.monkeypatch()  # lets forms.ModelForm[User] and friends be subscripted at run time

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = config.data_dir()

SECRET_KEY = config.secret_key(DATA_DIR)
# Old keys, while what was made with them lapses (sessions, links, recovery codes): see docs/deploy.md.
SECRET_KEY_FALLBACKS = env_list("MEDPATH_SECRET_KEY_FALLBACKS", [])
DEBUG = env_bool("MEDPATH_DEBUG", False)

MEDPATH_BASE_URL = config.base_url()
_base = urlsplit(MEDPATH_BASE_URL)
_https = _base.scheme == "https"

ALLOWED_HOSTS = env_list(
    "MEDPATH_ALLOWED_HOSTS",
    sorted({_base.hostname or "127.0.0.1", "127.0.0.1", "localhost", "[::1]"}),
)
CSRF_TRUSTED_ORIGINS = [f"{_base.scheme}://{_base.netloc}"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "ninja",
    "csp",
    "medpath.accounts",
    "medpath.home",
    "medpath.plans",
    "medpath.learning",
    "medpath.experience",
    "medpath.skills",
    "medpath.network",
    "medpath.wellbeing",
    "medpath.applications",
    "medpath.match",
    "medpath.portfolio",
    "medpath.archive",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "medpath.requestlimits.BodySizeLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "medpath.accounts.middleware.SessionLifetimeMiddleware",
    "medpath.accounts.middleware.UserTimezoneMiddleware",
    "medpath.headers.PrivateResponsesMiddleware",
    "medpath.api.ApiErrorShapeMiddleware",
]

ROOT_URLCONF = "medpath.urls"
WSGI_APPLICATION = "medpath.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "builtins": ["medpath.wordtags"],  # |amount on every page without {% load %}
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "medpath.accounts.context_processors.medpath",
            ],
        },
    }
]

# --- Database -----------------------------------------------------------------
_database_url = env_str("MEDPATH_DATABASE_URL", f"sqlite:///{DATA_DIR / 'medpath.sqlite3'}")
try:
    _database = dj_database_url.parse(_database_url, conn_max_age=60, conn_health_checks=True)
except ValueError as error:
    raise config.ConfigError(f"MEDPATH_DATABASE_URL is not a database URL: {error}") from None
if _database["ENGINE"] == "django.db.backends.sqlite3":
    _database["CONN_MAX_AGE"] = 0
    _database["OPTIONS"] = {
        # WAL lets readers go on while one writer writes; IMMEDIATE takes the write
        # lock at BEGIN so two writers queue on the busy timeout instead of deadlocking.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
DATABASES = {"default": _database}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and passwords ---------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "home:dashboard"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "medpath.accounts.validators.NotOnlySpacesValidator"},
]
MEDPATH_LOGIN_MAX_FAILURES = env_int("MEDPATH_LOGIN_MAX_FAILURES", 5, minimum=1)
MEDPATH_LOGIN_LOCKOUT_MINUTES = env_int("MEDPATH_LOGIN_LOCKOUT_MINUTES", 15, minimum=1)
# Failed logins from one client address (an IPv6 /64) across all accounts in 10 minutes, before it is refused.
MEDPATH_LOGIN_ADDRESS_MAX_FAILURES = env_int("MEDPATH_LOGIN_ADDRESS_MAX_FAILURES", 20, minimum=1)
# Sign-up e-mails sent for one client address (an IPv6 /64) in an hour, whatever addresses it types; past it the
# page answers as always but sends nothing. Raise it for a program signing up a whole class from one network.
MEDPATH_SIGNUP_PER_CLIENT_HOUR = env_int("MEDPATH_SIGNUP_PER_CLIENT_HOUR", 20, minimum=1)
MEDPATH_PUBLIC_PAGE_LIMIT = env_int("MEDPATH_PUBLIC_PAGE_LIMIT", 30, minimum=1)  # per address per 10 minutes, on link pages

# --- Sessions, cookies, HTTPS -----------------------------------------------------------
SESSION_COOKIE_AGE = env_int("MEDPATH_SESSION_IDLE_MINUTES", 480, minimum=5) * 60
SESSION_SAVE_EVERY_REQUEST = True  # the age above is an idle timeout, not a fixed one
# However active, a session ends this many hours after its login (medpath.accounts.middleware).
MEDPATH_SESSION_MAX_HOURS = env_int("MEDPATH_SESSION_MAX_HOURS", 24, minimum=1)
# Feedback results are released only with at least this many answers; never fewer than 3 (docs/skills.md).
MEDPATH_FEEDBACK_MINIMUM_ANSWERS = env_int("MEDPATH_FEEDBACK_MINIMUM_ANSWERS", 3, minimum=3)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = _https
CSRF_COOKIE_SECURE = _https
SECURE_SSL_REDIRECT = env_bool("MEDPATH_SECURE_SSL_REDIRECT", _https)
SECURE_HSTS_SECONDS = env_int("MEDPATH_HSTS_SECONDS", 31_536_000 if _https else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
# The preload directive only permits a submission to browsers' preload lists; nothing is submitted.
SECURE_HSTS_PRELOAD = env_bool("MEDPATH_HSTS_PRELOAD", SECURE_HSTS_SECONDS >= 31_536_000)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
MEDPATH_TRUST_PROXY = env_bool("MEDPATH_TRUST_PROXY", False)
if MEDPATH_TRUST_PROXY:
    # The proxy passes the original Host header itself; X-Forwarded-Host is not trusted.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

CSRF_FAILURE_VIEW = "medpath.home.views.csrf_failure"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# --- Request size ---------------------------------------------------------------------
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("MEDPATH_MAX_REQUEST_KB", 2560, minimum=16) * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 500
# The largest full archive (zip) this server imports, and the most its files may inflate to.
MEDPATH_ARCHIVE_MAX_MB = env_int("MEDPATH_ARCHIVE_MAX_MB", 200, minimum=1)

# --- E-mail -------------------------------------------------------------------------------
_email_backends = {
    "console": "django.core.mail.backends.console.EmailBackend",
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
}
_email_backend = env_str("MEDPATH_EMAIL_BACKEND", "console")
EMAIL_BACKEND = _email_backends.get(_email_backend, _email_backend)
EMAIL_HOST = env_str("MEDPATH_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("MEDPATH_EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = env_str("MEDPATH_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env_str("MEDPATH_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env_bool("MEDPATH_EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("MEDPATH_EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = env_str("MEDPATH_EMAIL_FROM", "MedPath <medpath@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Static files and uploads ---------------------------------------------------------
STATIC_URL = "/static/"
# No STATIC_ROOT: nothing is collected (see WHITENOISE_USE_FINDERS below).
STATIC_ROOT = None
STATICFILES_DIRS = [BASE_DIR / "static"]
# Assets are served straight from the installed package (no collectstatic step), so
# every app server serves the same files and nothing is fetched from a CDN.
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
MEDIA_ROOT = DATA_DIR / "uploads"
# Certificates are personal records: readable by the app's own user only (issue 11, finding 8).
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Internationalization -------------------------------------------------------------
LANGUAGE_CODE = "en-us"
# |date with no argument gives the house style (4 Dec 2026): medpath/formats/en/formats.py, from medpath.wording.
FORMAT_MODULE_PATH = ["medpath.formats"]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# --- API ----------------------------------------------------------------------------------
NINJA_PAGINATION_PER_PAGE = 50

# --- Logging: never health or wellbeing content, only events and ids -----------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "filters": {"private_paths": {"()": "medpath.logs.PrivatePaths"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["private_paths"]}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "medpath": {"level": env_str("MEDPATH_LOG_LEVEL", "INFO"), "propagate": True},
        # "Not Found: <path>" and error lines name the path; a wellbeing path is cut (medpath/logs.py).
        "django.request": {"filters": ["private_paths"], "propagate": True},
        # An oversized body is answered with a clear 413; no traceback in the log for it.
        "django.security.RequestDataTooBig": {"level": "CRITICAL", "propagate": True},
        "django.security.TooManyFieldsSent": {"level": "CRITICAL", "propagate": True},
    },
}
