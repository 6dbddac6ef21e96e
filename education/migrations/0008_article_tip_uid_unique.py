"""Make the content ID required and unique (see 0006 and 0007)."""

import uuid

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("education", "0007_populate_uids"),
    ]

    operations = [
        migrations.AlterField(
            model_name="article",
            name="uid",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="content ID"
            ),
        ),
        migrations.AlterField(
            model_name="tip",
            name="uid",
            field=models.UUIDField(
                default=uuid.uuid4, editable=False, unique=True, verbose_name="content ID"
            ),
        ),
    ]
