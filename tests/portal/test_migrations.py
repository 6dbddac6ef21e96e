import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("education", "0008_article_tip_uid_unique"), ("portal", None)]
AFTER = [("education", "0010_move_site_settings_to_portal"), ("portal", "0001_initial")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    applied = [target for target in targets if target[1]]
    return executor.loader.project_state(applied).apps


@pytest.fixture
def back_to_latest_schema():
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("back_to_latest_schema")
def test_moving_site_settings_to_portal_keeps_row_content_type_and_permissions():
    old_apps = migrate(BEFORE)
    OldSettings = old_apps.get_model("education", "SiteSettings")
    OldSettings.objects.update_or_create(pk=1, defaults={"hospital_name": "St Mary's"})
    ContentType = old_apps.get_model("contenttypes", "ContentType")
    content_type = ContentType.objects.get(app_label="education", model="sitesettings")
    Permission = old_apps.get_model("auth", "Permission")
    change = Permission.objects.get(
        content_type=content_type, codename="change_sitesettings"
    )
    Group = old_apps.get_model("auth", "Group")
    Group.objects.get_or_create(name="Clinic editors")[0].permissions.add(change)

    new_apps = migrate(AFTER)

    NewSettings = new_apps.get_model("portal", "SiteSettings")
    assert NewSettings.objects.get(pk=1).hospital_name == "St Mary's"
    moved = new_apps.get_model("contenttypes", "ContentType").objects.get(
        pk=content_type.pk
    )
    assert (moved.app_label, moved.model) == ("portal", "sitesettings")
    permission = new_apps.get_model("auth", "Permission").objects.get(
        content_type=moved, codename="change_sitesettings"
    )
    assert permission.group_set.filter(name="Clinic editors").exists()
