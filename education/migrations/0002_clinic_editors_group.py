"""Create the "Clinic editors" group: staff who write patient content and nothing else.

Permissions are normally created after all migrations run, so create them here
first. Give a staff user this group (and "Staff status") in Users to let them edit.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Clinic editors"
CONTENT_MODELS = ["article", "tip"]
ACTIONS = ["add", "change", "delete", "view"]


def create_group(apps, schema_editor):
    app_config = apps.get_app_config("education")
    # Migration-state app configs have no models module; create_permissions
    # skips such apps unless told otherwise.
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    codenames = [f"{action}_{model}" for model in CONTENT_MODELS for action in ACTIONS]
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="education", codename__in=codenames
        )
    )


def delete_group(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("education", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, delete_group)]
