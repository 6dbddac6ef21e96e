"""Site settings belong to the whole site: the model moves to the portal app.

Only Django's record of the model moves (portal 0001 takes it up); the table
education_sitesettings, its row, history and permissions stay as they are.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("education", "0009_rendered_markdown_and_imported_hash")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="SiteSettings")],
        ),
    ]
