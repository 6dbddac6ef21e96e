"""Settings for ALT Portal.

Every value a deployment changes is read from the environment; the README has the
table. The defaults let a fresh clone run locally: SQLite, DEBUG on, an insecure key.
A deployment declares itself with DJANGO_DEBUG=false and must then set the secret key
and allowed hosts, or start-up stops with a clear message.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    """Read a yes/no environment variable ("true", "1", "yes" mean yes)."""
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=()):
    """Read a comma-separated environment variable into a list."""
    value = os.environ.get(name, "")
    items = [item.strip() for item in value.split(",") if item.strip()]
    return items or list(default)


# Core
# ----
DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS")
if DEBUG:
    SECRET_KEY = SECRET_KEY or "django-insecure-local-only"
    ALLOWED_HOSTS = ALLOWED_HOSTS or ["localhost", "127.0.0.1", "[::1]"]
else:
    if not SECRET_KEY:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is false. Generate one "
            "with: python -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "DJANGO_ALLOWED_HOSTS must be set when DJANGO_DEBUG is false, for "
            "example DJANGO_ALLOWED_HOSTS=alt.example-hospital.org"
        )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "reversion",
    "reversion_compare",
    "crispy_forms",
    "crispy_bootstrap5",
    "education",
    "questionnaire",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # whitenoise serves static files before sessions and auth do any work.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "alt_portal.urls"
WSGI_APPLICATION = "alt_portal.wsgi.application"

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
                "alt_portal.context_processors.portal",
            ],
        },
    },
]

# Database
# --------
# SQLite in the project folder by default; PostgreSQL (through psycopg) when
# DATABASE_URL is set, e.g. postgres://alt:secret@db.internal:5432/alt_portal.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Passwords and sessions
# ----------------------
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]
# Questionnaire answers live only in the session: keep it short and end it with
# the browser, so a shared computer does not keep someone's health answers.
SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_COOKIE_AGE", str(2 * 60 * 60)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True

# Language and time
# -----------------
# Only English ships today. Add ("zh-hans", _("Simplified Chinese")) here once its
# translations exist in locale/, so no page claims a language it is not written in.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# Static files
# ------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Hashed, compressed files in production; plain files locally and under test,
    # where collectstatic has not run.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Security
# --------
if not DEBUG:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Forms
# -----
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Logging
# -------
# Everything goes to stdout for the process manager to collect. Nothing in this
# project logs a patient's answers.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain"},
    },
    "root": {
        "handlers": ["console"],
        "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO"),
    },
}

# ALT Portal
# ----------
# The hospital's name, shown in the header and page titles.
PORTAL_HOSPITAL_NAME = os.environ.get("PORTAL_HOSPITAL_NAME", "ALT Portal")
# Phone numbers shown in the questionnaire's advice. Empty: the pages say
# "your local emergency number" and "your doctor" instead.
PORTAL_EMERGENCY_NUMBER = os.environ.get("PORTAL_EMERGENCY_NUMBER", "")
PORTAL_CONTACT_PHONE = os.environ.get("PORTAL_CONTACT_PHONE", "")
# Which country's "standard drink" the alcohol questions use: us, uk, au, ca or
# international (WHO, 10 g).
PORTAL_DRINK_COUNTRY = os.environ.get("PORTAL_DRINK_COUNTRY", "international").lower()
if PORTAL_DRINK_COUNTRY not in {"us", "uk", "au", "ca", "international"}:
    raise ImproperlyConfigured(
        "PORTAL_DRINK_COUNTRY must be one of us, uk, au, ca or international."
    )
