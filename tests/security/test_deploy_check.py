"""Production mode: Django's deployment checks, start-up guards, the HTTPS and
admin settings read from the environment, gunicorn's configuration and the
compressed static files (docs/security.md, README "Configuration")."""

import os
import runpy
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = ROOT / "alt_portal" / "settings.py"
GUNICORN_CONF = ROOT / "gunicorn.conf.py"
PYTHON = sys.executable

# Everything this project reads from the environment that could change a run.
PREFIXES = ("DJANGO_", "DATABASE_URL", "GUNICORN_", "FORWARDED_ALLOW_IPS", "PORTAL_")


def clean_env(**overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith(PREFIXES)}
    env.update(overrides)
    return env


def production_env(tmp_path, **overrides):
    """The documented production variables (README "Configuration")."""
    variables = {
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "alt.example-hospital.org",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "DJANGO_ALLOW_SQLITE": "true",
        "DJANGO_SECURE_SSL_REDIRECT": "true",
    }
    return clean_env(**{**variables, **overrides})


def manage(*args, env):
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


# manage.py check --deploy ----------------------------------------------------


def test_deploy_check_passes_with_the_documented_variables(tmp_path):
    result = manage(
        "check", "--deploy", "--fail-level", "WARNING", env=production_env(tmp_path)
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_deploy_check_passes_behind_a_proxy_with_a_custom_admin_path(tmp_path):
    env = production_env(
        tmp_path,
        DJANGO_SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO=https",
        DJANGO_ADMIN_PATH="staff-only/",
        DJANGO_SECURE_HSTS_PRELOAD="true",
    )
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    ("variable", "value", "warning"),
    [
        ("DJANGO_SECURE_SSL_REDIRECT", "false", "security.W008"),
        ("DJANGO_SECURE_HSTS_SECONDS", "0", "security.W004"),
    ],
)
def test_deploy_check_fails_on_a_weakened_setting(tmp_path, variable, value, warning):
    """The check really runs: weaken one setting and it fails."""
    env = production_env(tmp_path, **{variable: value})
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=env)
    assert result.returncode != 0
    assert warning in result.stderr + result.stdout


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("DJANGO_SECRET_KEY", "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is"),
        ("DJANGO_ALLOWED_HOSTS", "DJANGO_ALLOWED_HOSTS must be set when DJANGO_DEBUG"),
    ],
)
def test_missing_secret_key_or_hosts_stops_start_up(tmp_path, missing, message):
    env = production_env(tmp_path)
    del env[missing]
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert message in result.stderr


# Fail-closed start-up (finding 6) -------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"DJANGO_SECRET_KEY": "abc"}, "DJANGO_SECRET_KEY is too weak"),
        ({"DJANGO_SECRET_KEY": "a" * 60}, "DJANGO_SECRET_KEY is too weak"),
        (
            {"DJANGO_SECRET_KEY": "django-insecure-" + secrets.token_urlsafe(50)},
            "DJANGO_SECRET_KEY is too weak",
        ),
        ({"DJANGO_ALLOWED_HOSTS": "*"}, "not '*'"),
        ({"DJANGO_ALLOWED_HOSTS": "alt.example.org,*"}, "not '*'"),
        ({"DJANGO_ALLOW_SQLITE": ""}, "DATABASE_URL must point at PostgreSQL"),
    ],
    ids=[
        "short_key",
        "one_letter_key",
        "insecure_key",
        "any_host",
        "extra_any_host",
        "sqlite_without_opt_in",
    ],
)
def test_weak_production_configuration_stops_start_up(tmp_path, overrides, message):
    env = production_env(tmp_path, **overrides)
    result = manage("check", env=env)
    assert result.returncode != 0
    assert message in result.stderr


def test_forgotten_debug_variable_means_production_not_debug(load):
    """DJANGO_DEBUG unset: off, so without a key start-up stops (no public
    debug site with a known key)."""
    with pytest.raises(ImproperlyConfigured, match="DJANGO_SECRET_KEY must be set"):
        load(DJANGO_DEBUG="")
    settings = load(
        DJANGO_DEBUG="", **{k: v for k, v in PRODUCTION.items() if k != "DJANGO_DEBUG"}
    )
    assert settings["DEBUG"] is False


def test_sqlite_needs_no_opt_in_in_debug(load):
    assert load()["DATABASES"]["default"]["ENGINE"].endswith("sqlite3")


# Settings read from the environment ------------------------------------------


@pytest.fixture
def load(monkeypatch):
    """Evaluate settings.py afresh with only the given environment variables."""

    def load(**env):
        for name in list(os.environ):
            if name.startswith(PREFIXES):
                monkeypatch.delenv(name)
        env.setdefault("DJANGO_DEBUG", "true")
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(str(SETTINGS))

    return load


PRODUCTION = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECRET_KEY": "test-only-" + "x1y2z3" * 10,
    "DJANGO_ALLOWED_HOSTS": "alt.example-hospital.org",
    "DATABASE_URL": "postgres://alt@db.internal:5432/alt_portal",
}


def test_production_defaults_are_https_only(load):
    settings = load(**PRODUCTION)
    assert settings["SESSION_COOKIE_SECURE"] is True
    assert settings["CSRF_COOKIE_SECURE"] is True
    assert settings["SECURE_SSL_REDIRECT"] is True
    assert settings["SECURE_HSTS_SECONDS"] == 31536000
    assert settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert settings["SECURE_HSTS_PRELOAD"] is False
    assert settings["SECURE_PROXY_SSL_HEADER"] is None
    assert settings["SECURE_REDIRECT_EXEMPT"] == [r"^healthz$", r"^readyz$"]
    assert settings["TRUSTED_PROXY_COUNT"] == 0
    assert settings["ADMIN_PATH"] == "admin/"


def test_local_defaults_allow_plain_http(load):
    settings = load()
    assert settings["SESSION_COOKIE_SECURE"] is False
    assert settings["SECURE_SSL_REDIRECT"] is False
    assert settings["SECURE_HSTS_SECONDS"] == 0
    # The same policy as production, so the tests see it.
    assert settings["SECURE_CSP"] == load(**PRODUCTION)["SECURE_CSP"]


def test_https_settings_from_the_environment(load):
    settings = load(
        **PRODUCTION,
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_SECURE_HSTS_SECONDS="600",
        DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS="false",
        DJANGO_SECURE_HSTS_PRELOAD="true",
        DJANGO_SECURE_PROXY_SSL_HEADER="HTTP_X_FORWARDED_PROTO=https",
    )
    assert settings["SECURE_SSL_REDIRECT"] is False
    assert settings["SECURE_HSTS_SECONDS"] == 600
    assert settings["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is False
    assert settings["SECURE_HSTS_PRELOAD"] is True
    assert settings["SILENCED_SYSTEM_CHECKS"] == []
    assert settings["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert settings["TRUSTED_PROXY_COUNT"] == 1  # Behind a proxy: one by default.


@pytest.mark.parametrize(
    "value", ["X-Forwarded-Proto=https", "x_forwarded_proto = https"]
)
def test_proxy_header_may_be_written_as_the_http_header(load, value):
    settings = load(DJANGO_SECURE_PROXY_SSL_HEADER=value)
    assert settings["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")


def test_trusted_proxy_count_and_admin_path(load):
    settings = load(DJANGO_TRUSTED_PROXY_COUNT="2", DJANGO_ADMIN_PATH="/staff/cms/")
    assert settings["TRUSTED_PROXY_COUNT"] == 2
    assert settings["ADMIN_PATH"] == "staff/cms/"


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DJANGO_SECURE_HSTS_SECONDS", "one year"),
        ("DJANGO_SECURE_HSTS_SECONDS", "-1"),
        ("DJANGO_SECURE_PROXY_SSL_HEADER", "HTTP_X_FORWARDED_PROTO"),
        ("DJANGO_TRUSTED_PROXY_COUNT", "-1"),
        ("DJANGO_TRUSTED_PROXY_COUNT", "some"),
        ("DJANGO_ADMIN_PATH", "admin area/"),
        ("DJANGO_ADMIN_PATH", ".."),
        ("DJANGO_ADMIN_PATH", "staff/../admin"),
    ],
)
def test_bad_values_are_refused(load, name, value):
    with pytest.raises(ImproperlyConfigured, match=name):
        load(**{name: value})


@pytest.mark.parametrize(
    "admin_path",
    ["check/", "static/admin/", "articles", "liver-health-tips/", "healthz"],
)
def test_admin_path_cannot_take_a_patient_address(tmp_path, admin_path):
    result = manage("check", env=production_env(tmp_path, DJANGO_ADMIN_PATH=admin_path))
    assert result.returncode != 0
    assert f"DJANGO_ADMIN_PATH={admin_path.strip('/')}/ is an address" in result.stderr


def test_the_admin_moves_with_its_path(tmp_path):
    """DJANGO_ADMIN_PATH moves the admin; its old address is then a 404."""
    script = (
        "from django.test import Client;"
        "c = Client();"
        "print(c.get('/staff-only/login/').status_code, c.get('/admin/').status_code)"
    )
    env = clean_env(
        DJANGO_DEBUG="true",
        DJANGO_ADMIN_PATH="staff-only",
        DJANGO_ALLOWED_HOSTS="testserver",
        DJANGO_SETTINGS_MODULE="alt_portal.settings",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
    )
    result = subprocess.run(
        [PYTHON, "-c", f"import django; django.setup(); {script}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.stdout.split()[-2:] == ["200", "404"], result.stderr


# gunicorn --------------------------------------------------------------------


@pytest.fixture
def gunicorn_config(monkeypatch):
    def load(**env):
        for name in list(os.environ):
            if name.startswith(("GUNICORN_", "FORWARDED_ALLOW_IPS")):
                monkeypatch.delenv(name)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return runpy.run_path(str(GUNICORN_CONF))

    return load


def test_gunicorn_defaults(gunicorn_config):
    config = gunicorn_config()
    assert config["bind"] == ["127.0.0.1:8000"]
    cores = len(os.sched_getaffinity(0))
    assert config["workers"] == min(2 * cores + 1, 8)
    assert config["wsgi_app"] == "alt_portal.wsgi:application"
    assert config["forwarded_allow_ips"] == "127.0.0.1,::1"
    assert config["accesslog"] == "-"
    assert config["graceful_timeout"] == 30
    assert config["control_socket_disable"] is True


def test_gunicorn_access_log_leaves_out_query_strings(gunicorn_config):
    log_format = gunicorn_config()["access_log_format"]
    assert "%(U)s" in log_format
    for with_query_or_client in ["%(q)s", "%(r)s", "%(f)s", "%(h)s"]:
        assert with_query_or_client not in log_format


def test_gunicorn_settings_from_the_environment(gunicorn_config):
    config = gunicorn_config(
        GUNICORN_BIND="0.0.0.0:8080",
        GUNICORN_WORKERS="3",
        GUNICORN_FORWARDED_ALLOW_IPS="10.0.0.0/8",
        GUNICORN_ACCESS_LOG="false",
        GUNICORN_GRACEFUL_TIMEOUT="10",
    )
    assert config["bind"] == ["0.0.0.0:8080"]
    assert config["workers"] == 3
    assert config["forwarded_allow_ips"] == "10.0.0.0/8"
    assert config["accesslog"] is None
    assert config["graceful_timeout"] == 10


def test_gunicorn_refuses_a_bad_worker_count(gunicorn_config):
    with pytest.raises(ImproperlyConfigured, match="GUNICORN_WORKERS"):
        gunicorn_config(GUNICORN_WORKERS="0")


def test_gunicorn_accepts_the_configuration(tmp_path):
    result = subprocess.run(
        [str(Path(PYTHON).parent / "gunicorn"), "--check-config"],
        cwd=ROOT,
        env=production_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# Static files ----------------------------------------------------------------


def test_collectstatic_writes_hashed_brotli_and_gzip_files(tmp_path):
    """Production's static storage: hashed names, plus .br and .gz copies that
    whitenoise serves to browsers that accept them."""
    (tmp_path / "collect_settings.py").write_text(
        "from alt_portal.settings import *  # noqa: F403\n"
        f"STATIC_ROOT = {str(tmp_path / 'static')!r}\n"
    )
    env = production_env(
        tmp_path,
        DJANGO_SETTINGS_MODULE="collect_settings",
        PYTHONPATH=os.pathsep.join([str(tmp_path), str(ROOT)]),
    )
    result = manage("collectstatic", "--noinput", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    static = tmp_path / "static"
    manifest = (static / "staticfiles.json").read_text()
    assert '"css/site.css": "css/site.' in manifest
    for name in ["css/site.css", "css/admin-csp.css", "admin/css/base.css"]:
        stem, suffix = name.rsplit(".", 1)
        hashed = sorted(static.glob(f"{stem}.*.{suffix}"))
        assert hashed, name
        assert Path(f"{hashed[0]}.br").exists(), name
        assert Path(f"{hashed[0]}.gz").exists(), name
