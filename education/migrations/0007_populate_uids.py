"""Give every existing article and tip its own random content ID (see 0006)."""

import uuid

from django.db import migrations


def populate(apps, schema_editor):
    for model_name in ("Article", "Tip"):
        model = apps.get_model("education", model_name)
        for pk in model.objects.filter(uid__isnull=True).values_list("pk", flat=True):
            model.objects.filter(pk=pk).update(uid=uuid.uuid4())


class Migration(migrations.Migration):
    dependencies = [
        ("education", "0006_article_tip_uid"),
    ]

    operations = [migrations.RunPython(populate, migrations.RunPython.noop)]
