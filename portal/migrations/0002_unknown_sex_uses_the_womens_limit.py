"""Unknown sex starts at the women's (lower) healthy limit, 25 U/L: the earlier care."""

import django.core.validators
from decimal import Decimal
from django.db import migrations, models


def start_unknown_sex_at_the_womens_limit(apps, schema_editor):
    # 33 was the old starting value; the rules never use more than 25 for an
    # unknown sex, so the stored value now says what the check does.
    SiteSettings = apps.get_model("portal", "SiteSettings")
    SiteSettings.objects.filter(default_upper_limit_other=Decimal(33)).update(
        default_upper_limit_other=Decimal(25)
    )


class Migration(migrations.Migration):

    dependencies = [
        ('portal', '0001_initial'),
    ]

    operations = [
        migrations.RunPython(start_unknown_sex_at_the_womens_limit, migrations.RunPython.noop),
        migrations.AlterField(
            model_name='sitesettings',
            name='default_upper_limit_female',
            field=models.DecimalField(decimal_places=1, default=Decimal('25'), help_text='In U/L. Used only when a patient does not enter the upper limit from their lab report. The starting value is the healthy upper limit in the American College of Gastroenterology guideline (Kwo et al., Am J Gastroenterol 2017): 25 U/L for women, 33 U/L for men, and 25 U/L when sex is not given. Change it only if a clinician agrees, for example to match your own laboratory. Allowed: 10 to 100 U/L.', max_digits=4, validators=[django.core.validators.MinValueValidator(Decimal('10'), 'Enter at least %(limit_value)s U/L. Check the number with a clinician.'), django.core.validators.MaxValueValidator(Decimal('100'), 'Enter at most %(limit_value)s U/L. Check the number with a clinician.')], verbose_name='usual ALT upper limit for women'),
        ),
        migrations.AlterField(
            model_name='sitesettings',
            name='default_upper_limit_male',
            field=models.DecimalField(decimal_places=1, default=Decimal('33'), help_text='In U/L. Used only when a patient does not enter the upper limit from their lab report. The starting value is the healthy upper limit in the American College of Gastroenterology guideline (Kwo et al., Am J Gastroenterol 2017): 25 U/L for women, 33 U/L for men, and 25 U/L when sex is not given. Change it only if a clinician agrees, for example to match your own laboratory. Allowed: 10 to 100 U/L.', max_digits=4, validators=[django.core.validators.MinValueValidator(Decimal('10'), 'Enter at least %(limit_value)s U/L. Check the number with a clinician.'), django.core.validators.MaxValueValidator(Decimal('100'), 'Enter at most %(limit_value)s U/L. Check the number with a clinician.')], verbose_name='usual ALT upper limit for men'),
        ),
        migrations.AlterField(
            model_name='sitesettings',
            name='default_upper_limit_other',
            field=models.DecimalField(decimal_places=1, default=Decimal('25'), help_text='In U/L. Used only when a patient does not enter the upper limit from their lab report. The starting value is the healthy upper limit in the American College of Gastroenterology guideline (Kwo et al., Am J Gastroenterol 2017): 25 U/L for women, 33 U/L for men, and 25 U/L when sex is not given. Change it only if a clinician agrees, for example to match your own laboratory. Allowed: 10 to 100 U/L.', max_digits=4, validators=[django.core.validators.MinValueValidator(Decimal('10'), 'Enter at least %(limit_value)s U/L. Check the number with a clinician.'), django.core.validators.MaxValueValidator(Decimal('100'), 'Enter at most %(limit_value)s U/L. Check the number with a clinician.')], verbose_name='usual ALT upper limit when sex is not given'),
        ),
    ]
