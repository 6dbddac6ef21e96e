from http import HTTPStatus

import pytest
from django.contrib.auth.models import User
from reversion.models import Version

from tests.factories import make_article, make_editor

pytestmark = pytest.mark.django_db


def article_form_data(article, **changes):
    """Return the admin change form's POST data for this article, with changes."""
    data = {
        field: getattr(article, field) or ""
        for field in [
            "title",
            "slug",
            "summary",
            "status",
            "order",
            "kind",
            "cause",
            "body",
            "why_it_raises_alt",
            "what_you_can_do",
            "doctor_treatments",
            "references",
            "last_reviewed_on",
            "next_review_due",
            "reviewer",
        ]
    }
    return {**data, **changes}


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


def test_editor_edits_article_history_shows_it_and_revert_restores_it(editor_client):
    article = make_article(title="Alcohol", body="Original text.")
    change_url = f"/admin/education/article/{article.pk}/change/"

    # First save records the original; the second records the edit.
    for body in ["Original text.", "Edited text."]:
        response = editor_client.post(change_url, article_form_data(article, body=body))
        assert response.status_code == HTTPStatus.FOUND, response.context[
            "adminform"
        ].form.errors
    article.refresh_from_db()
    assert article.body == "Edited text."

    history = editor_client.get(f"{change_url.removesuffix('change/')}history/")
    assert history.status_code == HTTPStatus.OK
    versions = Version.objects.get_for_object(article)
    assert versions.count() == 2
    assert history.content.decode().count("/history/") >= 2

    compare = editor_client.get(
        f"/admin/education/article/{article.pk}/history/compare/",
        {"version_id1": versions[1].pk, "version_id2": versions[0].pk},
    )
    assert compare.status_code == HTTPStatus.OK
    assert b"Edited text." in compare.content
    assert b"Original text." in compare.content

    original = versions[1]  # newest first
    revert_url = f"/admin/education/article/{article.pk}/history/{original.pk}/"
    assert editor_client.get(revert_url).status_code == HTTPStatus.OK
    response = editor_client.post(
        revert_url, article_form_data(article, body="Original text.")
    )
    assert response.status_code == HTTPStatus.FOUND
    article.refresh_from_db()
    assert article.body == "Original text."
    assert Version.objects.get_for_object(article).count() == 3


def test_publish_action_records_a_revision(editor_client):
    article = make_article(status="draft")
    response = editor_client.post(
        "/admin/education/article/",
        {"action": "publish", "_selected_action": [article.pk]},
    )
    assert response.status_code == HTTPStatus.FOUND
    article.refresh_from_db()
    assert article.is_published
    assert Version.objects.get_for_object(article).count() == 1


def test_editor_cannot_reach_user_management(editor_client):
    assert editor_client.get("/admin/auth/user/").status_code == HTTPStatus.FORBIDDEN
    assert editor_client.get("/admin/auth/group/").status_code == HTTPStatus.FORBIDDEN
    index = editor_client.get("/admin/").content.decode()
    assert "/admin/auth/user/" not in index
    assert "/admin/education/article/" in index


def test_article_list_filters_by_overdue_review(admin_client):
    make_article(title="Overdue page", next_review_due="2000-01-01")
    make_article(title="Fresh page", next_review_due="2999-01-01")
    response = admin_client.get("/admin/education/article/", {"review": "overdue"})
    assert b"Overdue page" in response.content
    assert b"Fresh page" not in response.content


def test_article_list_search_finds_body_text(admin_client):
    make_article(title="Alcohol", body="acetaldehyde damages liver cells")
    make_article(title="Sleep", body="rest")
    response = admin_client.get("/admin/education/article/", {"q": "acetaldehyde"})
    assert b"Alcohol" in response.content
    assert b">Sleep<" not in response.content


def test_edit_form_explains_fields_for_staff(admin_client):
    article = make_article()
    response = admin_client.get(f"/admin/education/article/{article.pk}/change/")
    assert b"Unpublished" in response.content or b"hidden from patients" in (
        response.content
    )
    assert b"Changing it breaks links" in response.content
    assert b"View on site" in response.content


def test_new_staff_account_without_group_sees_no_content(client):
    client.force_login(User.objects.create_user("new", is_staff=True))
    assert client.get("/admin/education/article/").status_code == (HTTPStatus.FORBIDDEN)


def test_clinic_editors_cannot_edit_seed_records(editor_client):
    assert editor_client.get("/admin/education/seedrecord/").status_code in {
        HTTPStatus.FORBIDDEN,
        HTTPStatus.NOT_FOUND,
    }
