"""English at today's addresses, Simplified Chinese under /zh-hans/: every page in
both, with the right lang, hreflang alternates and a switch to the other language."""

from http import HTTPStatus

import pytest
from django.template import Context, Template
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from education.seeding import load_seed, load_translations
from portal.templatetags.languages import bcp47
from questionnaire.forms import STEPS
from tests.ops.servers import free_port
from tests.pages import elements, has_class, text
from tests.questionnaire.answers import ANSWERS, answer_all, step_url
from tests.security.test_deploy_check import manage, production_env
from tests.security.test_sessions import redis_settings

pytestmark = pytest.mark.django_db

ZH = "/zh-hans"
OTHER = {"en": "zh-hans", "zh-hans": "en"}


def in_language(path, code):
    """An English address as it reads in the language ``code``."""
    return f"{ZH}{path}" if code == "zh-hans" else path


def html_lang(content):
    return dict(elements(content)[0].attributes)["lang"]


def alternates(content):
    return {
        dict(e.attributes)["hreflang"]: dict(e.attributes)["href"]
        for e in elements(content)
        if e.name == "link" and dict(e.attributes).get("rel") == "alternate"
    }


def switch_links(content):
    """The language switch's links: {hreflang: (href, lang, text)}."""
    nav = next(e for e in elements(content) if has_class(e, "language-switch"))
    return {
        dict(a.attributes)["hreflang"]: (
            dict(a.attributes)["href"],
            dict(a.attributes)["lang"],
            text(a),
        )
        for a in elements(str(nav))
        if a.name == "a"
    }


def switch_current(content):
    nav = next(e for e in elements(content) if has_class(e, "language-switch"))
    current = next(e for e in elements(str(nav)) if e.name == "span")
    return dict(current.attributes), text(current)


PUBLIC_PAGES = [
    "/",
    "/articles/",
    "/articles/alcohol/",
    "/liver-health-tips/",
    "/check/",
    *(step_url(step.slug) for step in STEPS),
    "/check/check-your-answers/",
    "/check/result/",
]


@pytest.fixture
def patient():
    """A patient who has answered every page of the check (the session is shared
    by both languages: the answers stay when the language changes)."""
    load_seed()
    load_translations()
    client = Client()
    answer_all(client)
    return client


@pytest.mark.parametrize("code", ["en", "zh-hans"])
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_every_public_page_answers_in_both_languages(patient, path, code):
    address = in_language(path, code)
    response = patient.get(address)
    assert response.status_code == HTTPStatus.OK, address
    content = response.content.decode()
    assert html_lang(content) == {"en": "en", "zh-hans": "zh-Hans"}[code]
    assert response["Content-Language"] == code

    assert alternates(content) == {
        "en": f"http://testserver{path}",
        "zh-Hans": f"http://testserver{ZH}{path}",
        "x-default": f"http://testserver{path}",
    }

    other = OTHER[code]
    links = switch_links(content)
    assert links == {
        bcp47(other): (
            in_language(path, other),
            bcp47(other),
            {"en": "English", "zh-hans": "简体中文"}[other],
        )
    }
    current, name = switch_current(content)
    assert current["aria-current"] == "true"
    assert current["lang"] == bcp47(code)
    assert name == {"en": "English", "zh-hans": "简体中文"}[code]


@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_chinese_pages_link_and_post_within_chinese(patient, path):
    """Every link and form on a Chinese page stays in Chinese, but the switch's."""
    content = patient.get(f"{ZH}{path}").content.decode()
    addresses = {
        value
        for e in elements(content)
        for name, value in e.attributes
        if name in ("href", "action") and value and value.startswith("/")
    }
    english = {
        address
        for address in addresses
        if not address.startswith((f"{ZH}/", "/static/", "/site-logo/"))
    }
    assert english == {path}  # The switch's link to this page in English.


def test_a_chinese_answer_leads_to_the_next_chinese_page():
    response = Client().post(
        f"{ZH}{step_url('warning-signs')}", ANSWERS["warning-signs"]
    )
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == f"{ZH}{step_url('test-result')}"


def test_pages_link_within_their_own_language(patient):
    content = patient.get(f"{ZH}/").content.decode()
    menu = [
        dict(a.attributes)["href"]
        for a in elements(content)
        if a.name == "a" and dict(a.attributes).get("href", "").startswith("/")
    ]
    assert f"{ZH}/articles/" in menu
    assert f"{ZH}/check/" in menu
    assert "/articles/" not in menu


def test_the_switch_keeps_the_query_string(patient):
    content = patient.get("/articles/?from=leaflet").content.decode()
    assert switch_links(content)["zh-Hans"][0] == f"{ZH}/articles/?from=leaflet"
    # Alternates name the page itself, never a query string.
    assert alternates(content)["zh-Hans"] == f"http://testserver{ZH}/articles/"


def test_a_kept_page_never_carries_another_visitors_query_string(patient):
    visitor = Client()
    assert "private-note" in visitor.get("/articles/?q=private-note").content.decode()
    first = Client().get("/articles/")
    again = Client().get("/articles/")
    assert "public" in again["Cache-Control"]  # Served from the shared cache.
    for response in (first, again):
        assert "private-note" not in response.content.decode()
        assert switch_links(response.content)["zh-Hans"][0] == f"{ZH}/articles/"


@override_settings(ALLOWED_HOSTS=["testserver", "alt.example-hospital.org"])
def test_a_kept_page_names_the_host_it_was_asked_for(patient):
    Client().get("/articles/")
    other_host = Client().get("/articles/", HTTP_HOST="alt.example-hospital.org")
    assert alternates(other_host.content)["en"] == (
        "http://alt.example-hospital.org/articles/"
    )


def test_kept_pages_are_kept_per_language(patient):
    english = Client().get("/articles/")
    chinese = Client().get(f"{ZH}/articles/")
    english_again = Client().get("/articles/")
    assert html_lang(english_again.content) == "en"
    assert html_lang(chinese.content) == "zh-Hans"
    assert english.content == english_again.content


@pytest.mark.parametrize("code", ["en", "zh-hans"])
def test_the_404_page_speaks_the_language_of_the_address(code):
    response = Client().get(in_language("/no-such-page/", code))
    assert response.status_code == HTTPStatus.NOT_FOUND
    content = response.content.decode()
    assert html_lang(content) == bcp47(code)
    with translation.override(code):
        assert translation.gettext("Page not found") in content
    # Nothing to point search engines to; the switch still leads somewhere.
    assert alternates(content) == {}
    other = OTHER[code]
    assert switch_links(content)[bcp47(other)][0] == in_language(
        "/no-such-page/", other
    )


@pytest.mark.parametrize(
    ("address", "english"),
    [
        (f"{ZH}//evil.example/x", "/evil.example/x"),
        (f"{ZH}/%2F%2Fevil.example/", "/evil.example/"),
        (f"{ZH}/%5Cevil.example/", "/evil.example/"),
        ("//evil.example/x", None),
    ],
)
def test_the_404_switch_never_links_to_another_site(address, english):
    """A crafted address may not turn the switch into a link off the site."""
    content = Client().get(address).content.decode()
    [(href, _lang, _name)] = switch_links(content).values()
    assert href.startswith("/") and href[1:2] not in {"/", "\\"}, href
    if english:
        assert href == english


def test_page_languages_limits_the_alternates_to_published_translations():
    """Content pages set page_languages; an untranslated page has no zh-Hans."""
    from django.test import RequestFactory

    template = Template(
        "{% load languages %}{% page_in_languages as page_in_languages %}"
        '{% include "includes/alternates.html" %}'
    )
    request = RequestFactory().get(f"{ZH}/articles/alcohol/")
    with translation.override("zh-hans"):
        only_english = template.render(
            Context({"request": request, "page_languages": ["en"]})
        )
        both = template.render(
            Context({"request": request, "page_languages": ("en", "zh-hans")})
        )
        unset = template.render(Context({"request": request}))
    assert alternates(f"<head>{only_english}</head>") == {
        "en": "http://testserver/articles/alcohol/",
        "x-default": "http://testserver/articles/alcohol/",
    }
    assert alternates(f"<head>{both}</head>") == alternates(f"<head>{unset}</head>")
    assert set(alternates(f"<head>{unset}</head>")) == {"en", "zh-Hans", "x-default"}


@pytest.mark.parametrize(
    ("code", "tag"), [("en", "en"), ("zh-hans", "zh-Hans"), ("en-us", "en-US")]
)
def test_bcp47_spells_language_codes_canonically(code, tag):
    assert bcp47(code) == tag


def test_probes_logo_and_favicon_have_no_language_prefix():
    with translation.override("zh-hans"):
        assert reverse("healthz") == "/healthz"
        assert reverse("readyz") == "/readyz"
        assert reverse("portal:site_logo") == "/site-logo/"
        assert reverse("home") == f"{ZH}/"
    client = Client()
    assert client.get("/healthz").status_code == HTTPStatus.OK
    for path in ("/healthz", "/readyz", "/site-logo/", "/favicon.ico"):
        assert client.get(f"{ZH}{path}").status_code == HTTPStatus.NOT_FOUND, path
    assert client.get("/favicon.ico").status_code == HTTPStatus.FOUND


def test_the_admin_speaks_chinese_under_the_prefix():
    response = Client().get(f"{ZH}/admin/login/")
    assert response.status_code == HTTPStatus.OK
    content = response.content.decode()
    # Django's admin template writes Django's code; BCP 47 tags are not case
    # sensitive, so "zh-hans" is correct, if not the canonical spelling.
    assert html_lang(content).lower() == "zh-hans"
    assert "登录" in content  # "Log in", from Django's own catalog.
    english = Client().get("/admin/login/").content.decode()
    assert html_lang(english) == "en"
    assert "Log in" in english


def test_the_admins_view_site_link_keeps_its_language(admin_client):
    chinese = admin_client.get(f"{ZH}/admin/").content.decode()
    english = admin_client.get("/admin/").content.decode()
    assert f'href="{ZH}/"' in chinese
    assert "查看站点" in chinese  # "View site", Django's catalog.
    assert 'href="/"' in english


@pytest.mark.parametrize("admin_path", ["zh-hans/", "ZH-Hans", "en/"])
def test_the_admin_path_cannot_take_a_language_prefix(tmp_path, admin_path):
    result = manage("check", env=production_env(tmp_path, DJANGO_ADMIN_PATH=admin_path))
    assert result.returncode != 0
    assert f"DJANGO_ADMIN_PATH={admin_path.strip('/')}/ is an address" in result.stderr


@pytest.mark.parametrize(("code", "stale"), [("zh-hans", "en"), ("en", "zh-hans")])
def test_the_503_page_speaks_the_language_of_the_address(code, stale):
    """Rendered before LocaleMiddleware has a say: the address decides, never the
    language an earlier request left active in the thread."""
    translation.activate(stale)
    with override_settings(**redis_settings(port=free_port())):
        client = Client(raise_request_exception=False)
        response = client.post(
            in_language(step_url("warning-signs"), code), ANSWERS["warning-signs"]
        )
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    content = response.content.decode()
    assert html_lang(content) == bcp47(code)
    with translation.override(code):
        assert translation.gettext("This website is busy or unavailable") in content


@pytest.mark.parametrize(("code", "stale"), [("zh-hans", "en"), ("en", "zh-hans")])
def test_the_400_page_speaks_the_language_of_the_address(code, stale):
    translation.activate(stale)
    client = Client(enforce_csrf_checks=True)
    client.cookies["csrftoken"] = "a" * 32
    response = client.generic(
        "POST",
        in_language("/check/test-result/", code),
        b"alt_value=\xff\xfe",
        "application/x-www-form-urlencoded; charset=utf-16",
    )
    assert response.status_code == HTTPStatus.BAD_REQUEST
    content = response.content.decode()
    assert html_lang(content) == bcp47(code)
    home = next(dict(a.attributes)["href"] for a in elements(content) if a.name == "a")
    assert home == in_language("/", code)


def test_the_500_page_is_in_the_active_language():
    from django.test import RequestFactory

    from alt_portal.errors import server_error

    response = server_error(RequestFactory().get(f"{ZH}/articles/"))
    assert html_lang(response.content) == "zh-Hans"
