"""Haven's settings: one file, every value from the environment.

See docs/configuration.md for the list of variables. Defaults give a private,
single-household install: SQLite and a generated secret key in HAVEN_DATA_DIR.
"""

from __future__ import annotations

import base64
import secrets
from pathlib import Path
from urllib.parse import urlsplit

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from haven.conf import (
    ImproperSetting,
    default_data_dir,
    env_bool,
    env_int,
    env_list,
    env_secret,
    env_str,
    owner_only,
    static_headers,
)

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env_str("HAVEN_DATA_DIR") or default_data_dir()).expanduser().resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)
owner_only(DATA_DIR, directory=True)  # what people wrote lives here

SECRET_KEY = env_secret("SECRET_KEY", generated_file=DATA_DIR / "secret_key")
# Keys for the text people write (haven/core/crypto.py). Comma-separated Fernet
# keys, newest first; generated once into the data folder when unset. Keep a
# copy apart from database backups: without it the text cannot be read.
ENCRYPTION_KEYS = [
    key.strip()
    for key in env_secret(
        "HAVEN_ENCRYPTION_KEYS",
        generated_file=DATA_DIR / "encryption_keys",
        generate=lambda: base64.urlsafe_b64encode(secrets.token_bytes(32)).decode("ascii"),
    ).split(",")
    if key.strip()
]
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_NAME = env_str("HAVEN_SITE_NAME", "Haven")
# Who runs this server: shown at onboarding so people know who could, in
# principle, read the database (see docs/security.md).
OPERATOR = env_str("HAVEN_OPERATOR", "")

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.admin",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "haven.core",
    "haven.accounts",
    "haven.couples",
    "haven.journal",
    "haven.needs",
    "haven.reflection",
    "haven.checkins",
    "haven.coach",
    "haven.practise",
    "haven.safety",
    "haven.learn",
    "haven.cycle",
    "haven.moments",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "haven.core.middleware.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "haven.accounts.middleware.SessionLifetimeMiddleware",
    "haven.accounts.middleware.ProfileLanguageMiddleware",
    "haven.core.middleware.MethodNotAllowedPageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "haven.core.middleware.PrivateContentMiddleware",
    "haven.core.guards.ClearSiteDataMiddleware",
    "haven.core.guards.RescueMiddleware",
    "haven.core.guards.ConsentMiddleware",
]
CSRF_FAILURE_VIEW = "haven.core.views.csrf_failure"

ROOT_URLCONF = "haven.urls"
WSGI_APPLICATION = "haven.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "haven.core.context_processors.haven",
                "haven.moments.context_processors.pause_reminder",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------
# SQLite under the data folder unless DATABASE_URL names another database.
_database_url = env_str("DATABASE_URL")
if _database_url:
    try:
        _db = dj_database_url.parse(_database_url, conn_max_age=60, conn_health_checks=True)
    except ValueError as exc:
        raise ImproperSetting(f"DATABASE_URL cannot be used: {exc}") from None
else:
    _db = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(DATA_DIR / "haven.sqlite3")}
    # Readable by this user alone (also when SQLite has just created it: see
    # haven.core.apps); SQLite gives its -wal and -shm files the same mode.
    owner_only(Path(_db["NAME"]))
if _db["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; IMMEDIATE takes the write
    # lock at the start of a transaction so two writers queue instead of
    # failing with "database is locked" halfway through.
    _db["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA foreign_keys=ON;"
            "PRAGMA busy_timeout=20000;"
        ),
    }
    _db["TEST"] = {"NAME": None}
elif _db["ENGINE"] == "django.db.backends.postgresql":
    _db.setdefault("TEST", {})
    _db["CONN_HEALTH_CHECKS"] = True
else:
    raise ImproperSetting("DATABASE_URL must point to PostgreSQL (or be unset for SQLite)")
DATABASES = {"default": _db}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts -------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# Argon2id with the parameters in haven/accounts/hashers.py (RFC 9106, 64 MiB).
PASSWORD_HASHERS = [
    "haven.accounts.hashers.HavenArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Length and a list of common passwords; no composition rules (NIST 800-63B).
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 8},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "haven.accounts.validators.MaximumLengthValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGOUT_REDIRECT_URL = "home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
# With mail configured, addresses are verified before login, which also lets
# sign-up answer the same whether or not an address is registered. Without
# mail (a household install) that is impossible; see docs/security.md.
ACCOUNT_EMAIL_VERIFICATION = env_str(
    "HAVEN_EMAIL_VERIFICATION", "mandatory" if env_str("EMAIL_HOST") else "optional"
)
# Changing the address or the second factor asks for the password again.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
# No "your password changed" style mails: the partner may read the inbox.
ACCOUNT_EMAIL_NOTIFICATIONS = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PREVENT_ENUMERATION = True
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SIGNUP_FORM_CLASS = "haven.accounts.forms.SignupExtraForm"
ACCOUNT_ADAPTER = "haven.accounts.adapter.HavenAccountAdapter"
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_RATE_LIMITS = {
    # Per IP and per attempted account; a correct password still works, see
    # docs/security.md for why a partner cannot lock the other out this way.
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
}
# The cache holds the login and invitation throttles' counters: shared by all
# workers and servers, so a limit does not multiply with them or reset on a
# restart. The database by default (it works on the SQLite default and
# across processes); Redis through one setting for several servers
# (docs/deploy.md).
CACHE_URL = env_str("HAVEN_CACHE_URL")
if CACHE_URL:
    if not CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured("HAVEN_CACHE_URL must be a redis://, rediss:// or unix:// URL")
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "haven",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "haven_cache",
        }
    }
# Typing an invitation code: per account and per address, in the shared cache.
# A code is eight characters of 31 (about 8.5e11 codes) and lasts three days.
HAVEN_INVITATION_CODE_RATES = env_str("HAVEN_INVITATION_CODE_RATES", "10/h/user,30/h/ip")
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = SITE_NAME
USERSESSIONS_TRACK_ACTIVITY = True
ACCOUNT_CHANGE_EMAIL = True

# Absolute lifetime from login, and idle lifetime without any request.
SESSION_MAX_AGE = env_int("HAVEN_SESSION_MAX_AGE", 14 * 24 * 3600, minimum=300)
SESSION_IDLE = env_int("HAVEN_SESSION_IDLE", 8 * 3600, minimum=60)
SESSION_COOKIE_AGE = SESSION_MAX_AGE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"

# --- Email ------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Haven <haven@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_secret("EMAIL_HOST_PASSWORD") if EMAIL_HOST_USER else ""
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", EMAIL_PORT == 587)
    EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", EMAIL_PORT == 465)
    EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 20, minimum=1)
else:
    EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")

# --- Languages --------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("nl", _("Dutch"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = env_str("TIME_ZONE", "Europe/Amsterdam")
LANGUAGE_COOKIE_NAME = "haven_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True

# --- Static files -----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT.mkdir(exist_ok=True)
WHITENOISE_USE_FINDERS = True
WHITENOISE_ADD_HEADERS_FUNCTION = static_headers
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# --- Security headers -------------------------------------------------------
# The quick exit (every page: button, or Escape twice) lands here.
QUICK_EXIT_URL = env_str("HAVEN_QUICK_EXIT_URL", "https://www.bbc.com/weather")
_exit = urlsplit(QUICK_EXIT_URL)
if _exit.scheme not in ("http", "https") or not _exit.netloc:
    raise ImproperSetting("HAVEN_QUICK_EXIT_URL must be a full http(s) address")
# Only Haven's own files; scripts need the per-response nonce; no framing.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [NONE],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        # The quick exit's form is redirected to the neutral site.
        "form-action": [SELF, f"{_exit.scheme}://{_exit.netloc}"],
    },
}
HTTPS = env_bool("HAVEN_HTTPS", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if HTTPS:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("HAVEN_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("HAVEN_HSTS_SECONDS", 31536000, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("HAVEN_HSTS_PRELOAD", False)
    if not SECURE_HSTS_PRELOAD:
        # Asking browsers to hard-code HTTPS for the whole domain is the
        # operator's decision (HAVEN_HSTS_PRELOAD=true); HSTS itself is on.
        SILENCED_SYSTEM_CHECKS = ["security.W021"]
    if env_bool("HAVEN_BEHIND_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Logging: never content, only what happened -------------------------------
DEFAULT_EXCEPTION_REPORTER_FILTER = "haven.core.errors.ContentFreeReporterFilter"
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_content": {"()": "haven.core.errors.ContentFreeLogFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["no_content"]},
        "mail_admins": {
            "class": "django.utils.log.AdminEmailHandler",
            "level": "ERROR",
            "filters": ["no_content"],
        },
    },
    "root": {"handlers": ["console"], "level": env_str("HAVEN_LOG_LEVEL", "WARNING")},
    "loggers": {
        "django.request": {
            "handlers": ["console", "mail_admins"],
            "level": "ERROR",
            "propagate": False,
        },
    },
}
ADMINS = [("Haven admin", address) for address in env_list("HAVEN_ADMINS", [])]
