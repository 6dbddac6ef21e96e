"""How the environment chooses the cache, the session store and the log format."""

import runpy
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

SETTINGS = Path(__file__).resolve().parents[2] / "alt_portal" / "settings.py"
VARIABLES = (
    "DJANGO_DEBUG",
    "DJANGO_CACHE_URL",
    "DJANGO_SESSION_ENGINE",
    "DJANGO_LOG_FORMAT",
    "DJANGO_LOG_LEVEL",
)


@pytest.fixture
def load(monkeypatch):
    """Evaluate settings.py afresh with the given environment variables."""

    def load(**env):
        for name in VARIABLES:
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(str(SETTINGS))

    return load


def test_defaults_keep_sessions_in_the_database_and_cache_in_memory(load):
    settings = load()
    assert settings["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"
    assert settings["CACHES"]["default"]["BACKEND"].endswith("LocMemCache")


@pytest.mark.parametrize("engine", ["cache", "cached_db"])
def test_cache_sessions_need_a_shared_cache(load, engine):
    with pytest.raises(ImproperlyConfigured, match="needs a shared cache"):
        load(DJANGO_SESSION_ENGINE=engine)


def test_redis_cache_and_cache_sessions(load):
    settings = load(
        DJANGO_CACHE_URL="redis://127.0.0.1:6379/3", DJANGO_SESSION_ENGINE="cache"
    )
    cache = settings["CACHES"]["default"]
    assert cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert cache["LOCATION"] == "redis://127.0.0.1:6379/3"
    assert settings["SESSION_ENGINE"] == "django.contrib.sessions.backends.cache"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DJANGO_SESSION_ENGINE", "file"),
        ("DJANGO_CACHE_URL", "memcached://127.0.0.1:11211"),
        ("DJANGO_LOG_FORMAT", "xml"),
    ],
)
def test_unknown_values_are_refused(load, name, value):
    with pytest.raises(ImproperlyConfigured):
        load(**{name: value})


def test_log_format_is_plain_locally_and_json_in_production(load):
    assert load()["LOG_FORMAT"] == "plain"
    production = load(
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY="test-only-secret-key-for-settings",
        DJANGO_ALLOWED_HOSTS="alt.example.org",
    )
    assert production["LOG_FORMAT"] == "json"
    assert production["LOGGING"]["handlers"]["console"]["formatter"] == "json"
    assert load(DJANGO_LOG_FORMAT="json")["LOG_FORMAT"] == "json"


def test_logging_replaces_djangos_handlers_and_sends_no_email(load):
    logging = load()["LOGGING"]
    assert logging["loggers"]["django"]["handlers"] == []
    assert logging["handlers"]["console"]["stream"] == "ext://sys.stdout"
    assert "mail_admins" not in logging["handlers"]
