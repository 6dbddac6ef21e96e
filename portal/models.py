"""What belongs to the whole site: the settings staff edit in the admin."""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
    URLValidator,
)
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from education.models import translated_languages
from portal.page_cache import KEEP_SECONDS, content_version
from questionnaire import rules

LOGO_MAX_BYTES = 200 * 1024
# PNG and JPEG only, recognised by their first bytes, never by the file name or
# the type the browser claims. SVG is refused: it can carry scripts.
LOGO_SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
}


def check_logo_size(size: int):
    if size > LOGO_MAX_BYTES:
        raise ValidationError(
            _(
                "The logo is %(size)s kB. Choose an image of %(max)s kB or less: "
                "save it smaller, or as a JPEG."
            ),
            code="logo_too_large",
            params={"size": -(-size // 1024), "max": LOGO_MAX_BYTES // 1024},
        )


def logo_content_type(data: bytes) -> str:
    """Raise ValidationError, with a message for staff, unless ``data`` is a PNG
    or JPEG image of an allowed size."""
    if not data:
        raise ValidationError(_("The logo file is empty."), code="logo_empty")
    check_logo_size(len(data))
    for signature, content_type in LOGO_SIGNATURES.items():
        if data.startswith(signature):
            return content_type
    raise ValidationError(
        _(
            "Choose a PNG or JPEG image. Other files, SVG included, are not "
            "accepted: SVG images can contain scripts."
        ),
        code="logo_type",
    )


# First-run defaults: the PORTAL_* environment variables (alt_portal/settings.py),
# so a deployment configured before site settings existed keeps its values.
def default_hospital_name():
    return settings.PORTAL_HOSPITAL_NAME


def default_contact_phone():
    return settings.PORTAL_CONTACT_PHONE


def default_emergency_number():
    return settings.PORTAL_EMERGENCY_NUMBER


def default_drink_country():
    return settings.PORTAL_DRINK_COUNTRY


HOSPITAL_NAME_MAX_LENGTH = 120


def validate_hospital_name_translations(value):
    if not isinstance(value, dict):
        raise ValidationError(
            _("Give the names as {language code: name}."), code="names_not_a_mapping"
        )
    codes = dict(translated_languages())
    for code, name in value.items():
        if code not in codes:
            raise ValidationError(
                _("“%(code)s” is not one of this site's other languages (%(codes)s)."),
                code="unknown_language",
                params={"code": code, "codes": ", ".join(codes) or "-"},
            )
        if not isinstance(name, str) or not name.strip():
            raise ValidationError(
                _(
                    "The hospital name in %(language)s must be text. Leave it out "
                    "to show the main hospital name."
                ),
                code="name_not_text",
                params={"language": codes[code]},
            )
        if "\x00" in name:
            raise ValidationError(
                _("The hospital name in %(language)s contains a NUL character."),
                code="null_characters_not_allowed",
                params={"language": codes[code]},
            )
        if len(name) > HOSPITAL_NAME_MAX_LENGTH:
            raise ValidationError(
                _(
                    "The hospital name in %(language)s has %(length)s characters; "
                    "it may have at most %(max)s."
                ),
                code="name_too_long",
                params={
                    "language": codes[code],
                    "length": len(name),
                    "max": HOSPITAL_NAME_MAX_LENGTH,
                },
            )


phone_validator = RegexValidator(
    r"^\+?[0-9(][0-9 ()-]*\Z",
    _(
        "Enter the number as people dial it: digits, spaces, brackets, hyphens and "
        "a + at the start only, e.g. 01234 567890 or +44 1234 567890."
    ),
    code="phone",
)
https_validator = URLValidator(
    schemes=["https"],
    # Its own code: a form's "invalid" message would replace this one.
    code="https_required",
    message=_(
        "Enter a full web address that starts with https://, e.g. "
        "https://www.example-hospital.org/book."
    ),
)
upper_limit_validators = [
    MinValueValidator(
        rules.UPPER_LIMIT_MIN_U_PER_L,
        _("Enter at least %(limit_value)s U/L. Check the number with a clinician."),
    ),
    MaxValueValidator(
        rules.UPPER_LIMIT_MAX_U_PER_L,
        _("Enter at most %(limit_value)s U/L. Check the number with a clinician."),
    ),
]
UPPER_LIMIT_HELP = format_lazy(
    _(
        "In U/L. Used only when a patient does not enter the upper limit from their "
        "lab report. The starting value is the healthy upper limit in the American "
        "College of Gastroenterology guideline (Kwo et al., Am J Gastroenterol "
        "2017): {female} U/L for women, {male} U/L for men, and {other} U/L when "
        "sex is not given. Change it only if a clinician agrees, for example to "
        "match your own laboratory. Allowed: {min} to {max} U/L."
    ),
    female=rules.DEFAULT_UPPER_LIMITS_U_PER_L[rules.Sex.FEMALE],
    male=rules.DEFAULT_UPPER_LIMITS_U_PER_L[rules.Sex.MALE],
    other=rules.DEFAULT_UPPER_LIMITS_U_PER_L[rules.Sex.OTHER_OR_NOT_SAID],
    min=rules.UPPER_LIMIT_MIN_U_PER_L,
    max=rules.UPPER_LIMIT_MAX_U_PER_L,
)


class SiteSettings(models.Model):
    """The hospital's details and a few clinical defaults; one row, see ``load()``.

    A hand-kept singleton rather than django-solo: ``load()`` leaves the logo's
    bytes (up to 200 kB) in the database, where ``get_solo()`` would read them on
    every page, and ``for_request()`` reads the row once per content version.
    """

    SINGLETON_ID = 1
    EDITABLE_FIELDS = (
        "hospital_name",
        "hospital_name_translations",
        "contact_phone",
        "emergency_number",
        "booking_url",
        "default_upper_limit_female",
        "default_upper_limit_male",
        "default_upper_limit_other",
        "drink_country",
    )

    id = models.PositiveSmallIntegerField(
        primary_key=True, default=SINGLETON_ID, editable=False
    )
    hospital_name = models.CharField(
        _("hospital name"),
        max_length=HOSPITAL_NAME_MAX_LENGTH,
        default=default_hospital_name,
        help_text=_(
            "Shown at the top of every page and in page titles, e.g. “St Mary's "
            "Hospital”."
        ),
    )
    # {language code: name} for translated_languages(); a language left out shows
    # hospital_name. The admin gives one field per language.
    hospital_name_translations = models.JSONField(
        _("hospital name in other languages"),
        default=dict,
        blank=True,
        validators=[validate_hospital_name_translations],
    )
    logo = models.BinaryField(_("logo"), blank=True, default=b"", editable=False)
    logo_content_type = models.CharField(max_length=20, blank=True, editable=False)
    # Changes with the image: the logo's web address carries it, so browsers
    # fetch a new logo at once and may keep one for long.
    logo_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    contact_phone = models.CharField(
        _("clinic phone number"),
        max_length=30,
        blank=True,
        default=default_contact_phone,
        validators=[phone_validator],
        help_text=_(
            "Shown on result pages: “You can call … on …”. Leave empty to show no "
            "number."
        ),
    )
    emergency_number = models.CharField(
        _("emergency phone number"),
        max_length=30,
        blank=True,
        default=default_emergency_number,
        validators=[phone_validator],
        help_text=_(
            "Shown with urgent advice, e.g. 999, 112 or 911. Leave empty and the "
            "pages say “your local emergency number”."
        ),
    )
    booking_url = models.URLField(
        _("appointment booking link"),
        max_length=500,
        blank=True,
        validators=[https_validator],
        help_text=_(
            "Optional. The web page where patients book an appointment, starting "
            "with https://. Result pages that advise booking an appointment show "
            "a “Book an appointment” link to it."
        ),
    )
    default_upper_limit_female = models.DecimalField(
        _("usual ALT upper limit for women"),
        max_digits=4,
        decimal_places=1,
        default=rules.DEFAULT_UPPER_LIMITS_U_PER_L[rules.Sex.FEMALE],
        validators=upper_limit_validators,
        help_text=UPPER_LIMIT_HELP,
    )
    default_upper_limit_male = models.DecimalField(
        _("usual ALT upper limit for men"),
        max_digits=4,
        decimal_places=1,
        default=rules.DEFAULT_UPPER_LIMITS_U_PER_L[rules.Sex.MALE],
        validators=upper_limit_validators,
        help_text=UPPER_LIMIT_HELP,
    )
    default_upper_limit_other = models.DecimalField(
        _("usual ALT upper limit when sex is not given"),
        max_digits=4,
        decimal_places=1,
        default=rules.DEFAULT_UPPER_LIMITS_U_PER_L[rules.Sex.OTHER_OR_NOT_SAID],
        validators=upper_limit_validators,
        help_text=UPPER_LIMIT_HELP,
    )
    drink_country = models.CharField(
        _("standard drink"),
        max_length=20,
        choices=rules.DrinkCountry,
        default=default_drink_country,
        help_text=_(
            "Which country's “standard drink” the alcohol questions explain and "
            "count. The UK counts units and scores the answers differently."
        ),
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    # As on education.models.Article.
    imported_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        # Created by the education app before the portal app existed (migration
        # education 0004); the table keeps its name so no hospital's row moves.
        db_table = "education_sitesettings"
        verbose_name = _("site settings")
        verbose_name_plural = _("site settings")
        constraints = [
            models.CheckConstraint(
                condition=Q(id=1), name="education_sitesettings_only_one_row"
            ),
        ]

    def __str__(self):
        return str(_("Site settings"))

    def save(self, *args, **kwargs):
        self.id = self.SINGLETON_ID
        if self._state.adding and type(self).objects.filter(pk=self.id).exists():
            self._state.adding = False
        super().save(*args, **kwargs)

    @classmethod
    def load(cls):
        """The logo's bytes stay deferred: pages need only its address."""
        found = cls.objects.defer("logo").filter(pk=cls.SINGLETON_ID).first()
        if found is None:
            found, _created = cls.objects.get_or_create(pk=cls.SINGLETON_ID)
        return found

    @classmethod
    def for_request(cls, request):
        """Cached until anything a page shows changes (a save here starts a new
        content version)."""
        try:
            return request._alt_portal_site_settings
        except AttributeError:
            pass
        key = f"site-settings:{content_version()}"
        found = cache.get(key)
        if found is None:
            found = cls.load()
            cache.set(key, found, KEEP_SECONDS)
        request._alt_portal_site_settings = found
        return found

    def set_logo(self, data: bytes):
        data = bytes(data)
        self.logo_content_type = logo_content_type(data)
        self.logo = data
        self.logo_sha256 = hashlib.sha256(data).hexdigest()

    def clear_logo(self):
        self.logo, self.logo_content_type, self.logo_sha256 = b"", "", ""

    def hospital_name_in(self, language=None):
        """The main name where staff gave none in ``language`` (default: active)."""
        language = language or translation.get_language()
        names = self.hospital_name_translations
        return (isinstance(names, dict) and names.get(language)) or self.hospital_name

    @property
    def has_logo(self):
        return bool(self.logo_sha256)

    @property
    def logo_url(self):
        if not self.has_logo:
            return ""
        return f"{reverse('portal:site_logo')}?v={self.logo_sha256[:16]}"

    @property
    def default_upper_limits(self):
        return {
            rules.Sex.FEMALE: self.default_upper_limit_female,
            rules.Sex.MALE: self.default_upper_limit_male,
            rules.Sex.OTHER_OR_NOT_SAID: self.default_upper_limit_other,
        }

    @property
    def standard_drink_country(self):
        return rules.DrinkCountry(self.drink_country)
