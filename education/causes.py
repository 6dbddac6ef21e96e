"""The causes of a raised ALT the portal explains: no database access, so the
questionnaire's rules can name a cause and articles can link to it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Cause(models.TextChoices):
    SLEEP_AND_EXERTION = "sleep-exertion", _("Sleep loss and overexertion")
    ALCOHOL = "alcohol", _("Alcohol")
    VIRAL_HEPATITIS = "viral-hepatitis", _("Viral hepatitis")
    FATTY_LIVER = "fatty-liver", _("Fatty liver disease")
    DRUG_INJURY = "drug-injury", _("Liver injury from medicines or supplements")
