import hashlib
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
    RegexValidator,
    URLValidator,
)
from django.db import models
from django.db.models import Q
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from education.markdown import (
    MarkdownValidator,
    SanitisedHTMLField,
    render_markdown,
    render_or_escape,
)
from education.topics import Cause
from questionnaire import rules

# The longest Markdown a field takes (characters). A long patient article is
# about 5,000; education/markdown.py also limits what text may ask of the renderer.
ARTICLE_BODY_MAX_CHARS = 15_000
ARTICLE_SECTION_MAX_CHARS = 8_000
TIP_BODY_MAX_CHARS = 1_000


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft: hidden from patients")
    PUBLISHED = "published", _("Published: patients can see it")


class PublishableQuerySet(models.QuerySet):
    def published(self):
        """Return what patients may see. The only definition of "visible"."""
        return self.filter(status=Status.PUBLISHED)


class ArticleQuerySet(PublishableQuerySet):
    def causes(self):
        return self.filter(kind=Article.Kind.CAUSE)

    def overdue_for_review(self, today=None):
        """Return articles whose next review date has passed."""
        return self.filter(next_review_due__lt=today or timezone.localdate())


class Article(models.Model):
    """A page of patient information, written by clinic staff in Markdown."""

    class Kind(models.TextChoices):
        OVERVIEW = "overview", _("Overview: what a raised ALT means")
        CAUSE = "cause", _("Cause of a raised ALT")
        TIPS = "tips", _("Liver-health tips page")

    kind = models.CharField(
        _("type of page"),
        max_length=20,
        choices=Kind,
        default=Kind.CAUSE,
        help_text=_(
            "There is one overview page and one tips page. Every other article "
            "explains a cause."
        ),
    )
    cause = models.CharField(
        _("questionnaire cause"),
        max_length=30,
        choices=Cause,
        blank=True,
        help_text=_(
            "For cause pages: the questionnaire links to this page when a patient's "
            "answers point to this cause. Leave empty for other pages."
        ),
    )
    title = models.CharField(
        _("title"),
        max_length=120,
        help_text=_("The page heading. Keep it short and plain, e.g. “Alcohol”."),
    )
    slug = models.SlugField(
        _("web address"),
        max_length=120,
        unique=True,
        help_text=_(
            "The last part of the page's web address. Lowercase words joined by "
            "hyphens. Changing it breaks links that people have saved."
        ),
    )
    summary = models.CharField(
        _("summary"),
        max_length=250,
        help_text=_(
            "One or two short sentences in plain words. Shown under the title and "
            "in links to this page."
        ),
    )
    body = models.TextField(
        _("main text"),
        help_text=_(
            "Written in Markdown: a blank line starts a new paragraph, “- ” starts a "
            "bullet point, **bold**, ### for a subheading, > for a highlighted note. "
            "Scripts, styles and raw HTML are removed when the page is shown."
        ),
        validators=[MarkdownValidator(ARTICLE_BODY_MAX_CHARS, top_level=2)],
    )
    why_it_raises_alt = models.TextField(
        _("why it can raise ALT"),
        blank=True,
        help_text=_("Cause pages only. Markdown, as for the main text."),
        validators=[MarkdownValidator(ARTICLE_SECTION_MAX_CHARS)],
    )
    what_you_can_do = models.TextField(
        _("what you can do"),
        blank=True,
        help_text=_("Cause pages only. Markdown, as for the main text."),
        validators=[MarkdownValidator(ARTICLE_SECTION_MAX_CHARS)],
    )
    doctor_treatments = models.TextField(
        _("treatments a doctor may use"),
        blank=True,
        help_text=_(
            "Cause pages only. Mark every named medicine as to be used only under "
            "medical guidance."
        ),
        validators=[MarkdownValidator(ARTICLE_SECTION_MAX_CHARS)],
    )
    references = models.TextField(
        _("references"),
        blank=True,
        help_text=_("The sources for this page, one per line as a “- ” bullet."),
        validators=[MarkdownValidator(ARTICLE_SECTION_MAX_CHARS)],
    )
    order = models.PositiveSmallIntegerField(
        _("order"),
        default=0,
        help_text=_("Lower numbers come first in lists of causes."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.DRAFT
    )
    last_reviewed_on = models.DateField(
        _("last reviewed on"),
        null=True,
        blank=True,
        help_text=_(
            "The date a clinician last checked the whole page. Patients see it."
        ),
    )
    next_review_due = models.DateField(
        _("next review due"),
        null=True,
        blank=True,
        help_text=_("Patients see it. The admin lists pages that are overdue."),
    )
    reviewer = models.CharField(
        _("reviewed by"),
        max_length=200,
        blank=True,
        help_text=_("Name and role of the clinician who reviewed the page."),
    )
    # The Markdown fields above as sanitised HTML, rendered on save (see
    # render_stored_html below): patient pages never run the renderer.
    body_html = SanitisedHTMLField()
    why_it_raises_alt_html = SanitisedHTMLField()
    what_you_can_do_html = SanitisedHTMLField()
    doctor_treatments_html = SanitisedHTMLField()
    references_html = SanitisedHTMLField()
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    # The same page on every site it is exported to (education/content_transfer.py).
    uid = models.UUIDField(
        _("content ID"), default=uuid.uuid4, unique=True, editable=False
    )
    # What the last import brought (a hash of its content; education/
    # content_transfer.py): a later local edit is then always a conflict.
    imported_hash = models.CharField(max_length=64, blank=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        constraints = [
            models.UniqueConstraint(
                fields=["cause"],
                condition=~Q(cause=""),
                name="education_article_one_page_per_cause",
                violation_error_message=_("Another article already covers this cause."),
            ),
            models.UniqueConstraint(
                fields=["kind"],
                condition=Q(kind__in=["overview", "tips"]),
                name="education_article_one_overview_and_tips_page",
                violation_error_message=_(
                    "There is already a page of this type. Edit that one instead."
                ),
            ),
            models.CheckConstraint(
                condition=Q(kind="cause") | Q(cause=""),
                name="education_article_cause_only_on_cause_pages",
                violation_error_message=_(
                    "Only cause pages can be linked to a questionnaire cause."
                ),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        if self.kind == self.Kind.TIPS:
            return reverse("education:tips")
        return reverse("education:article_detail", kwargs={"slug": self.slug})

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED

    @property
    def is_overdue_for_review(self):
        """Return True if the next review date has passed."""
        return bool(self.next_review_due) and self.next_review_due < (
            timezone.localdate()
        )


class Tip(models.Model):
    """One general liver-health tip, shown on the home, tips and result pages."""

    title = models.CharField(
        _("tip"),
        max_length=120,
        help_text=_("The tip in a few words, e.g. “Keep a regular sleep pattern”."),
    )
    body = models.TextField(
        _("details"),
        help_text=_("One to three short sentences. Markdown, as for articles."),
        validators=[MarkdownValidator(TIP_BODY_MAX_CHARS)],
    )
    body_html = SanitisedHTMLField()
    order = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Lower numbers come first.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.DRAFT
    )
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    # The same tip on every site it is exported to (education/content_transfer.py).
    uid = models.UUIDField(
        _("content ID"), default=uuid.uuid4, unique=True, editable=False
    )
    # What the last import brought (a hash of its content; education/
    # content_transfer.py): a later local edit is then always a conflict.
    imported_hash = models.CharField(max_length=64, blank=True, editable=False)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        ordering = ["order", "title"]
        verbose_name = _("liver-health tip")
        verbose_name_plural = _("liver-health tips")

    def __str__(self):
        return self.title


def rendered_fields(model):
    """Yield (Markdown field, its HTML field) for an Article or Tip."""
    for field in model._meta.get_fields():
        if isinstance(field, SanitisedHTMLField):
            yield model._meta.get_field(field.name.removesuffix("_html")), field


def markdown_limits(field):
    """Return (top_level, max_chars) from a Markdown field's validator."""
    for validator in field.validators:
        if isinstance(validator, MarkdownValidator):
            return validator.top_level, validator.max_chars
    raise LookupError(f"{field.name} has no MarkdownValidator")


@receiver(pre_save, sender=Article)
@receiver(pre_save, sender=Tip)
def render_stored_html(sender, instance, raw=False, **kwargs):
    """Render every Markdown field into its HTML field before each save.

    Text that breaks the limits raises ValidationError and nothing is saved (the
    admin and the importer validate first, so staff see why). A raw save, such as
    restoring a version from before the limits in the admin's History, shows such
    text escaped instead, so the page stays up.
    """
    render = render_or_escape if raw else render_markdown
    for source, target in rendered_fields(sender):
        top_level, max_chars = markdown_limits(source)
        html = render(getattr(instance, source.name), top_level, max_chars=max_chars)
        setattr(instance, target.name, html)


class SeedRecord(models.Model):
    """Remember which seed items were loaded once, so staff edits and deletions
    are never undone by loading the seed again."""

    key = models.CharField(max_length=200, unique=True)
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("seed record")

    def __str__(self):
        return self.key


# Site settings
# -------------
# One row that staff edit in the admin ("Site settings"). Every request reads it
# from the database (one query, by primary key), so a change shows on every app
# server at once: nothing is kept in a process between requests.

LOGO_MAX_BYTES = 200 * 1024
# PNG and JPEG only, recognised by their first bytes, never by the file name or
# the type the browser claims. SVG is refused: it can carry scripts.
LOGO_SIGNATURES = {
    b"\x89PNG\r\n\x1a\n": "image/png",
    b"\xff\xd8\xff": "image/jpeg",
}


def logo_content_type(data: bytes) -> str:
    """Return a logo's content type ("image/png" or "image/jpeg").

    Raise ValidationError, with a message for staff, if it is empty, too large or
    not a PNG or JPEG image.
    """
    if not data:
        raise ValidationError(_("The logo file is empty."), code="logo_empty")
    if len(data) > LOGO_MAX_BYTES:
        raise ValidationError(
            _(
                "The logo is %(size)s kB. Choose an image of %(max)s kB or less: "
                "save it smaller, or as a JPEG."
            ),
            code="logo_too_large",
            params={
                "size": -(-len(data) // 1024),
                "max": LOGO_MAX_BYTES // 1024,
            },
        )
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
    """The hospital's details and a few clinical defaults; one row, see ``load()``."""

    SINGLETON_ID = 1

    id = models.PositiveSmallIntegerField(
        primary_key=True, default=SINGLETON_ID, editable=False
    )
    hospital_name = models.CharField(
        _("hospital name"),
        max_length=120,
        default=default_hospital_name,
        help_text=_(
            "Shown at the top of every page and in page titles, e.g. “St Mary's "
            "Hospital”."
        ),
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
    # What the last import brought (a hash of its content; education/
    # content_transfer.py): a later local edit is then always a conflict.
    imported_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
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
        """Save as the one row, replacing it if it exists."""
        self.id = self.SINGLETON_ID
        if self._state.adding and type(self).objects.filter(pk=self.id).exists():
            self._state.adding = False
        super().save(*args, **kwargs)

    @classmethod
    def load(cls):
        """Return the settings, creating them from the PORTAL_* defaults if none.

        The logo's bytes are left in the database (deferred): pages need only
        its address. One query when the row exists.
        """
        found = cls.objects.defer("logo").filter(pk=cls.SINGLETON_ID).first()
        if found is None:
            found, _created = cls.objects.get_or_create(pk=cls.SINGLETON_ID)
        return found

    @classmethod
    def for_request(cls, request):
        """Return the settings, read at most once per request."""
        try:
            return request._alt_portal_site_settings
        except AttributeError:
            request._alt_portal_site_settings = cls.load()
            return request._alt_portal_site_settings

    def set_logo(self, data: bytes):
        """Replace the logo; raise ValidationError if it is not an allowed image."""
        data = bytes(data)
        self.logo_content_type = logo_content_type(data)
        self.logo = data
        self.logo_sha256 = hashlib.sha256(data).hexdigest()

    def clear_logo(self):
        self.logo, self.logo_content_type, self.logo_sha256 = b"", "", ""

    @property
    def has_logo(self):
        return bool(self.logo_sha256)

    @property
    def logo_url(self):
        """Return the logo's address (with its version), or "" without a logo."""
        if not self.has_logo:
            return ""
        return f"{reverse('education:site_logo')}?v={self.logo_sha256[:16]}"

    @property
    def default_upper_limits(self):
        """Return the ULN by sex, for ``rules.assess(default_upper_limits=...)``."""
        return {
            rules.Sex.FEMALE: self.default_upper_limit_female,
            rules.Sex.MALE: self.default_upper_limit_male,
            rules.Sex.OTHER_OR_NOT_SAID: self.default_upper_limit_other,
        }

    @property
    def standard_drink_country(self):
        return rules.DrinkCountry(self.drink_country)
