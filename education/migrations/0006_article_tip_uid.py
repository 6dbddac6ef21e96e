"""Give articles and tips a content ID (uid) that stays the same on every site.

In three steps, as Django's documentation describes for a new unique field:
add it empty (this migration), give every existing row its own random ID (0007),
then make it required and unique (0008).
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("education", "0005_editors_can_edit_site_settings"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="uid",
            field=models.UUIDField(editable=False, null=True, verbose_name="content ID"),
        ),
        migrations.AddField(
            model_name="tip",
            name="uid",
            field=models.UUIDField(editable=False, null=True, verbose_name="content ID"),
        ),
    ]
