"""How the environment chooses the cache, the session store, the log format and
the numbers (connection age, session length), and refuses values it cannot use."""

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
    "DJANGO_DB_CONN_MAX_AGE",
    "DJANGO_SESSION_COOKIE_AGE",
    "DJANGO_SECURE_HSTS_SECONDS",
    "DJANGO_TRUSTED_PROXY_COUNT",
    "DJANGO_SECURE_PROXY_SSL_HEADER",
    "DJANGO_ALLOW_SQLITE",
    "DJANGO_SECRET_KEY_FALLBACKS",
    "DJANGO_DB_CONNECT_TIMEOUT",
    "DJANGO_DB_STATEMENT_TIMEOUT",
    "DATABASE_URL",
)


@pytest.fixture
def load(monkeypatch):
    """Evaluate settings.py afresh with the given environment variables (in debug
    mode unless DJANGO_DEBUG is given)."""

    def load(**env):
        for name in VARIABLES:
            monkeypatch.delenv(name, raising=False)
        env.setdefault("DJANGO_DEBUG", "true")
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(str(SETTINGS))

    return load


def test_defaults_keep_sessions_in_the_database_and_cache_in_memory(load):
    settings = load()
    assert settings["SESSION_ENGINE"] == "alt_portal.sessions.db"
    assert settings["CACHES"]["default"]["BACKEND"].endswith("LocMemCache")


def test_cache_sessions_need_a_shared_cache(load):
    with pytest.raises(ImproperlyConfigured, match="needs a shared cache"):
        load(DJANGO_SESSION_ENGINE="cache")


def test_redis_cache_and_cache_sessions(load):
    settings = load(
        DJANGO_CACHE_URL="redis://127.0.0.1:6379/3", DJANGO_SESSION_ENGINE="cache"
    )
    cache = settings["CACHES"]["default"]
    assert cache["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    assert cache["LOCATION"] == "redis://127.0.0.1:6379/3"
    assert settings["SESSION_ENGINE"] == "alt_portal.sessions.cache"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DJANGO_SESSION_ENGINE", "file"),
        # Django's cached_db would keep a plain copy of the answers in Redis.
        ("DJANGO_SESSION_ENGINE", "cached_db"),
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
        DJANGO_SECRET_KEY="test-only-secret-key-for-settings-" + "k3y" * 10,
        DJANGO_ALLOWED_HOSTS="alt.example.org",
        DATABASE_URL="postgres://alt@db.internal:5432/alt",
    )
    assert production["LOG_FORMAT"] == "json"
    assert production["LOGGING"]["handlers"]["console"]["formatter"] == "json"
    assert load(DJANGO_LOG_FORMAT="json")["LOG_FORMAT"] == "json"


def test_logging_replaces_djangos_handlers_and_sends_no_email(load):
    logging = load()["LOGGING"]
    assert logging["loggers"]["django"]["handlers"] == []
    assert logging["handlers"]["console"]["stream"] == "ext://sys.stdout"
    assert "mail_admins" not in logging["handlers"]


def test_numbers_and_log_level_from_the_environment(load):
    defaults = load()
    assert defaults["DATABASES"]["default"]["CONN_MAX_AGE"] == 60
    assert defaults["SESSION_COOKIE_AGE"] == 7200
    assert defaults["LOG_LEVEL"] == "INFO"
    settings = load(
        DJANGO_DB_CONN_MAX_AGE=" 0 ",
        DJANGO_SESSION_COOKIE_AGE="1800",
        DJANGO_LOG_LEVEL="warning",
    )
    assert settings["DATABASES"]["default"]["CONN_MAX_AGE"] == 0
    assert settings["SESSION_COOKIE_AGE"] == 1800
    assert settings["LOG_LEVEL"] == "WARNING"
    assert settings["LOGGING"]["root"]["level"] == "WARNING"
    # Empty means unset, as for every other variable.
    unset = load(DJANGO_SESSION_COOKIE_AGE="", DJANGO_LOG_LEVEL=" ")
    assert unset["SESSION_COOKIE_AGE"] == 7200
    assert unset["LOG_LEVEL"] == "INFO"


@pytest.mark.parametrize(
    ("name", "value", "meaning"),
    [
        ("DJANGO_DB_CONN_MAX_AGE", "sixty", "whole number of seconds"),
        ("DJANGO_DB_CONN_MAX_AGE", "-1", "whole number of seconds"),
        ("DJANGO_DB_CONN_MAX_AGE", "1.5", "whole number of seconds"),
        ("DJANGO_SESSION_COOKIE_AGE", "2h", "whole number of seconds, 1 or more"),
        ("DJANGO_SESSION_COOKIE_AGE", "0", "whole number of seconds, 1 or more"),
        ("DJANGO_SECURE_HSTS_SECONDS", "one year", "whole number of seconds"),
        ("DJANGO_TRUSTED_PROXY_COUNT", "some", "number of reverse proxies"),
        ("DJANGO_LOG_LEVEL", "verbose", "DEBUG, INFO, WARNING, ERROR or CRITICAL"),
        ("DJANGO_LOG_LEVEL", "10", "DEBUG, INFO, WARNING, ERROR or CRITICAL"),
    ],
)
def test_bad_numbers_and_log_levels_stop_start_up_with_a_clear_message(
    load, name, value, meaning
):
    with pytest.raises(ImproperlyConfigured) as error:
        load(**{name: value})
    message = str(error.value)
    assert message.startswith(f"{name} must be ")
    assert meaning in message
    assert repr(value.strip().upper() if name == "DJANGO_LOG_LEVEL" else value) in (
        message
    )


def test_postgres_gets_connect_and_statement_timeouts(load):
    url = "postgres://alt@db.internal:5432/alt?options=-c%20search_path%3Dalt"
    options = load(DATABASE_URL=url)["DATABASES"]["default"]["OPTIONS"]
    assert options["connect_timeout"] == 3
    assert options["options"] == "-c search_path=alt -c statement_timeout=5000"
    options = load(
        DATABASE_URL=url,
        DJANGO_DB_CONNECT_TIMEOUT="2",
        DJANGO_DB_STATEMENT_TIMEOUT="0",
    )["DATABASES"]["default"]["OPTIONS"]
    assert options["connect_timeout"] == 2
    assert options["options"].endswith("-c statement_timeout=0")
    with pytest.raises(ImproperlyConfigured, match="DJANGO_DB_CONNECT_TIMEOUT"):
        load(DJANGO_DB_CONNECT_TIMEOUT="0")


def test_earlier_secret_keys_for_rotation(load):
    settings = load(DJANGO_SECRET_KEY_FALLBACKS="old-key-one, old-key-two")
    assert settings["SECRET_KEY_FALLBACKS"] == ["old-key-one", "old-key-two"]


@pytest.mark.django_db
def test_postgres_connections_carry_the_statement_timeout():
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("The statement timeout is PostgreSQL's: run with DATABASE_URL")
    with connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        assert cursor.fetchone()[0] == "5s"
