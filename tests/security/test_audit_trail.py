"""The audit trail: staff read who changed what in the admin, and when."""

from http import HTTPStatus

import pytest
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.contrib.auth.models import Group, Permission
from reversion.models import Version

from education.models import Article, Status
from tests.education.test_admin import article_form_data
from tests.factories import make_article, make_editor

pytestmark = pytest.mark.django_db

TRAIL = "/admin/admin/logentry/"


@pytest.fixture
def editor(client):
    user = make_editor(username="editor", first_name="Ada", last_name="Editor")
    client.force_login(user)
    return user


def entries():
    return list(LogEntry.objects.order_by("pk"))


def test_clinic_editors_may_view_the_trail_and_nothing_more():
    permissions = Group.objects.get(name="Clinic editors").permissions
    codenames = set(
        permissions.filter(content_type__app_label="admin").values_list(
            "codename", flat=True
        )
    )
    assert codenames == {"view_logentry"}


def test_every_admin_change_is_in_the_trail(client, editor):
    article = make_article(title="Alcohol", body="Original text.")
    change_url = f"/admin/education/article/{article.pk}/change/"

    # Add, change, bulk publish, revert and delete, all through the admin.
    add = client.post(
        "/admin/education/article/add/",
        article_form_data(article, title="New page", slug="new-page", order=99),
    )
    assert add.status_code == HTTPStatus.FOUND
    for body in ["Original text.", "Edited text."]:
        response = client.post(change_url, article_form_data(article, body=body))
        assert response.status_code == HTTPStatus.FOUND
    unpublish = client.post(
        "/admin/education/article/",
        {"action": "unpublish", "_selected_action": [article.pk]},
    )
    assert unpublish.status_code == HTTPStatus.FOUND
    original = Version.objects.get_for_object(article).last()
    revert = client.post(
        f"/admin/education/article/{article.pk}/history/{original.pk}/",
        article_form_data(article, body="Original text."),
    )
    assert revert.status_code == HTTPStatus.FOUND
    new_page = Article.objects.get(slug="new-page")
    delete = client.post(
        f"/admin/education/article/{new_page.pk}/delete/", {"post": "yes"}
    )
    assert delete.status_code == HTTPStatus.FOUND

    log = entries()
    assert [(entry.action_flag, entry.object_repr) for entry in log] == [
        (ADDITION, "New page"),
        (CHANGE, "Alcohol"),
        (CHANGE, "Alcohol"),
        (CHANGE, "Alcohol"),
        (CHANGE, "Alcohol"),
        (DELETION, "New page"),
    ]
    assert {entry.user for entry in log} == {editor}
    messages = [entry.get_change_message() for entry in log]
    assert messages[2] == "Changed Main text."
    assert messages[3] == "Status set to “Draft: hidden from patients”."
    assert messages[4].startswith("Reverted to the version saved on ")
    article.refresh_from_db()
    assert article.status == Status.PUBLISHED  # As in the version reverted to.
    assert article.body == "Original text."

    # The editor reads it all in the admin.
    page = client.get(TRAIL)
    assert page.status_code == HTTPStatus.OK
    content = page.content.decode()
    assert "Audit trail: who changed what, and when" in content
    assert "Status set to “Draft: hidden from patients”." in content
    assert "Reverted to the version saved on " in content
    assert "Changed Main text." in content
    assert f'href="/admin/education/article/{article.pk}/change/"' in content
    assert "Deletion" in content


def test_trail_filters_and_search(client, editor):
    make_article(title="Alcohol")
    article = Article.objects.get()
    client.post(
        f"/admin/education/article/{article.pk}/change/",
        article_form_data(article, body="New text."),
    )
    LogEntry.objects.log_actions(
        user_id=editor.pk, queryset=[article], action_flag=DELETION
    )
    changes = client.get(TRAIL, {"action_flag": CHANGE})
    assert changes.context["cl"].result_count == 1
    by_user = client.get(TRAIL, {"user__id__exact": editor.pk})
    assert by_user.context["cl"].result_count == 2
    found = client.get(TRAIL, {"q": "Main text"})
    assert found.context["cl"].result_count == 1
    assert client.get(TRAIL, {"q": "nothing-like-it"}).context["cl"].result_count == 0


def test_nobody_can_add_change_or_delete_entries(client, editor, admin_client):
    article = make_article(title="Alcohol")
    entry = LogEntry.objects.log_actions(
        user_id=editor.pk, queryset=[article], action_flag=CHANGE
    )[0]
    for user_client in [client, admin_client]:
        assert user_client.get(f"{TRAIL}add/").status_code == HTTPStatus.FORBIDDEN
        delete = user_client.post(f"{TRAIL}{entry.pk}/delete/", {"post": "yes"})
        assert delete.status_code == HTTPStatus.FORBIDDEN
        bulk = user_client.post(
            TRAIL, {"action": "delete_selected", "_selected_action": [entry.pk]}
        )
        assert LogEntry.objects.filter(pk=entry.pk).exists(), bulk
        detail = user_client.get(f"{TRAIL}{entry.pk}/change/")
        assert detail.status_code == HTTPStatus.OK
        assert b'name="_save"' not in detail.content
        user_client.post(f"{TRAIL}{entry.pk}/change/", {"change_message": "forged"})
        entry.refresh_from_db()
        assert entry.change_message != "forged"


def test_staff_without_the_permission_cannot_see_it(client, django_user_model):
    user = django_user_model.objects.create_user("porter", is_staff=True)
    article_perms = Permission.objects.filter(codename="view_article")
    user.user_permissions.add(*article_perms)
    client.force_login(user)
    assert client.get(TRAIL).status_code == HTTPStatus.FORBIDDEN
    assert b"logentry" not in client.get("/admin/").content


def test_editors_do_not_see_entries_about_staff_accounts(client, editor, admin_user):
    """2026-11 probe, minor: editors could read who changed staff accounts."""
    from django.contrib.contenttypes.models import ContentType

    article = make_article(title="Visible change")
    for obj, text in [(article, "Visible change"), (admin_user, "Secret staff")]:
        LogEntry.objects.create(
            user=admin_user,
            content_type=ContentType.objects.get_for_model(obj),
            object_id=str(obj.pk),
            object_repr=text,
            action_flag=CHANGE,
            change_message="[]",
        )
    page = client.get(TRAIL).content.decode()
    assert "Visible change" in page
    assert "Secret staff" not in page
    # A superuser still sees everything.
    client.force_login(admin_user)
    assert "Secret staff" in client.get(TRAIL).content.decode()


def test_sign_in_with_an_unsafe_next_lands_on_the_admin(client, admin_user):
    """2026-11 probe, minor: it landed on a 404 at /accounts/profile/."""
    response = client.post(
        "/admin/login/?next=https://evil.example.org/",
        {"username": admin_user.username, "password": "password"},
    )
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == "/admin/"
