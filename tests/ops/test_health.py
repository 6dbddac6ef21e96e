"""Health checks, the 503 page during a database outage, and what logs contain."""

import io
import json
import logging
import socket
import sys
from contextlib import contextmanager
from http import HTTPStatus
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import OperationalError, connections
from django.test import Client, override_settings
from django.utils.log import AdminEmailHandler

from alt_portal.request_logging import JsonFormatter
from alt_portal.sessions.db import SessionStore
from tests.questionnaire.answers import ANSWERS

pytestmark = pytest.mark.django_db

FRIENDLY = "This website is busy or unavailable"


@contextmanager
def database_down():
    """Make every new query fail as if the database server had gone away."""
    error = OperationalError("connection failed: Connection refused")
    with mock.patch.object(connections["default"], "ensure_connection") as patched:
        patched.side_effect = error
        yield


def assert_friendly_503(response):
    content = response.content.decode()
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response["Retry-After"] == "60"
    assert "no-store" in response["Cache-Control"]
    assert FRIENDLY in content
    assert "try again in a few minutes" in content
    assert "contact your doctor" in content
    assert "emergency" in content
    for leak in ("Traceback", "OperationalError", "Connection refused", "File "):
        assert leak not in content


def test_healthz_answers_ok_without_touching_the_database(
    client, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == HTTPStatus.OK
    assert response.content == b"ok"
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


@pytest.fixture
def deployed(settings):
    """DEBUG off, as deployed: only the public host allowed, HTTP redirected."""
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["alt.example-hospital.org"]
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    return Client()  # Created now, so its middleware reads these settings.


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_health_checks_answer_a_probe_by_ip_address_over_plain_http(deployed, path):
    """A load balancer probes http://10.0.0.5:8000/readyz, not the public name."""
    for host in ("10.0.0.5", "10.0.0.5:8000", "127.0.0.1:8000"):
        response = deployed.get(path, headers={"Host": host})
        assert response.status_code == HTTPStatus.OK, (host, response.content)
        assert not response.cookies
        assert "no-store" in response["Cache-Control"]
        # The security headers stay (no HSTS over plain HTTP).
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["X-Frame-Options"] == "DENY"
        assert "Content-Security-Policy" in response
        assert "Permissions-Policy" in response
        assert "Strict-Transport-Security" not in response
    if path == "/readyz":
        assert response.json() == {"status": "ok", "database": "ok"}
    else:
        assert response.content == b"ok"


def test_other_paths_still_refuse_an_unknown_host(deployed):
    deployed.raise_request_exception = False
    for path in ("/", "/healthz/", "/readyz/extra", "/check/"):
        response = deployed.get(path, headers={"Host": "10.0.0.5"})
        assert response.status_code == HTTPStatus.BAD_REQUEST, path
    # While the public name is served (redirected to HTTPS here).
    public = deployed.get("/", headers={"Host": "alt.example-hospital.org"})
    assert public.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert public["Location"] == "https://alt.example-hospital.org/"


def test_readyz_by_ip_address_is_503_while_the_database_is_down(deployed):
    with database_down():
        response = deployed.get("/readyz", headers={"Host": "10.0.0.5"})
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response.json() == {"status": "unavailable", "database": "unavailable"}


def test_healthz_stays_ok_while_the_database_is_down(client):
    with database_down():
        assert client.get("/healthz").status_code == HTTPStatus.OK


def test_readyz_checks_the_database(client):
    response = client.get("/readyz")
    assert response.status_code == HTTPStatus.OK
    assert response.json() == {"status": "ok", "database": "ok"}
    assert not response.cookies


def test_readyz_and_patient_pages_are_503_while_the_database_is_down_then_recover(
    client,
):
    with database_down():
        ready = client.get("/readyz")
        assert ready.status_code == HTTPStatus.SERVICE_UNAVAILABLE
        assert ready.json() == {"status": "unavailable", "database": "unavailable"}
        assert_friendly_503(client.get("/"))
        assert_friendly_503(client.get("/articles/"))

    assert client.get("/readyz").status_code == HTTPStatus.OK
    assert client.get("/").status_code == HTTPStatus.OK


def test_questionnaire_page_is_503_when_its_session_cannot_be_read(client):
    client.post("/check/warning-signs/", ANSWERS["warning-signs"])
    with database_down():
        assert_friendly_503(client.get("/check/test-result/"))
    # The answers given before the outage are still there afterwards.
    assert client.get("/check/test-result/").status_code == HTTPStatus.OK


def test_503_when_the_session_middleware_cannot_save(client):
    """A failure in middleware (not the view) also gets the friendly page."""
    client.raise_request_exception = False
    client.get("/check/warning-signs/")
    with mock.patch.object(
        SessionStore, "save", side_effect=OperationalError("server closed")
    ):
        response = client.post("/check/warning-signs/", ANSWERS["warning-signs"])
    assert_friendly_503(response)


@override_settings(DEBUG=True)
def test_503_page_shows_no_debug_page_even_with_debug_on(client):
    with database_down():
        assert_friendly_503(client.get("/"))


@override_settings(PORTAL_EMERGENCY_NUMBER="999")
def test_503_page_gives_the_configured_emergency_number(client):
    with database_down():
        assert 'call <a href="tel:999">999</a>' in client.get("/").content.decode()


def free_loopback_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def redis_cache(url):
    return {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


def test_readyz_is_503_when_the_shared_cache_is_unreachable(client):
    nothing_listens = f"redis://127.0.0.1:{free_loopback_port()}/0"
    with override_settings(CACHES=redis_cache(nothing_listens)):
        response = client.get("/readyz")
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response.json() == {
        "status": "unavailable",
        "database": "ok",
        "cache": "unavailable",
    }


def test_readyz_checks_a_reachable_shared_cache(client):
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
    except OSError:
        pytest.skip("Redis is not reachable on 127.0.0.1:6379")
    with override_settings(CACHES=redis_cache("redis://127.0.0.1:6379/15")):
        response = client.get("/readyz")
        cache.delete("alt_portal:readyz")
    assert response.status_code == HTTPStatus.OK
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


# Logging
# -------


@pytest.fixture
def json_log():
    """Capture every log record as the JSON formatter writes it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield stream
    finally:
        root.removeHandler(handler)


def test_request_log_lines_are_json_without_query_strings_or_answers(
    client, json_log, caplog
):
    caplog.set_level(logging.INFO)
    secret = "marker-7f3a"
    client.post(f"/check/warning-signs/?from={secret}", ANSWERS["warning-signs"])
    answers = {**ANSWERS["test-result"], "alt_value": "4321", "age": "58"}
    response = client.post(f"/check/test-result/?change=1&from={secret}", answers)
    assert response.status_code == HTTPStatus.FOUND
    # A rejected POST (no CSRF token) makes Django's own django.request logger
    # write a warning with the request attached.
    strict = Client(enforce_csrf_checks=True)
    rejected = strict.post(f"/check/test-result/?from={secret}", answers)
    assert rejected.status_code == HTTPStatus.FORBIDDEN
    client.post(f"/no-such-page/?from={secret}", answers)

    output = json_log.getvalue()
    lines = [json.loads(line) for line in output.splitlines()]
    requests = [
        (line["method"], line["path"], line["status"])
        for line in lines
        if line["logger"] == "alt_portal.request"
    ]
    assert ("POST", "/check/test-result/", 302) in requests
    assert ("POST", "/check/test-result/", 403) in requests
    # Django's own warnings carry the request too: only its path is logged.
    warnings = {
        (line["logger"], line.get("path"), line.get("status"))
        for line in lines
        if line["logger"].startswith("django.")
    }
    assert ("django.security.csrf", "/check/test-result/", 403) in warnings
    assert ("django.request", "/no-such-page/", 404) in warnings
    for line in lines:
        assert {"time", "level", "logger", "message"} <= line.keys()
        assert "?" not in line.get("path", "")
    for needle in ("4321", secret, "change=1", "csrfmiddlewaretoken", "sessionid"):
        assert needle not in output
    # Nor in any other handler's view of the records (the plain console).
    for record in caplog.records:
        assert "4321" not in record.getMessage()
        assert secret not in record.getMessage()


def test_a_server_error_logs_its_traceback_but_not_the_posted_answers(client, json_log):
    client.raise_request_exception = False
    client.post("/check/warning-signs/", ANSWERS["warning-signs"])
    answers = {**ANSWERS["test-result"], "alt_value": "4321"}
    with mock.patch(
        "questionnaire.views.Progress.save", side_effect=RuntimeError("broken")
    ):
        response = client.post("/check/test-result/", answers)
    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    output = json_log.getvalue()
    error = next(
        json.loads(line)
        for line in output.splitlines()
        if '"logger": "django.request"' in line
    )
    assert error["status"] == 500
    assert error["path"] == "/check/test-result/"
    assert "RuntimeError: broken" in error["exception"]
    assert "4321" not in output


def test_health_checks_are_not_logged_when_they_pass(client, json_log, caplog):
    caplog.set_level(logging.INFO)
    client.get("/healthz")
    client.get("/readyz")
    assert json_log.getvalue() == ""


def test_json_formatter_keeps_a_traceback_on_one_line():
    try:
        raise ValueError("boom")
    except ValueError:
        exc_info = sys.exc_info()
    record = logging.LogRecord(
        "test", logging.ERROR, __file__, 1, "failed", (), exc_info
    )
    line = JsonFormatter().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["level"] == "ERROR"
    assert entry["message"] == "failed"
    assert "ValueError: boom" in entry["exception"]


def test_no_logger_sends_error_emails():
    loggers = [logging.getLogger()] + [
        logger
        for logger in logging.Logger.manager.loggerDict.values()
        if isinstance(logger, logging.Logger)
    ]
    for logger in loggers:
        for handler in logger.handlers:
            assert not isinstance(handler, AdminEmailHandler), logger.name
    # Django's loggers hand everything to the root's console handler.
    assert logging.getLogger("django").handlers == []
    assert logging.getLogger("django.request").handlers == []
