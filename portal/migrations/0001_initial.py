"""Take up SiteSettings from the education app (education 0010).

State only: the table keeps its name. The content type is renamed rather than
created, so the settings' History, audit entries and the Clinic editors'
permissions keep pointing at it.
"""

import django.core.validators
import portal.models
from decimal import Decimal
from django.db import migrations, models


def _rename_content_type(apps, schema_editor, old_app, new_app):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.using(schema_editor.connection.alias).filter(
        app_label=old_app, model="sitesettings"
    ).update(app_label=new_app)


def move_content_type(apps, schema_editor):
    _rename_content_type(apps, schema_editor, "education", "portal")


def move_content_type_back(apps, schema_editor):
    _rename_content_type(apps, schema_editor, "portal", "education")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("education", "0010_move_site_settings_to_portal"),
    ]

    operations = [
        migrations.RunPython(move_content_type, move_content_type_back, elidable=False),
        migrations.SeparateDatabaseAndState(state_operations=[migrations.CreateModel(
            name='SiteSettings',
            fields=[
                ('id', models.PositiveSmallIntegerField(default=1, editable=False, primary_key=True, serialize=False)),
                ('hospital_name', models.CharField(default=portal.models.default_hospital_name, help_text="Shown at the top of every page and in page titles, e.g. “St Mary's Hospital”.", max_length=120, verbose_name='hospital name')),
                ('logo', models.BinaryField(blank=True, default=b'', verbose_name='logo')),
                ('logo_content_type', models.CharField(blank=True, editable=False, max_length=20)),
                ('logo_sha256', models.CharField(blank=True, editable=False, max_length=64)),
                ('contact_phone', models.CharField(blank=True, default=portal.models.default_contact_phone, help_text='Shown on result pages: “You can call … on …”. Leave empty to show no number.', max_length=30, validators=[django.core.validators.RegexValidator('^\\+?[0-9(][0-9 ()-]*\\Z', 'Enter the number as people dial it: digits, spaces, brackets, hyphens and a + at the start only, e.g. 01234 567890 or +44 1234 567890.', code='phone')], verbose_name='clinic phone number')),
                ('emergency_number', models.CharField(blank=True, default=portal.models.default_emergency_number, help_text='Shown with urgent advice, e.g. 999, 112 or 911. Leave empty and the pages say “your local emergency number”.', max_length=30, validators=[django.core.validators.RegexValidator('^\\+?[0-9(][0-9 ()-]*\\Z', 'Enter the number as people dial it: digits, spaces, brackets, hyphens and a + at the start only, e.g. 01234 567890 or +44 1234 567890.', code='phone')], verbose_name='emergency phone number')),
                ('booking_url', models.URLField(blank=True, help_text='Optional. The web page where patients book an appointment, starting with https://. Result pages that advise booking an appointment show a “Book an appointment” link to it.', max_length=500, validators=[django.core.validators.URLValidator(code='https_required', message='Enter a full web address that starts with https://, e.g. https://www.example-hospital.org/book.', schemes=['https'])], verbose_name='appointment booking link')),
                ('default_upper_limit_female', models.DecimalField(decimal_places=1, default=Decimal('25'), help_text='In U/L. Used only when a patient does not enter the upper limit from their lab report. The starting value is the healthy upper limit in the American College of Gastroenterology guideline (Kwo et al., Am J Gastroenterol 2017): 25 U/L for women, 33 U/L for men, and 33 U/L when sex is not given. Change it only if a clinician agrees, for example to match your own laboratory. Allowed: 10 to 100 U/L.', max_digits=4, validators=[django.core.validators.MinValueValidator(Decimal('10'), 'Enter at least %(limit_value)s U/L. Check the number with a clinician.'), django.core.validators.MaxValueValidator(Decimal('100'), 'Enter at most %(limit_value)s U/L. Check the number with a clinician.')], verbose_name='usual ALT upper limit for women')),
                ('default_upper_limit_male', models.DecimalField(decimal_places=1, default=Decimal('33'), help_text='In U/L. Used only when a patient does not enter the upper limit from their lab report. The starting value is the healthy upper limit in the American College of Gastroenterology guideline (Kwo et al., Am J Gastroenterol 2017): 25 U/L for women, 33 U/L for men, and 33 U/L when sex is not given. Change it only if a clinician agrees, for example to match your own laboratory. Allowed: 10 to 100 U/L.', max_digits=4, validators=[django.core.validators.MinValueValidator(Decimal('10'), 'Enter at least %(limit_value)s U/L. Check the number with a clinician.'), django.core.validators.MaxValueValidator(Decimal('100'), 'Enter at most %(limit_value)s U/L. Check the number with a clinician.')], verbose_name='usual ALT upper limit for men')),
                ('default_upper_limit_other', models.DecimalField(decimal_places=1, default=Decimal('33'), help_text='In U/L. Used only when a patient does not enter the upper limit from their lab report. The starting value is the healthy upper limit in the American College of Gastroenterology guideline (Kwo et al., Am J Gastroenterol 2017): 25 U/L for women, 33 U/L for men, and 33 U/L when sex is not given. Change it only if a clinician agrees, for example to match your own laboratory. Allowed: 10 to 100 U/L.', max_digits=4, validators=[django.core.validators.MinValueValidator(Decimal('10'), 'Enter at least %(limit_value)s U/L. Check the number with a clinician.'), django.core.validators.MaxValueValidator(Decimal('100'), 'Enter at most %(limit_value)s U/L. Check the number with a clinician.')], verbose_name='usual ALT upper limit when sex is not given')),
                ('drink_country', models.CharField(choices=[('us', 'United States'), ('uk', 'United Kingdom'), ('au', 'Australia'), ('ca', 'Canada'), ('international', 'Another country')], default=portal.models.default_drink_country, help_text="Which country's “standard drink” the alcohol questions explain and count. The UK counts units and scores the answers differently.", max_length=20, verbose_name='standard drink')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='last changed')),
                ('imported_hash', models.CharField(blank=True, editable=False, max_length=64)),
            ],
            options={
                'verbose_name': 'site settings',
                'verbose_name_plural': 'site settings',
                'db_table': 'education_sitesettings',
                'constraints': [models.CheckConstraint(condition=models.Q(('id', 1)), name='education_sitesettings_only_one_row')],
            },
        )]),
    ]
