import hashlib
import json
import uuid

import reversion
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from education.causes import Cause
from education.rendering import (
    MarkdownValidator,
    SanitisedHTMLField,
    render_markdown,
    render_or_escape,
)

# The longest Markdown a field takes (characters). A long patient article is
# about 5,000; education/rendering.py also limits what text may ask of the renderer.
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


def text_fingerprint(item, names) -> str:
    """Return a hash of the named text fields, blind to line endings and outer
    spaces (a browser sends \\r\\n when staff save a form without changing it)."""
    text = {
        name: "\n".join((getattr(item, name) or "").strip().splitlines())
        for name in names
    }
    return hashlib.sha256(
        json.dumps(text, sort_keys=True, ensure_ascii=False).encode()
    ).hexdigest()


class SavedWithHistory:
    """For models registered with django-reversion (the admin's History)."""

    def save_with_history(self, comment, user=None):
        with reversion.create_revision():
            self.save()
            if user is not None:
                reversion.set_user(user)
            reversion.set_comment(comment)


class ArticleQuerySet(PublishableQuerySet):
    def causes(self):
        return self.filter(kind=Article.Kind.CAUSE)

    def overdue_for_review(self, today=None):
        return self.filter(next_review_due__lt=today or timezone.localdate())


class Article(SavedWithHistory, models.Model):
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
    # The same page on every site it is exported to.
    uid = models.UUIDField(
        _("content ID"), default=uuid.uuid4, unique=True, editable=False
    )
    # What the last import brought (a hash of its content; portal/
    # content_transfer.py): a later local edit is then always a conflict.
    imported_hash = models.CharField(max_length=64, blank=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    # The text a translation carries (ArticleTranslation); the rest is the page's own.
    TRANSLATED_FIELDS = [
        "title",
        "summary",
        "body",
        "why_it_raises_alt",
        "what_you_can_do",
        "doctor_treatments",
        "references",
    ]

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
        return bool(self.next_review_due) and self.next_review_due < (
            timezone.localdate()
        )


class Tip(SavedWithHistory, models.Model):
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
    # The same tip on every site it is exported to.
    uid = models.UUIDField(
        _("content ID"), default=uuid.uuid4, unique=True, editable=False
    )
    # As on Article.
    imported_hash = models.CharField(max_length=64, blank=True, editable=False)

    objects = PublishableQuerySet.as_manager()

    TRANSLATED_FIELDS = ["title", "body"]

    class Meta:
        ordering = ["order", "title"]
        verbose_name = _("liver-health tip")
        verbose_name_plural = _("liver-health tips")

    def __str__(self):
        return self.title

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED


def translated_languages():
    """[(code, name)] of every site language but settings.LANGUAGE_CODE, the one
    originals (articles, tips, the hospital name) are written in."""
    return [
        (code, name)
        for code, name in settings.LANGUAGES
        if code != settings.LANGUAGE_CODE
    ]


def source_fingerprint(original) -> str:
    """A hash of the original's translated text, to tell when it changed."""
    return text_fingerprint(original, original.TRANSLATED_FIELDS)


class TranslationQuerySet(PublishableQuerySet):
    def overdue_for_review(self, today=None):
        return self.filter(next_review_due__lt=today or timezone.localdate())


class Translation(SavedWithHistory, models.Model):
    """One language's version of an Article or Tip, with its own status and
    clinical review; the page structure (web address, type, cause, order) is the
    original's."""

    # The field pointing at the original (set by subclasses).
    original_field: str

    language = models.CharField(
        _("language"),
        max_length=15,
        choices=translated_languages,
        help_text=_("The language this translation is written in."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.DRAFT
    )
    last_reviewed_on = models.DateField(
        _("last reviewed on"),
        null=True,
        blank=True,
        help_text=_(
            "The date a clinician last checked this translation. Patients see it."
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
        help_text=_("Name and role of the clinician who reviewed this translation."),
    )
    # text_fingerprint of the original's translated text when this translation
    # was made or last confirmed to match it: see is_out_of_date.
    source_fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    # As on Article.
    imported_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)
    uid = models.UUIDField(
        _("content ID"), default=uuid.uuid4, unique=True, editable=False
    )

    objects = TranslationQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.title} ({self.get_language_display()})"

    @property
    def original(self):
        return getattr(self, self.original_field)

    @property
    def is_published(self):
        return self.status == Status.PUBLISHED

    @property
    def is_overdue_for_review(self):
        return bool(self.next_review_due) and self.next_review_due < (
            timezone.localdate()
        )

    @property
    def is_out_of_date(self):
        """True if the original's text changed since this translation was made
        or last marked as matching it."""
        return self.source_fingerprint != source_fingerprint(self.original)

    def mark_up_to_date(self):
        """Record that this translation matches the original's current text."""
        self.source_fingerprint = source_fingerprint(self.original)

    def copy_original_text(self):
        for name in self.original.TRANSLATED_FIELDS:
            setattr(self, name, getattr(self.original, name))


class ArticleTranslation(Translation):
    original_field = "article"
    TRANSLATED_FIELDS = Article.TRANSLATED_FIELDS

    article = models.ForeignKey(
        Article,
        on_delete=models.CASCADE,
        related_name="translations",
        verbose_name=_("article"),
    )
    title = models.CharField(_("title"), max_length=120)
    summary = models.CharField(_("summary"), max_length=250)
    body = models.TextField(
        _("main text"),
        help_text=_("Markdown, as in the English page."),
        validators=[MarkdownValidator(ARTICLE_BODY_MAX_CHARS, top_level=2)],
    )
    why_it_raises_alt = models.TextField(
        _("why it can raise ALT"),
        blank=True,
        validators=[MarkdownValidator(ARTICLE_SECTION_MAX_CHARS)],
    )
    what_you_can_do = models.TextField(
        _("what you can do"),
        blank=True,
        validators=[MarkdownValidator(ARTICLE_SECTION_MAX_CHARS)],
    )
    doctor_treatments = models.TextField(
        _("treatments a doctor may use"),
        blank=True,
        help_text=_(
            "Mark every named medicine as to be used only under medical guidance."
        ),
        validators=[MarkdownValidator(ARTICLE_SECTION_MAX_CHARS)],
    )
    references = models.TextField(
        _("references"),
        blank=True,
        validators=[MarkdownValidator(ARTICLE_SECTION_MAX_CHARS)],
    )
    body_html = SanitisedHTMLField()
    why_it_raises_alt_html = SanitisedHTMLField()
    what_you_can_do_html = SanitisedHTMLField()
    doctor_treatments_html = SanitisedHTMLField()
    references_html = SanitisedHTMLField()

    class Meta:
        ordering = ["article__order", "article__title", "language"]
        verbose_name = _("article translation")
        verbose_name_plural = _("article translations")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "language"],
                name="education_articletranslation_one_per_language",
                violation_error_message=_(
                    "This article already has a translation into this language. "
                    "Edit that one instead."
                ),
            ),
        ]

    def get_absolute_url(self):
        with translation.override(self.language):
            return self.original.get_absolute_url()


class TipTranslation(Translation):
    original_field = "tip"
    TRANSLATED_FIELDS = Tip.TRANSLATED_FIELDS

    tip = models.ForeignKey(
        Tip,
        on_delete=models.CASCADE,
        related_name="translations",
        verbose_name=_("liver-health tip"),
    )
    title = models.CharField(_("tip"), max_length=120)
    body = models.TextField(
        _("details"),
        validators=[MarkdownValidator(TIP_BODY_MAX_CHARS)],
    )
    body_html = SanitisedHTMLField()

    class Meta:
        ordering = ["tip__order", "tip__title", "language"]
        verbose_name = _("tip translation")
        verbose_name_plural = _("tip translations")
        constraints = [
            models.UniqueConstraint(
                fields=["tip", "language"],
                name="education_tiptranslation_one_per_language",
                violation_error_message=_(
                    "This tip already has a translation into this language. "
                    "Edit that one instead."
                ),
            ),
        ]


def rendered_fields(model):
    """Yield (Markdown field, its HTML field) for an Article or Tip (or a
    translation of one)."""
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
@receiver(pre_save, sender=ArticleTranslation)
@receiver(pre_save, sender=TipTranslation)
def render_stored_html(sender, instance, raw=False, **kwargs):
    """Render every Markdown field into its HTML field before each save.

    Text over the limits raises ValidationError; a raw save (a History restore of
    a version from before the limits) shows it escaped instead.
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
    # Empty for items loaded before this was recorded.
    object_uid = models.UUIDField(null=True, blank=True)
    fingerprint = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("seed record")

    def __str__(self):
        return self.key
