"""Settings for ALT Portal, read from the environment (table in the README).

Defaults fail closed: outside DJANGO_DEBUG=true, start-up stops unless the secret
key is strong, the allowed hosts are named and the database is PostgreSQL.
"""

import os
import re
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

from alt_portal.env import env_bool, env_int, env_list

BASE_DIR = Path(__file__).resolve().parent.parent


# Core
DEBUG = env_bool("DJANGO_DEBUG", False)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
# While rotating keys, sessions (encrypted under the key) and signatures stay valid.
SECRET_KEY_FALLBACKS = env_list("DJANGO_SECRET_KEY_FALLBACKS")
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
    # Django's own test of a strong key (check --deploy, security.W009), enforced.
    if (
        len(SECRET_KEY) < 50
        or len(set(SECRET_KEY)) < 5
        or SECRET_KEY.startswith("django-insecure")
    ):
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is too weak: use at least 50 random characters. "
            "Generate one with: python -c 'import secrets; "
            "print(secrets.token_urlsafe(50))'"
        )
    if "*" in ALLOWED_HOSTS:
        raise ImproperlyConfigured(
            "DJANGO_ALLOWED_HOSTS must name the site's host names, not '*': any "
            "Host header would then be trusted (in password-reset links, redirects "
            "and cache keys). For example DJANGO_ALLOWED_HOSTS=alt.example-hospital.org"
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
    "axes",
    "crispy_forms",
    "crispy_bootstrap5",
    "portal",
    "education",
    "questionnaire",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Security headers first: the 400/503 pages and health checks answer below.
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    # whitenoise serves static files before sessions and auth do any work.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "alt_portal.request_logging.RequestLogMiddleware",
    # Before anything reads a form body it cannot decode (alt_portal/errors.py).
    "alt_portal.errors.MalformedRequestMiddleware",
    # Before anything reads the Host header, so a load balancer may probe by IP.
    "alt_portal.health.HealthCheckMiddleware",
    # Before sessions and auth, so an outage in them also gets the 503 page.
    "alt_portal.database_unavailable.DatabaseUnavailableMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Last, as django-axes requires: turns a locked-out sign-in into its page.
    "axes.middleware.AxesMiddleware",
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
                "portal.context_processors.site",
                # The CSP nonce, for the admin's {% csp_nonce_attr %} tags.
                "django.template.context_processors.csp",
            ],
        },
    },
]

# Database
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=env_int(
            "DJANGO_DB_CONN_MAX_AGE",
            60,
            meaning="a whole number of seconds (0 closes connections after each "
            "request)",
        ),
        conn_health_checks=True,
    )
}
if (
    DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
    and not DEBUG
    and not env_bool("DJANGO_ALLOW_SQLITE", False)
):
    raise ImproperlyConfigured(
        "DATABASE_URL must point at PostgreSQL when DJANGO_DEBUG is false, for "
        "example postgres://alt:secret@db.internal:5432/alt_portal. To run on "
        "SQLite anyway (one small server, backups your own), set "
        "DJANGO_ALLOW_SQLITE=true."
    )
# A database that stops answering must not hold a worker until gunicorn kills it;
# the OperationalError shows the 503 page. A statement timeout of 0 is for long
# maintenance commands (DJANGO_DB_STATEMENT_TIMEOUT=0 manage.py migrate).
DB_CONNECT_TIMEOUT = env_int(
    "DJANGO_DB_CONNECT_TIMEOUT",
    3,
    minimum=1,
    meaning="a whole number of seconds, 1 or more",
)
DB_STATEMENT_TIMEOUT = env_int(
    "DJANGO_DB_STATEMENT_TIMEOUT",
    5,
    meaning="a whole number of seconds (0 for no limit)",
)
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    _db_options = DATABASES["default"].setdefault("OPTIONS", {})
    _db_options.setdefault("connect_timeout", DB_CONNECT_TIMEOUT)
    _db_options["options"] = (
        f"{_db_options.get('options', '')} "
        f"-c statement_timeout={DB_STATEMENT_TIMEOUT * 1000}"
    ).strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Passwords and sessions
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]
# Answers live only in the session: short, and ended with the browser, so a shared
# computer does not keep someone's health answers. Messages live there too.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
SESSION_COOKIE_AGE = env_int(
    "DJANGO_SESSION_COOKIE_AGE",
    2 * 60 * 60,
    minimum=1,
    meaning="a whole number of seconds, 1 or more (7200 is two hours)",
)
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# __Host- cookies: a sibling subdomain cannot plant a session id (fixation).
SESSION_COOKIE_NAME = "sessionid" if DEBUG else "__Host-sessionid"
CSRF_COOKIE_NAME = "csrftoken" if DEBUG else "__Host-csrftoken"

# Language and time
# English at today's addresses, Simplified Chinese under /zh-hans/ (alt_portal/urls.py).
# Each language is named as it names itself, untranslated: the switch shows these.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("zh-hans", "简体中文")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "UTC")
USE_I18N = True
FORMAT_MODULE_PATH = ["alt_portal.formats"]
USE_TZ = True

# Static files
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    # Plain files where collectstatic has not run.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Security
# docs/security.md explains every setting below.
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", not DEBUG)
# Load balancers probe the health checks over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env_int(
    "DJANGO_SECURE_HSTS_SECONDS",
    0 if DEBUG else 31536000,
    meaning="a whole number of seconds, for example 31536000 (one year), or 0 "
    "to send no HSTS header",
)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
# Preloading commits the whole domain to HTTPS in every browser, for months and
# beyond this site's control: a decision for the hospital's IT, so off by default.
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]


def env_proxy_ssl_header(name):
    """Read "HEADER=value" (e.g. HTTP_X_FORWARDED_PROTO=https) into Django's pair."""
    value = os.environ.get(name, "").strip()
    if not value:
        return None
    header, sep, expected = (part.strip() for part in value.partition("="))
    if not (sep and header and expected):
        raise ImproperlyConfigured(
            f"{name} must look like HTTP_X_FORWARDED_PROTO=https: the request "
            "header your proxy sets, '=', and the value it sets for HTTPS."
        )
    header = header.upper().replace("-", "_")
    if not header.startswith("HTTP_"):
        header = f"HTTP_{header}"
    return (header, expected)


SECURE_PROXY_SSL_HEADER = env_proxy_ssl_header("DJANGO_SECURE_PROXY_SSL_HEADER")
# Proxies that append to X-Forwarded-For: the sign-in lockout trusts only that many.
TRUSTED_PROXY_COUNT = env_int(
    "DJANGO_TRUSTED_PROXY_COUNT",
    1 if SECURE_PROXY_SSL_HEADER else 0,
    meaning="the number of reverse proxies in front of the app (0 or more)",
)

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "hid",
        "idle-detection",
        "interest-cohort",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "screen-wake-lock",
        "serial",
        "usb",
        "xr-spatial-tracking",
    )
}
# Never add 'unsafe-inline': move inline code to a static file instead
# (see templates/reversion-compare/ and static/css/admin-csp.css).
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF, CSP.NONCE],
    "style-src": [CSP.SELF, CSP.NONCE],
    # Bootstrap's CSS draws some icons as data: SVG images.
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
    "form-action": [CSP.SELF],
    "base-uri": [CSP.NONE],
    "object-src": [CSP.NONE],
}

# Admin sign-in
# A less obvious path keeps most automated guessing away; it is no secret.
ADMIN_PATH = os.environ.get("DJANGO_ADMIN_PATH", "").strip().strip("/") or "admin"
if not re.fullmatch(r"[A-Za-z0-9._~-]+(/[A-Za-z0-9._~-]+)*", ADMIN_PATH) or {
    ".",
    "..",
} & set(ADMIN_PATH.split("/")):
    # alt_portal/urls.py also refuses a path the site uses for patients.
    raise ImproperlyConfigured(
        "DJANGO_ADMIN_PATH must be a URL path of letters, digits, '-', '_', '.' "
        "and '/', such as staff-admin/."
    )
ADMIN_PATH = f"{ADMIN_PATH}/"
# Not Django's /accounts/profile/, which this site does not have.
LOGIN_REDIRECT_URL = "admin:index"

# The per-user-name cap is highest: anyone can spend it to lock that person out.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_HANDLER = "alt_portal.login_protection.CappedLockoutHandler"
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(hours=1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address", "username"]
LOGIN_LOCKOUT_CAPS = [AXES_FAILURE_LIMIT, 20, 30]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "alt_portal.login_protection.client_ip"
AXES_LOCKOUT_CALLABLE = "alt_portal.login_protection.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
# No start-up banner: it would land in the output of `export_content > file`.
AXES_VERBOSE = False

# Forms
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Caches and sessions
CACHE_URL = os.environ.get("DJANGO_CACHE_URL", "").strip()
if CACHE_URL:
    if not CACHE_URL.startswith(("redis://", "rediss://", "unix://")):
        raise ImproperlyConfigured(
            "DJANGO_CACHE_URL must be a Redis URL, for example "
            "redis://127.0.0.1:6379/1 (or rediss:// for TLS, unix:// for a socket)."
        )
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "alt_portal",
            # Fail fast, so a Redis outage shows the 503 page instead of hanging.
            "OPTIONS": {"socket_connect_timeout": 2, "socket_timeout": 2},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

SESSION_ENGINES = {
    "db": "alt_portal.sessions.db",
    "cache": "alt_portal.sessions.cache",
}
_session_engine = os.environ.get("DJANGO_SESSION_ENGINE", "db").strip().lower() or "db"
if _session_engine not in SESSION_ENGINES:
    raise ImproperlyConfigured(
        f"DJANGO_SESSION_ENGINE must be db or cache, not {_session_engine!r}."
    )
if _session_engine != "db" and not CACHE_URL:
    raise ImproperlyConfigured(
        f"DJANGO_SESSION_ENGINE={_session_engine} needs a shared cache: set "
        "DJANGO_CACHE_URL (for example redis://127.0.0.1:6379/1). Without one the "
        "cache is each process's own memory, so sessions would be lost between "
        "gunicorn workers, servers and restarts. Use DJANGO_SESSION_ENGINE=db."
    )
SESSION_ENGINE = SESSION_ENGINES[_session_engine]

# Logging
# Stdout only. Nothing in this project logs a patient's answers, query strings,
# POST data, cookies or sessions.
LOG_FORMAT = os.environ.get("DJANGO_LOG_FORMAT", "plain" if DEBUG else "json")
LOG_FORMAT = LOG_FORMAT.strip().lower()
if LOG_FORMAT not in {"json", "plain"}:
    raise ImproperlyConfigured("DJANGO_LOG_FORMAT must be json or plain.")
LOG_LEVEL = os.environ.get("DJANGO_LOG_LEVEL", "").strip().upper() or "INFO"
if LOG_LEVEL not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
    raise ImproperlyConfigured(
        "DJANGO_LOG_LEVEL must be DEBUG, INFO, WARNING, ERROR or CRITICAL, not "
        f"{LOG_LEVEL!r}."
    )
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"},
        "json": {"()": "alt_portal.request_logging.JsonFormatter"},
    },
    "filters": {
        "one_line_warning": {"()": "alt_portal.request_logging.OneLineWarning"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": LOG_FORMAT,
        },
        "discard": {"class": "logging.NullHandler"},
    },
    "root": {"handlers": ["console"], "level": LOG_LEVEL},
    "loggers": {
        # Drop Django's AdminEmailHandler, which would mail POST data.
        "django": {"handlers": [], "level": LOG_LEVEL, "propagate": True},
        # runserver's request lines include the query string: drop them (local
        # use only; RequestLogMiddleware logs each request without it).
        "django.server": {"handlers": ["discard"], "propagate": False},
        "django.security.DisallowedHost": {"filters": ["one_line_warning"]},
        # At DEBUG this logger prints SQL with its parameters, session data too.
        "django.db.backends": {"level": "INFO"},
    },
}

# ALT Portal
# First-run defaults for portal.models.SiteSettings, which pages read. Only the
# 503 page (no database) reads PORTAL_EMERGENCY_NUMBER here.
PORTAL_HOSPITAL_NAME = os.environ.get("PORTAL_HOSPITAL_NAME", "ALT Portal")
PORTAL_EMERGENCY_NUMBER = os.environ.get("PORTAL_EMERGENCY_NUMBER", "")
PORTAL_CONTACT_PHONE = os.environ.get("PORTAL_CONTACT_PHONE", "")
# "international" is the WHO standard drink, 10 g.
PORTAL_DRINK_COUNTRY = os.environ.get("PORTAL_DRINK_COUNTRY", "international").lower()
if PORTAL_DRINK_COUNTRY not in {"us", "uk", "au", "ca", "cn", "international"}:
    raise ImproperlyConfigured(
        "PORTAL_DRINK_COUNTRY must be one of us, uk, au, ca, cn or international."
    )
