"""Security headers on patient pages, the check and the admin (docs/security.md).

The Content-Security-Policy is the same with DEBUG on and off, so these tests
see the production policy. HTTPS-only behaviour (HSTS, secure cookies, the
redirect) is switched on by DJANGO_DEBUG=false; here it is set with the settings
fixture, before the test's client loads the middleware.
"""

import re
from http import HTTPStatus

import pytest
from django.test import Client
from reversion.models import Version

from tests.education.test_admin import article_form_data
from tests.factories import make_article
from tests.questionnaire.answers import ANSWERS

pytestmark = pytest.mark.django_db

EXPECTED_CSP = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "base-uri": ["'none'"],
    "object-src": ["'none'"],
}
PERMISSIONS_DENIED = ["camera", "microphone", "geolocation", "payment", "usb"]
NONCE = re.compile(r"^'nonce-([A-Za-z0-9_-]{16,})'$")
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle\s*=", re.IGNORECASE)


def parse_csp(header):
    directives = {}
    for part in header.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def csp_nonce(directives, name):
    """Return the nonce allowed by a directive, or None; fail on anything else."""
    values = directives[name]
    assert values[0] == "'self'", (name, values)
    nonces = [NONCE.match(value).group(1) for value in values[1:]]
    assert len(nonces) == len(values) - 1 <= 1, (name, values)
    return nonces[0] if nonces else None


def assert_security_headers(response, frame_options=True):
    """Check every security header; return the page's CSP nonce (or None).

    Static files have no X-Frame-Options (whitenoise answers before that
    middleware runs); their CSP's frame-ancestors 'none' forbids framing anyway.
    """
    header = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in header
    assert "unsafe-eval" not in header
    assert "*" not in header
    directives = parse_csp(header)
    for name, values in EXPECTED_CSP.items():
        assert directives[name] == values, (name, header)
    script_nonce = csp_nonce(directives, "script-src")
    style_nonce = csp_nonce(directives, "style-src")
    assert script_nonce == style_nonce  # One nonce per response, or none.

    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["Referrer-Policy"] == "same-origin"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    if frame_options:
        assert response.headers["X-Frame-Options"] == "DENY"
    policy = response.headers["Permissions-Policy"]
    for feature in PERMISSIONS_DENIED:
        assert f"{feature}=()" in policy.split(", "), policy
    return script_nonce


def assert_inline_code_carries_the_nonce(response, nonce):
    """Every inline or linked <script>/<style> the page has carries the nonce when
    the page has one; no element has an inline event handler or style attribute,
    which no nonce can allow."""
    html = response.content.decode()
    for tag in re.findall(r"<(?:script|style)\b[^>]*>", html):
        inline = "src=" not in tag
        if nonce:
            assert f'nonce="{nonce}"' in tag, tag
        else:
            assert not inline, f"inline code without a nonce: {tag}"
    assert not INLINE_HANDLER.search(html), INLINE_HANDLER.search(html).group()
    assert not STYLE_ATTRIBUTE.search(html), STYLE_ATTRIBUTE.search(html).group()


@pytest.fixture
def article():
    return make_article(title="Alcohol", body="Text for patients.")


def page_urls(article):
    return {
        "home": "/",
        "cause page": article.get_absolute_url(),
        "tips": "/liver-health-tips/",
        "not found": "/no-such-page/",
        "check start": "/check/",
        "first step": "/check/warning-signs/",
        "admin login": "/admin/login/",
    }


@pytest.mark.parametrize(
    "name",
    [
        "home",
        "cause page",
        "tips",
        "not found",
        "check start",
        "first step",
        "admin login",
    ],
)
def test_public_pages_send_every_security_header(client, article, name):
    response = client.get(page_urls(article)[name])
    assert response.status_code in {HTTPStatus.OK, HTTPStatus.NOT_FOUND}
    nonce = assert_security_headers(response)
    assert_inline_code_carries_the_nonce(response, nonce)


def test_patient_pages_need_no_nonce(client, article):
    """The patient pages load only this site's own files: nothing inline at all."""
    for url in ["/", article.get_absolute_url(), "/check/", "/check/warning-signs/"]:
        assert assert_security_headers(client.get(url)) is None, url


def test_result_page_sends_the_headers(client):
    for step, answers in ANSWERS.items():
        assert client.post(f"/check/{step}/", answers).status_code == HTTPStatus.FOUND
    response = client.get("/check/result/")
    assert response.status_code == HTTPStatus.OK
    assert_inline_code_carries_the_nonce(response, assert_security_headers(response))


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/education/article/",
        "/admin/education/article/{pk}/change/",
        "/admin/education/article/add/",
        "/admin/education/article/{pk}/history/",
        "/admin/admin/logentry/",
    ],
)
def test_admin_pages_send_the_headers_and_nonce_their_inline_code(
    admin_client, article, path
):
    response = admin_client.get(path.format(pk=article.pk))
    assert response.status_code == HTTPStatus.OK
    nonce = assert_security_headers(response)
    assert_inline_code_carries_the_nonce(response, nonce)


def test_admin_change_page_uses_a_nonce_for_its_scripts(admin_client, article):
    response = admin_client.get(f"/admin/education/article/{article.pk}/change/")
    nonce = assert_security_headers(response)
    assert nonce, "the admin's change form tags its scripts with the nonce"
    assert f'nonce="{nonce}"' in response.content.decode()
    # A fresh nonce on every response.
    again = admin_client.get(f"/admin/education/article/{article.pk}/change/")
    assert assert_security_headers(again) != nonce


def test_reversion_compare_pages_are_csp_clean(admin_client, article):
    """The history and compare pages use this project's CSP-clean templates."""
    url = f"/admin/education/article/{article.pk}/change/"
    for body in ["First text.", "Second text."]:
        response = admin_client.post(url, article_form_data(article, body=body))
        assert response.status_code == HTTPStatus.FOUND
    history = admin_client.get(f"/admin/education/article/{article.pk}/history/")
    assert b"compare-placeholder" in history.content
    assert b"admin-csp" in history.content
    assert_inline_code_carries_the_nonce(history, assert_security_headers(history))
    versions = Version.objects.get_for_object(article)
    compare = admin_client.get(
        f"/admin/education/article/{article.pk}/history/compare/",
        {"version_id1": versions[1].pk, "version_id2": versions[0].pk},
    )
    assert compare.status_code == HTTPStatus.OK
    assert b"Second text." in compare.content
    assert_inline_code_carries_the_nonce(compare, assert_security_headers(compare))


def test_static_files_and_health_checks_send_the_headers(client, settings):
    response = client.get("/healthz")
    assert response.status_code == HTTPStatus.OK
    assert_security_headers(response)
    # whitenoise serves from the app folders here, as collectstatic has not run.
    settings.WHITENOISE_USE_FINDERS = True
    static = Client().get("/static/css/site.css")
    assert static.status_code == HTTPStatus.OK
    assert_security_headers(static, frame_options=False)


# Production: HTTPS only ------------------------------------------------------


@pytest.fixture
def production(settings):
    """The HTTPS settings DJANGO_DEBUG=false gives, behind a proxy that sets
    X-Forwarded-Proto (DJANGO_SECURE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO=https)."""
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_HSTS_PRELOAD = False
    settings.SESSION_COOKIE_SECURE = True
    settings.CSRF_COOKIE_SECURE = True
    settings.SESSION_COOKIE_NAME = "__Host-sessionid"
    settings.CSRF_COOKIE_NAME = "__Host-csrftoken"
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    return Client()  # Created now, so its middleware reads these settings.


HTTPS = {"HTTP_X_FORWARDED_PROTO": "https"}


def test_plain_http_is_redirected_to_https(production):
    response = production.get("/check/?from=letter")
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY
    assert response["Location"] == "https://testserver/check/?from=letter"
    assert "Strict-Transport-Security" not in response


def test_https_from_the_proxy_is_served_with_hsts(production):
    response = production.get("/check/", headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == HTTPStatus.OK
    assert response["Strict-Transport-Security"] == (
        "max-age=31536000; includeSubDomains"
    )
    assert_security_headers(response)


def test_a_forged_scheme_value_is_not_trusted(production):
    response = production.get("/", headers={"X-Forwarded-Proto": "http"})
    assert response.status_code == HTTPStatus.MOVED_PERMANENTLY


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_health_checks_answer_over_plain_http(production, path):
    response = production.get(path)
    assert response.status_code == HTTPStatus.OK
    assert "Strict-Transport-Security" not in response


def test_cookies_are_secure_http_only_and_same_site(production):
    page = production.get("/check/warning-signs/", **HTTPS)
    csrf = page.cookies["__Host-csrftoken"]
    assert csrf["secure"] is True
    assert csrf["samesite"] == "Lax"

    response = production.post(
        "/check/warning-signs/", ANSWERS["warning-signs"], **HTTPS
    )
    assert response.status_code == HTTPStatus.FOUND
    session = response.cookies["__Host-sessionid"]
    assert session["secure"] is True
    assert session["httponly"] is True
    assert session["samesite"] == "Lax"
    # __Host-: the whole site, this host only (no Domain), so a sibling
    # subdomain cannot plant a session id.
    assert session["path"] == "/"
    assert not session["domain"]
    # Ends with the browser: no expiry date on the cookie.
    assert not session["expires"]
    assert not session["max-age"]


def test_only_two_cookies_even_for_the_start_again_message(production):
    """docs/security.md: csrftoken and sessionid, nothing else. The "Start
    again" confirmation is kept in the session, not in a messages cookie."""
    production.get("/check/warning-signs/", **HTTPS)
    production.post("/check/warning-signs/", ANSWERS["warning-signs"], **HTTPS)
    cleared = production.post("/check/clear/", **HTTPS)
    assert cleared.status_code == HTTPStatus.FOUND
    assert set(cleared.cookies) <= {"__Host-sessionid"}
    page = production.get(cleared["Location"], **HTTPS)
    assert "Your answers have been cleared." in page.content.decode()
    # Shown once only.
    again = production.get(cleared["Location"], **HTTPS)
    assert "Your answers have been cleared." not in again.content.decode()
    assert set(production.cookies) == {"__Host-csrftoken", "__Host-sessionid"}


def test_admin_login_cookies_are_secure(production, admin_user):
    response = production.post(
        "/admin/login/?next=/admin/",
        {"username": admin_user.username, "password": "password"},
        **HTTPS,
    )
    assert response.status_code == HTTPStatus.FOUND, response.content[:500]
    assert response.cookies["__Host-sessionid"]["secure"] is True
    assert response.cookies["__Host-csrftoken"]["secure"] is True
