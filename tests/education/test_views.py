from http import HTTPStatus

import pytest
from django.contrib.auth.models import User
from pytest_django.asserts import assertContains

from education.models import Article, Status
from education.seeding import load_seed
from portal.models import SiteSettings
from tests.factories import make_article, make_editor, make_tip

pytestmark = pytest.mark.django_db


def test_home_lists_published_causes_overview_and_tips(client):
    make_article(kind=Article.Kind.OVERVIEW, title="What a raised ALT means")
    make_article(title="Alcohol", summary="Drinking can raise ALT.")
    make_article(title="Secret draft", status=Status.DRAFT)
    make_tip(title="Sleep well")
    response = client.get("/")
    assert response.status_code == HTTPStatus.OK
    assert b"What a raised ALT means" in response.content
    assert b"Alcohol" in response.content
    assert b"Drinking can raise ALT." in response.content
    assert b"Sleep well" in response.content
    assert b"Secret draft" not in response.content


def test_published_cause_page_shows_its_sections_and_review_dates(client):
    article = make_article(
        title="Alcohol",
        why_it_raises_alt="Acetaldehyde harms liver cells.",
        what_you_can_do="Stop drinking.",
        doctor_treatments="> **Only under medical guidance:** none here.",
        references="- Kwo PY et al. 2017.",
        last_reviewed_on="2026-01-05",
        next_review_due="2027-01-05",
        reviewer="Dr A. Clinician, hepatologist",
    )
    response = client.get(article.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    for text in [
        "<h1>Alcohol</h1>",
        "Why it can raise your ALT",
        "Acetaldehyde harms liver cells.",
        "Treatments a doctor may use",
        "Kwo PY et al. 2017.",
        "Page last reviewed: 5 January 2026",
        "Dr A. Clinician, hepatologist",
        "Next review due: 5 January 2027",
        "This does not replace your doctor.",
    ]:
        assert text in response.content.decode()


def test_cause_page_has_breadcrumbs_back_to_home_and_causes(client):
    article = make_article(title="Alcohol")
    content = client.get(article.get_absolute_url()).content.decode()
    assert 'aria-label="Breadcrumb"' in content
    assert 'href="/articles/"' in content
    assert 'aria-current="page">Alcohol<' in content


def test_unreviewed_page_says_so(client):
    article = make_article(last_reviewed_on=None)
    response = client.get(article.get_absolute_url())
    assert b"has not been reviewed by a clinician yet" in response.content


def test_draft_article_is_hidden_from_patients(client):
    draft = make_article(status=Status.DRAFT)
    assert client.get(draft.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


def test_editor_can_preview_a_draft_with_a_draft_banner(client):
    draft = make_article(status=Status.DRAFT, title="Work in progress")
    client.force_login(make_editor())
    response = client.get(draft.get_absolute_url())
    assert response.status_code == HTTPStatus.OK
    assert b"Draft preview." in response.content


def test_staff_without_edit_permission_cannot_preview_drafts(client):
    draft = make_article(status=Status.DRAFT)
    client.force_login(User.objects.create_user("clerk", is_staff=True))
    assert client.get(draft.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


def test_tips_page_shows_intro_and_published_tips(client):
    make_article(kind=Article.Kind.TIPS, title="Looking after your liver")
    make_tip(title="Eat a balanced diet")
    make_tip(title="Hidden tip", status=Status.DRAFT)
    response = client.get("/liver-health-tips/")
    assert response.status_code == HTTPStatus.OK
    assert b"Looking after your liver" in response.content
    assert b"Eat a balanced diet" in response.content
    assert b"Hidden tip" not in response.content


def test_tips_article_is_not_served_twice_under_articles(client):
    tips = make_article(kind=Article.Kind.TIPS, slug="liver-health-tips")
    assert client.get(f"/articles/{tips.slug}/").status_code == HTTPStatus.NOT_FOUND


def test_unknown_page_gets_friendly_404_with_a_way_home(client):
    response = client.get("/no-such-page/")
    assert response.status_code == HTTPStatus.NOT_FOUND
    assert b"Page not found" in response.content
    assert b'href="/"' in response.content


def test_server_error_page_is_friendly_and_standalone(client, settings):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "Sorry, something went wrong" in html
    assert '<html lang="en">' in html


def test_pages_declare_language_and_skip_link(client):
    content = client.get("/").content.decode()
    assert '<html lang="en">' in content
    assert 'href="#main-content"' in content
    assert 'id="main-content"' in content


def test_hospital_name_comes_from_site_settings(client):
    site = SiteSettings.load()
    site.hospital_name = "St Example's Hospital"
    site.save()
    content = client.get("/").content.decode()
    assert "St Example&#x27;s Hospital" in content


def test_favicon_ico_redirects_to_the_site_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].endswith("img/favicon.svg")


@pytest.mark.parametrize("extra", [0, 6])
def test_home_query_count_does_not_grow_with_content(
    client, extra, django_assert_num_queries
):
    make_article(kind=Article.Kind.OVERVIEW)
    for _ in range(1 + extra):
        make_article()
        make_tip()
    SiteSettings.load()  # The row exists, as after migrate.
    # Overview and causes, tips, and the site settings (one row, by primary key).
    with django_assert_num_queries(3):
        assert client.get("/").status_code == HTTPStatus.OK


@pytest.mark.parametrize("extra", [0, 6])
def test_cause_page_query_count_does_not_grow_with_content(
    client, extra, django_assert_num_queries
):
    article = make_article()
    for _ in range(extra):
        make_article()
        make_tip()
    SiteSettings.load()  # The row exists, as after migrate.
    # The article, and the site settings (one row, by primary key).
    with django_assert_num_queries(2):
        assert client.get(article.get_absolute_url()).status_code == HTTPStatus.OK


MAIN_MENU = {
    "/": "Home",
    "/articles/": "Causes",
    "/liver-health-tips/": "Liver-health tips",
    "/check/": "Check your result",
}


@pytest.mark.parametrize("path", MAIN_MENU)
def test_main_menu_marks_only_the_page_shown(client, path):
    load_seed()
    response = client.get(path)
    for url, label in MAIN_MENU.items():
        current = ' aria-current="page"' if url == path else ""
        assertContains(response, f'<a href="{url}"{current}>{label}</a>', html=True)
