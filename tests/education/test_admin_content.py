"""Admin: the reading score and the newer starter version of seeded pages."""

from http import HTTPStatus

import pytest
from django.test import Client
from reversion.models import Version

from education.models import Article, SeedRecord, Tip
from education.readability import article_reading_score, reading_score
from education.seeding import build_item, load_seed, seed_sources
from tests.education.test_admin import article_form_data
from tests.factories import make_article, make_editor, make_tip

pytestmark = pytest.mark.django_db

HARD_TEXT = (
    "Hepatocellular necrosis consequent upon idiosyncratic hepatotoxicity "
    "necessitates immediate discontinuation of the implicated pharmaceutical."
)


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


def test_article_edit_page_shows_the_grade_of_the_saved_text(editor_client):
    article = make_article(body="The liver cleans your blood. It stores energy.")
    score = article_reading_score(article)
    page = editor_client.get(f"/admin/education/article/{article.pk}/change/")
    html = page.content.decode()
    assert f"Grade {score}." in html
    assert "Aim for grade 6 or below" in html
    assert "reading age of 9 to 11" in html
    assert "js/admin-reading-score.js" in html


def test_tip_edit_page_shows_the_grade(editor_client):
    tip = make_tip(body=HARD_TEXT)
    page = editor_client.get(f"/admin/education/tip/{tip.pk}/change/")
    assert f"Grade {reading_score(HARD_TEXT)}." in page.content.decode()
    assert "Hard for many patients" in page.content.decode()


def test_add_page_has_the_score_panel_before_any_text(editor_client):
    page = editor_client.get("/admin/education/article/add/")
    assert "No text to score yet." in page.content.decode()


def test_article_and_tip_lists_show_each_grade(editor_client):
    easy = make_article(title="Easy page", body="Sleep well. Eat well.")
    make_article(title="Hard page", body=HARD_TEXT, summary=HARD_TEXT)
    make_tip(title="Hard tip", body=HARD_TEXT)
    articles = editor_client.get("/admin/education/article/").content.decode()
    assert "reading grade" in articles.lower()
    assert f">{article_reading_score(easy)}<" in articles
    assert "(above 6)" in articles
    tips = editor_client.get("/admin/education/tip/").content.decode()
    assert "(above 6)" in tips


def test_live_score_uses_the_same_scorer_as_the_saved_text(editor_client):
    response = editor_client.post(
        "/admin/education/article/reading-score/",
        {"summary": "A short summary.", "body": HARD_TEXT, "references": "ignored"},
    )
    assert response.status_code == HTTPStatus.OK
    expected = reading_score("A short summary.", HARD_TEXT)
    assert response.json()["grade"] == expected.grade
    assert response.json()["text"].startswith(f"Grade {expected}.")


def test_live_score_with_no_text(editor_client):
    response = editor_client.post("/admin/education/tip/reading-score/", {})
    assert response.json() == {"grade": None, "text": "No text to score yet."}


def test_live_score_needs_a_staff_login_and_post(editor_client):
    assert Client().post("/admin/education/article/reading-score/").status_code == (
        HTTPStatus.FOUND
    )
    get = editor_client.get("/admin/education/article/reading-score/")
    assert get.status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_a_hard_text_is_still_saved(editor_client):
    article = make_article()
    response = editor_client.post(
        f"/admin/education/article/{article.pk}/change/",
        article_form_data(article, body=HARD_TEXT),
    )
    assert response.status_code == HTTPStatus.FOUND
    article.refresh_from_db()
    assert article.body == HARD_TEXT


# Newer starter version
# ---------------------


@pytest.fixture
def edited_seed_page():
    """A seeded article that staff edited, loaded from an older starter text."""
    load_seed()
    article = Article.objects.get(slug="alcohol")
    article.body = "Our clinic's own text."
    article.save()
    SeedRecord.objects.filter(object_uid=article.uid).update(fingerprint="old")
    return article


def seed_article(slug):
    for _key, _build, path in seed_sources():
        item = build_item(path)
        if getattr(item, "slug", None) == slug:
            return item
    raise LookupError(slug)


def test_edit_page_offers_the_newer_starter_text(editor_client, edited_seed_page):
    page = editor_client.get(
        f"/admin/education/article/{edited_seed_page.pk}/change/"
    ).content.decode()
    assert "A newer starter version of this page is available" in page
    assert "Use the new starter text" in page
    assert "Stopping safely" in page  # from the new starter body
    assert "&lt;p&gt;" not in page  # shown as typed, not double-escaped HTML


def test_list_tells_staff_and_filters_pages_with_a_newer_version(
    editor_client, edited_seed_page
):
    page = editor_client.get("/admin/education/article/").content.decode()
    assert "1 page has a newer starter version" in page
    filtered = editor_client.get("/admin/education/article/", {"starter": "newer"})
    assert list(filtered.context["cl"].result_list) == [edited_seed_page]


def test_staff_adopt_the_newer_starter_text(editor_client, edited_seed_page):
    url = f"/admin/education/article/{edited_seed_page.pk}/starter-version/"
    response = editor_client.post(url, {"starter_version": "adopt"})
    assert response.status_code == HTTPStatus.FOUND
    edited_seed_page.refresh_from_db()
    assert edited_seed_page.body == seed_article("alcohol").body
    # The clinic's text stays in the history.
    versions = Version.objects.get_for_object(edited_seed_page)
    assert versions[0].revision.comment == "Replaced with the newer starter content."
    page = editor_client.get(f"/admin/education/article/{edited_seed_page.pk}/change/")
    assert "A newer starter version" not in page.content.decode()


def test_staff_keep_their_text(editor_client, edited_seed_page):
    url = f"/admin/education/article/{edited_seed_page.pk}/starter-version/"
    editor_client.post(url, {"starter_version": "dismiss"})
    edited_seed_page.refresh_from_db()
    assert edited_seed_page.body == "Our clinic's own text."
    page = editor_client.get(f"/admin/education/article/{edited_seed_page.pk}/change/")
    assert "A newer starter version" not in page.content.decode()


def test_unedited_seed_pages_offer_nothing(editor_client):
    load_seed()
    tip = Tip.objects.first()
    page = editor_client.get(f"/admin/education/tip/{tip.pk}/change/")
    assert "A newer starter version" not in page.content.decode()
    assert (
        "newer starter version"
        not in editor_client.get("/admin/education/tip/").content.decode()
    )
