from http import HTTPStatus

import pytest
from django.contrib import messages
from django.contrib.messages.storage.base import Message
from django.contrib.messages.storage.cookie import MessageEncoder
from django.test import override_settings
from reversion.models import Version

from education.models import Article, Status, Tip
from portal.models import SiteSettings
from tests.factories import make_article, make_editor, make_tip

pytestmark = pytest.mark.django_db

CONTENT_PAGES = ["/", "/articles/", "/articles/alcohol/", "/liver-health-tips/"]


@pytest.fixture
def content():
    make_article(kind=Article.Kind.OVERVIEW, title="What a raised ALT means")
    make_article(title="Alcohol", slug="alcohol")
    make_article(kind=Article.Kind.TIPS, title="Tips", slug="tips")
    make_tip(title="Sleep well")
    SiteSettings.load()


@pytest.mark.parametrize("path", CONTENT_PAGES)
@pytest.mark.usefixtures("content")
def test_a_content_page_seen_before_needs_no_query(
    client, path, django_assert_num_queries
):
    first = client.get(path)
    assert first.status_code == HTTPStatus.OK
    with django_assert_num_queries(0):
        again = client.get(path)
    assert again.content == first.content


@pytest.mark.parametrize("path", CONTENT_PAGES)
@pytest.mark.usefixtures("content")
def test_proxies_may_keep_a_content_page_briefly_and_revalidate(client, path):
    response = client.get(path)
    assert response["Cache-Control"] == "public, max-age=60"
    again = client.get(path, headers={"if-none-match": response["ETag"]})
    assert again.status_code == HTTPStatus.NOT_MODIFIED


@pytest.mark.usefixtures("content")
def test_an_edit_shows_at_once_and_old_validators_no_longer_match(client):
    before = client.get("/articles/alcohol/")
    article = Article.objects.get(slug="alcohol")
    article.title = "Alcohol and your liver"
    article.save()
    after = client.get("/articles/alcohol/", headers={"if-none-match": before["ETag"]})
    assert after.status_code == HTTPStatus.OK
    assert "Alcohol and your liver" in after.content.decode()


@pytest.mark.parametrize(
    ("change", "path", "shown"),
    [
        ("unpublish", "/", "Alcohol"),
        ("delete tip", "/liver-health-tips/", "Sleep well"),
        ("hospital name", "/", "ALT Portal"),
    ],
)
@pytest.mark.usefixtures("content")
def test_every_change_a_page_shows_replaces_the_kept_page(client, change, path, shown):
    assert shown in client.get(path).content.decode()
    match change:
        case "unpublish":
            article = Article.objects.get(slug="alcohol")
            article.status = Status.DRAFT
            article.save()
        case "delete tip":
            Tip.objects.get(title="Sleep well").delete()
        case "hospital name":
            settings_row = SiteSettings.load()
            settings_row.hospital_name = "St Mary's"
            settings_row.save()
    assert shown not in client.get(path).content.decode()


@pytest.mark.usefixtures("content")
def test_a_revert_in_history_replaces_the_kept_page(client):
    article = Article.objects.get(slug="alcohol")
    article.save_with_history("first")
    article.title = "Alcohol, edited"
    article.save_with_history("second")
    assert "Alcohol, edited" in client.get("/articles/alcohol/").content.decode()
    Version.objects.get_for_object(article).order_by("pk").first().revision.revert()
    assert "Alcohol, edited" not in client.get("/articles/alcohol/").content.decode()


def test_staff_pages_are_never_kept_or_shared(client):
    draft = make_article(title="Draft page", slug="draft", status=Status.DRAFT)
    client.force_login(make_editor())
    response = client.get(draft.get_absolute_url())
    assert "Draft page" in response.content.decode()
    assert "private" in response["Cache-Control"]
    client.logout()
    assert client.get(draft.get_absolute_url()).status_code == HTTPStatus.NOT_FOUND


@pytest.mark.usefixtures("content")
def test_a_signed_in_editor_never_gets_a_page_kept_for_patients(client):
    patients_page = client.get("/articles/alcohol/")
    client.force_login(make_editor())
    response = client.get(
        "/articles/alcohol/", headers={"if-none-match": patients_page["ETag"]}
    )
    assert response.status_code == HTTPStatus.OK
    assert "ETag" not in response
    assert "private" in response["Cache-Control"]


@pytest.mark.usefixtures("content")
def test_a_waiting_message_is_shown_not_lost_in_a_kept_page(client):
    client.get("/")  # Kept, without a message.
    session = client.session
    session["_messages"] = MessageEncoder().encode([Message(messages.INFO, "Saved.")])
    session.save()
    response = client.get("/")
    assert "Saved." in response.content.decode()
    assert "private" in response["Cache-Control"]


@pytest.mark.usefixtures("content")
def test_addresses_with_a_query_string_are_not_kept(client, django_assert_num_queries):
    client.get("/?utm=1")
    # Rendered again: the overview and causes, and the tips (the site settings
    # are kept until they change).
    with django_assert_num_queries(2):
        client.get("/?utm=1")


@override_settings(CACHE_URL="")
@pytest.mark.usefixtures("content")
def test_without_a_shared_cache_the_version_is_a_stamp_file_all_processes_see(
    client,
):
    from portal import page_cache

    before = page_cache.content_version()
    stamp = page_cache._stamp_file()
    assert stamp.exists()
    make_tip(title="New tip")
    assert page_cache.content_version() != before
    assert page_cache.content_version() == (
        f"{page_cache.RELEASE}-{stamp.stat().st_mtime_ns}"
    )


@pytest.mark.usefixtures("content")
def test_migrate_after_an_upgrade_replaces_every_kept_page(client):
    from django.core.management import call_command

    kept = client.get("/")
    call_command("migrate", verbosity=0)
    again = client.get("/", headers={"if-none-match": kept["ETag"]})
    assert again.status_code == HTTPStatus.OK


@pytest.mark.usefixtures("content")
def test_a_new_release_replaces_every_kept_page_even_without_migrate(
    client, monkeypatch
):
    """Code, templates or catalogs changed by a deploy: pages (and the check's
    kept parts, which share the version) an older release rendered are not served."""
    from portal import page_cache

    kept = client.get("/")
    assert client.get("/", headers={"if-none-match": kept["ETag"]}).status_code == (
        HTTPStatus.NOT_MODIFIED
    )
    monkeypatch.setattr(page_cache, "RELEASE", "another-release")
    again = client.get("/", headers={"if-none-match": kept["ETag"]})
    assert again.status_code == HTTPStatus.OK


def test_the_release_digest_reads_the_templates(settings, tmp_path, monkeypatch):
    from portal import page_cache

    (tmp_path / "templates").mkdir()
    page = tmp_path / "templates" / "page.html"
    page.write_text("one")
    settings.BASE_DIR = tmp_path
    monkeypatch.setattr(page_cache, "RELEASE_FOLDERS", ("templates",))
    before = page_cache._release_digest()
    page.write_text("two")
    assert page_cache._release_digest() != before
