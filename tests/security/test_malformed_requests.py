"""Requests that used to escape Django (2026-11 probe, findings 5 and 9, and the
minor ones about the 400 page and bad Host logging): each now gets a 400 page,
or a form error, with every security header and one log line."""

import io
import json
import logging
from http import HTTPStatus

import pytest
from django.db import connection
from django.test import Client

from alt_portal.request_logging import JsonFormatter

SECURITY_HEADERS = (
    "Content-Security-Policy",
    "Permissions-Policy",
    "X-Frame-Options",
    "X-Content-Type-Options",
    "Referrer-Policy",
    "Cross-Origin-Opener-Policy",
)


@pytest.fixture
def production(settings):
    settings.DEBUG = False  # Django's own error pages, as deployed.


@pytest.fixture
def log_lines():
    """Every log record, as the JSON lines production writes."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    finally:
        root.removeHandler(handler)


def strict_client():
    """A browser that sends a CSRF cookie, so Django reads the posted form."""
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = "a" * 32
    return client


def assert_400_page(response):
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert "could not be read" in response.content.decode()
    for header in SECURITY_HEADERS:
        assert header in response.headers, header


@pytest.mark.django_db
@pytest.mark.parametrize(
    "content_type",
    [
        "application/x-www-form-urlencoded; charset=utf-16",
        "application/x-www-form-urlencoded; charset=utf-32",
        "application/x-www-form-urlencoded; charset=latin-1",
        "multipart/form-data",  # No boundary.
    ],
)
def test_unreadable_form_body_gets_the_400_page_not_a_bare_500(
    production, log_lines, content_type
):
    response = strict_client().generic(
        "POST", "/check/test-result/", b"alt_value=\xff\xfe&age=1", content_type
    )
    assert_400_page(response)
    lines = log_lines()
    assert not [line for line in lines if "exception" in line]
    assert len("".join(json.dumps(line) for line in lines)) < 2000


@pytest.mark.django_db
def test_too_many_fields_get_the_400_page(production):
    body = "&".join(f"f{i}=1" for i in range(1500)).encode()
    response = strict_client().generic(
        "POST", "/check/test-result/", body, "application/x-www-form-urlencoded"
    )
    assert_400_page(response)


@pytest.mark.django_db
def test_bad_host_header_logs_one_line_without_a_traceback(production, log_lines):
    response = Client().get("/", HTTP_HOST="evil.example.org")
    assert_400_page(response)
    lines = log_lines()
    assert len(lines) == 1, lines
    assert lines[0]["level"] == "WARNING"
    assert "evil.example.org" in lines[0]["message"]
    assert "exception" not in lines[0]


@pytest.mark.django_db
def test_server_error_page_never_reads_the_body(production, client, monkeypatch):
    client.raise_request_exception = False
    monkeypatch.setattr(
        "education.views.render", lambda *a, **k: (_ for _ in ()).throw(RuntimeError)
    )
    response = client.get("/")
    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    assert "Sorry, something went wrong" in response.content.decode()
    assert response.headers["X-Frame-Options"] == "DENY"


@pytest.mark.django_db
def test_256_character_admin_username_is_a_form_error(production):
    """SQLite ignores varchar lengths; PostgreSQL's 500 needs the real database."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite does not enforce varchar(255): run with DATABASE_URL")
    response = Client().post(
        "/admin/login/", {"username": "u" * 256, "password": "guess"}
    )
    assert response.status_code == HTTPStatus.OK
    errors = response.context["form"].errors
    assert "at most 150 characters" in errors["username"][0]


def test_long_admin_username_is_refused_by_the_form_on_any_database():
    from alt_portal.login_protection import AdminLoginForm

    form = AdminLoginForm(data={"username": "u" * 256, "password": "guess"})
    assert not form.is_valid()
    assert "username" in form.errors


def test_gunicorn_answers_a_utf16_form_with_the_400_page(tmp_path):
    """The probe's request, through gunicorn: it answered with its own bare 500
    and a 69 KB traceback. No database is needed to refuse it."""
    import http.client

    from tests.ops.servers import Gunicorn, server_env

    server = Gunicorn(
        server_env(DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}"), tmp_path
    )
    try:
        server.wait_until_serving()
        connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
        connection.request(
            "POST",
            "/check/test-result/",
            body="alt_value=99".encode("utf-16"),
            headers={
                "Content-Type": "application/x-www-form-urlencoded; charset=utf-16",
                "Cookie": "csrftoken=" + "a" * 32,
            },
        )
        response = connection.getresponse()
        body = response.read().decode()
        connection.close()
        assert response.status == HTTPStatus.BAD_REQUEST, server.output()
        assert "could not be read" in body
        for header in SECURITY_HEADERS:
            assert response.getheader(header), header
        assert "Traceback" not in server.output()
    finally:
        server.stop()
