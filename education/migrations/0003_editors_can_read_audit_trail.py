"""Let the "Clinic editors" group read the audit trail (admin log entries).

The audit trail (portal/audit.py) shows who changed what in the admin, and
when; it is read-only for everyone. Editors get "Can view log entry" only.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

GROUP_NAME = "Clinic editors"
PERMISSION = ("admin", "logentry", "view_logentry")


def grant(apps, schema_editor):
    # Permissions are normally created after all migrations run; create the
    # admin app's now (as 0002 does for education's).
    app_config = apps.get_app_config("admin")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    app_label, model, codename = PERMISSION
    group, _ = Group.objects.get_or_create(name=GROUP_NAME)
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label=app_label,
            content_type__model=model,
            codename=codename,
        )
    )


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    app_label, model, codename = PERMISSION
    group = Group.objects.filter(name=GROUP_NAME).first()
    if group is not None:
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label=app_label,
                content_type__model=model,
                codename=codename,
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("education", "0002_clinic_editors_group"),
        ("admin", "0003_logentry_add_action_flag_choices"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
