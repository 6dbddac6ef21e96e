from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import get_language_info, gettext, ngettext
from django.utils.translation import gettext_lazy as _
from reversion_compare.admin import CompareVersionAdmin

from education import readability
from education.models import (
    Article,
    ArticleTranslation,
    Status,
    Tip,
    TipTranslation,
    translated_languages,
)
from education.seeding import (
    items_with_newer_starter_version,
    newer_starter_version,
    resolve_starter_version,
    text_fields,
)
from portal.audit import AuditTrailMixin


class ReviewDueFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("overdue", _("Overdue for review")),
            ("next_30_days", _("Due in the next 30 days")),
            ("no_date", _("No review date set")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        match self.value():
            case "overdue":
                return queryset.overdue_for_review(today)
            case "next_30_days":
                return queryset.filter(
                    next_review_due__gte=today,
                    next_review_due__lte=today + timedelta(days=30),
                )
            case "no_date":
                return queryset.filter(next_review_due__isnull=True)
        return queryset


class PublishActionsMixin:
    actions = ["publish", "unpublish"]

    # Offered only to staff who may change the items, not to view-only staff.
    @admin.action(description=_("Publish the selected items"), permissions=["change"])
    def publish(self, request, queryset):
        self._set_status(request, queryset, Status.PUBLISHED)

    @admin.action(
        description=_("Unpublish the selected items (hide from patients)"),
        permissions=["change"],
    )
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, Status.DRAFT)

    def _set_status(self, request, queryset, status):
        # Save one by one, each in its own revision, so the history shows it.
        for item in queryset:
            item.status = status
            message = _("Status set to “%s”.") % item.get_status_display()
            item.save_with_history(message, request.user)
            # And in the audit trail (portal/audit.py), like a form save.
            self.log_change(request, item, message)
        count = queryset.count()
        self.message_user(
            request,
            ngettext("%d item updated.", "%d items updated.", count) % count,
            messages.SUCCESS,
        )


READING_SCORE_HINT = _(
    "Flesch–Kincaid grade of what patients read here (the references are left "
    "out). Aim for grade 6 or below: the NHS writes for a reading age of 9 to 11. "
    "It updates as you type and is advice only: it never stops you saving."
)


def describe_score(score):
    if score is None:
        return gettext("No text to score yet.")
    return gettext(
        "Grade %(grade)s. %(advice)s (%(words)s words in %(sentences)s sentences.)"
    ) % {
        "grade": score,
        "advice": score.advice,
        "words": score.words,
        "sentences": score.sentences,
    }


class StarterVersionFilter(admin.SimpleListFilter):
    title = _("starter text")
    parameter_name = "starter"

    def lookups(self, request, model_admin):
        return [("newer", _("Newer starter version available"))]

    def queryset(self, request, queryset):
        if self.value() == "newer":
            return queryset.filter(uid__in=items_with_newer_starter_version(self.model))
        return queryset

    def __init__(self, request, params, model, model_admin):
        self.model = model
        super().__init__(request, params, model, model_admin)


class PatientTextAdminMixin:
    """Reading score (list column, edit page, live as staff type) and the
    newer starter version of seeded pages (education.seeding)."""

    scored_fields: list[str]

    class Media:
        js = ["js/admin-reading-score.js"]
        css = {"all": ["css/admin-reading-score.css"]}

    def score(self, values):
        return readability.reading_score(
            *readability.scored_text(values, self.scored_fields)
        )

    def score_of(self, obj):
        return self.score({name: getattr(obj, name) for name in self.scored_fields})

    @admin.display(description=_("reading grade"))
    def reading_grade(self, obj):
        score = self.score_of(obj)
        if score is None:
            return "–"
        if score.is_on_target:
            return str(score)
        return gettext("%(grade)s (above %(target)s)") % {
            "grade": score,
            "target": readability.TARGET_GRADE,
        }

    @admin.display(description=_("reading score"))
    def reading_score(self, obj):
        score = self.score_of(obj) if obj is not None and obj.pk else None
        info = self.opts.app_label, self.opts.model_name
        return format_html(
            '<div class="reading-score" data-reading-score-url="{}" '
            'data-reading-score-fields="{}">'
            '<p class="reading-score__value" aria-live="polite">{}</p>'
            '<p class="help">{}</p></div>',
            reverse("admin:{}_{}_reading_score".format(*info)),
            ",".join(self.scored_fields),
            describe_score(score),
            READING_SCORE_HINT,
        )

    @admin.display(description=_("newer starter text"))
    def starter_version(self, obj):
        starter = newer_starter_version(obj) if obj is not None else None
        if starter is None:
            return "–"
        info = self.opts.app_label, self.opts.model_name
        url = reverse("admin:{}_{}_starter_version".format(*info), args=[obj.pk])
        changed = [
            (
                capfirst(obj._meta.get_field(name).verbose_name),
                getattr(starter, name),
            )
            for name in text_fields(obj)
            if (getattr(starter, name) or "").strip()
            != (getattr(obj, name) or "").replace("\r\n", "\n").strip()
        ]
        return format_html(
            '<div class="starter-version">{}'
            '<p><button type="submit" class="button" formaction="{}" '
            'name="starter_version" value="adopt">{}</button> '
            '<button type="submit" class="button" formaction="{}" '
            'name="starter_version" value="dismiss">{}</button></p></div>',
            format_html_join(
                "",
                "<details><summary>{}</summary>"
                '<div class="starter-version__text">{}</div></details>',
                changed,
            ),
            url,
            gettext("Use the new starter text"),
            url,
            gettext("Keep this page's text"),
        )

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "reading_score"] + (
            ["starter_version"] if obj is not None else []
        )

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        if obj is not None and newer_starter_version(obj) is not None:
            fieldsets.insert(
                0,
                (
                    _("A newer starter version of this page is available"),
                    {
                        "fields": ["starter_version"],
                        "description": _(
                            "ALT Portal's starter text for this page was corrected "
                            "after it was loaded here. This page was edited or "
                            "reviewed on this site, so it was not changed. Open "
                            "each part below to read the new text. Use it to "
                            "replace this page's text (the current text stays in "
                            "History), or keep this page's text. Unsaved changes "
                            "in this form are lost either way."
                        ),
                    },
                ),
            )
        return fieldsets

    def get_urls(self):
        info = self.opts.app_label, self.opts.model_name
        return [
            path(
                "reading-score/",
                self.admin_site.admin_view(self.reading_score_view),
                name="{}_{}_reading_score".format(*info),
            ),
            path(
                "<path:object_id>/starter-version/",
                self.admin_site.admin_view(self.starter_version_view),
                name="{}_{}_starter_version".format(*info),
            ),
            *super().get_urls(),
        ]

    def reading_score_view(self, request):
        """Score the form's text as staff type (static/js/admin-reading-score.js)."""
        if request.method != "POST":
            return JsonResponse({"error": "POST only"}, status=405)
        if not (
            self.has_change_permission(request) or self.has_add_permission(request)
        ):
            raise PermissionDenied
        score = self.score(request.POST)
        return JsonResponse(
            {
                "grade": score.grade if score else None,
                "text": describe_score(score),
            }
        )

    def starter_version_view(self, request, object_id):
        if request.method != "POST":
            return JsonResponse({"error": "POST only"}, status=405)
        obj = self.get_object(request, object_id)
        if obj is None:
            raise Http404
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        adopt = request.POST.get("starter_version") == "adopt"
        if resolve_starter_version(obj, adopt=adopt, user=request.user):
            if adopt:
                message = gettext("Replaced with the newer starter text.")
            else:
                message = gettext(
                    "Kept this page's text; newer starter text dismissed."
                )
            self.log_change(request, obj, message)
            self.message_user(request, message, messages.SUCCESS)
        info = self.opts.app_label, self.opts.model_name
        return redirect("admin:{}_{}_change".format(*info), obj.pk)

    def changelist_view(self, request, extra_context=None):
        count = len(items_with_newer_starter_version(self.model))
        if count and request.method == "GET":
            self.message_user(
                request,
                ngettext(
                    "%(count)d page has a newer starter version you can adopt: "
                    "filter by “starter text”.",
                    "%(count)d pages have a newer starter version you can adopt: "
                    "filter by “starter text”.",
                    count,
                )
                % {"count": count},
                messages.INFO,
            )
        return super().changelist_view(request, extra_context)


def language_name(code):
    return get_language_info(code)["name_translated"]


def translation_state(translation):
    if not translation.is_published:
        state = gettext("draft")
    else:
        state = gettext("published")
    if translation.is_out_of_date:
        state = gettext("%(state)s, out of date") % {"state": state}
    return state


class TranslationsOfOriginalMixin:
    """On the Article and Tip admins: a changelist column with each translation's
    state, and links to add or edit each language's translation."""

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("translations")

    def _translation_url(self, translation):
        opts = translation._meta
        return reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change", args=[translation.pk]
        )

    @admin.display(description=_("translations"))
    def translations_column(self, obj):
        translations = sorted(obj.translations.all(), key=lambda item: item.language)
        if not translations:
            return "–"
        return format_html_join(
            mark_safe("<br>"),
            '<a href="{}">{}: {}</a>',
            (
                (
                    self._translation_url(translation),
                    language_name(translation.language),
                    translation_state(translation),
                )
                for translation in translations
            ),
        )

    @admin.display(description=_("translations"))
    def translation_links(self, obj):
        if obj is None or obj.pk is None:
            return gettext("Save the English first, then translate it.")
        existing = {item.language: item for item in obj.translations.all()}
        model = obj.translations.model
        opts = model._meta
        add_url = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
        links = []
        for code, _name in translated_languages():
            translation = existing.get(code)
            if translation is None:
                query = urlencode({model.original_field: obj.pk, "language": code})
                url = f"{add_url}?{query}"
                text = gettext("Add %(language)s translation")
                state = ""
            else:
                url = self._translation_url(translation)
                text = gettext("Edit %(language)s translation")
                state = f" ({translation_state(translation)})"
            links.append((url, text % {"language": language_name(code)}, state))
        return format_html_join(
            "", '<p><a class="button" href="{}">{}</a>{}</p>', links
        )

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "translation_links"]

    def get_fieldsets(self, request, obj=None):
        return [
            *super().get_fieldsets(request, obj),
            (_("Translations"), {"fields": ["translation_links"]}),
        ]


@admin.register(Article)
class ArticleAdmin(
    AuditTrailMixin,
    TranslationsOfOriginalMixin,
    PatientTextAdminMixin,
    PublishActionsMixin,
    CompareVersionAdmin,
):
    scored_fields = readability.ARTICLE_SCORED_FIELDS
    list_display = [
        "title",
        "kind",
        "status",
        "translations_column",
        "reading_grade",
        "order",
        "last_reviewed_on",
        "next_review_due",
        "review_overdue",
    ]
    list_filter = ["status", "kind", ReviewDueFilter, StarterVersionFilter]
    search_fields = ["title", "summary", "body", "reviewer"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "status", "order"]}),
        (_("Type of page"), {"fields": ["kind", "cause"]}),
        (
            _("Text"),
            {
                "fields": [
                    "reading_score",
                    "body",
                    "why_it_raises_alt",
                    "what_you_can_do",
                    "doctor_treatments",
                    "references",
                ],
                "description": _(
                    "Write for patients: short sentences, everyday words, and "
                    "explain each medical term once."
                ),
            },
        ),
        (
            _("Clinical review"),
            {"fields": ["last_reviewed_on", "next_review_due", "reviewer"]},
        ),
        (_("Record"), {"fields": ["created_at", "updated_at"]}),
    ]

    @admin.display(boolean=True, description=_("review overdue"))
    def review_overdue(self, article):
        return article.is_overdue_for_review


@admin.register(Tip)
class TipAdmin(
    AuditTrailMixin,
    TranslationsOfOriginalMixin,
    PatientTextAdminMixin,
    PublishActionsMixin,
    CompareVersionAdmin,
):
    scored_fields = readability.TIP_SCORED_FIELDS
    list_display = [
        "title",
        "status",
        "translations_column",
        "reading_grade",
        "order",
        "updated_at",
    ]
    list_filter = ["status", StarterVersionFilter]
    search_fields = ["title", "body"]
    fields = ["title", "body", "reading_score", "status", "order"]


# Translations (education.models.Translation): each is edited, reviewed and
# published on its own, beside the English original it was made from.


class OutOfDateFilter(admin.SimpleListFilter):
    title = _("English changed")
    parameter_name = "english"

    def lookups(self, request, model_admin):
        return [
            ("changed", _("Out of date: the English changed since")),
            ("matches", _("Matches the current English")),
        ]

    def queryset(self, request, queryset):
        if self.value() not in ("changed", "matches"):
            return queryset
        original = queryset.model.original_field
        out_of_date = [
            item.pk for item in queryset.select_related(original) if item.is_out_of_date
        ]
        if self.value() == "changed":
            return queryset.filter(pk__in=out_of_date)
        return queryset.exclude(pk__in=out_of_date)


class TranslationForm(forms.ModelForm):
    matches_english = forms.BooleanField(
        label=_("The translation matches the current English"),
        required=False,
        help_text=_(
            "Tick this when you have brought the translation up to date with "
            "the English text shown beside it. The translation is then no "
            "longer listed as out of date."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # So the English shows beside the fields on the add page too.
        original = self.instance.original_field
        if getattr(self.instance, f"{original}_id") is None:
            chosen = self.data.get(original) or self.initial.get(original)
            model = self.instance._meta.get_field(original).related_model
            found = model.objects.filter(pk=chosen).first() if chosen else None
            if found is not None:
                setattr(self.instance, original, found)


def english_beside(name):
    """A read-only field showing the English original's text of field ``name``."""

    def show(self, obj):
        original = None
        if obj is not None and getattr(obj, f"{obj.original_field}_id", None):
            original = obj.original
        if original is None:
            return "–"
        # The Markdown as staff typed it, line breaks kept (CSS pre-wrap).
        return format_html(
            '<div class="translation-english" lang="en">{}</div>',
            getattr(original, name) or "–",
        )

    return admin.display(description=_("English"))(show)


class TranslationAdmin(AuditTrailMixin, PublishActionsMixin, CompareVersionAdmin):
    form = TranslationForm
    list_filter = ["language", "status", OutOfDateFilter]
    readonly_fields = ["english_status", "created_at", "updated_at"]
    translated_fields: list[str]

    class Media:
        css = {"all": ["css/admin-translation.css"]}

    def get_list_display(self, request):
        return [
            "title",
            self.model.original_field,
            "language",
            "status",
            "up_to_date",
            "last_reviewed_on",
            "next_review_due",
        ]

    def get_list_select_related(self, request):
        return [self.model.original_field]

    @admin.display(boolean=True, description=_("matches the English"))
    def up_to_date(self, obj):
        return not obj.is_out_of_date

    @admin.display(description=_("English original"))
    def english_status(self, obj):
        if obj is None or not getattr(obj, f"{obj.original_field}_id", None):
            return "–"
        original = obj.original
        opts = original._meta
        url = reverse(
            f"admin:{opts.app_label}_{opts.model_name}_change", args=[original.pk]
        )
        if obj.pk is None:
            note = gettext(
                "The fields below start as a copy of the English: translate each one."
            )
        elif obj.is_out_of_date:
            note = gettext(
                "The English changed since this translation was last brought up to "
                "date. Compare the English beside each field, update the "
                "translation, then tick “The translation matches the current "
                "English”."
            )
        else:
            note = gettext("This translation matches the current English.")
        return format_html('<a href="{}">{}</a><p>{}</p>', url, original, note)

    def get_fieldsets(self, request, obj=None):
        original = self.model.original_field
        return [
            (None, {"fields": [original, "language", "english_status", "status"]}),
            (
                _("Text"),
                {
                    "fields": [
                        (name, f"english_{name}") for name in self.translated_fields
                    ]
                    + ["matches_english"],
                    "description": _(
                        "The English original is shown beside each field. The "
                        "reading score is for English text only, so it is not "
                        "shown here."
                    ),
                    "classes": ["translation-side-by-side"],
                },
            ),
            *self.review_fieldsets(),
            (_("Record"), {"fields": ["created_at", "updated_at"]}),
        ]

    def review_fieldsets(self):
        return [
            (
                _("Clinical review of this translation"),
                {"fields": ["last_reviewed_on", "next_review_due", "reviewer"]},
            )
        ]

    def get_readonly_fields(self, request, obj=None):
        fields = [
            *super().get_readonly_fields(request, obj),
            *(f"english_{name}" for name in self.translated_fields),
        ]
        if obj is not None:
            # A translation stays with its original and its language.
            fields += [self.model.original_field, "language"]
        return fields

    def get_changeform_initial_data(self, request):
        """Start from a copy of the English (?article=<pk>&language=zh-hans)."""
        initial = super().get_changeform_initial_data(request)
        original_field = self.model.original_field
        original_model = self.model._meta.get_field(original_field).related_model
        chosen = request.GET.get(original_field, "")
        original = (
            original_model.objects.filter(pk=chosen).first()
            if chosen.isdigit()
            else None
        )
        if original is not None:
            for name in self.translated_fields:
                initial.setdefault(name, getattr(original, name))
        return initial

    def save_model(self, request, obj, form, change):
        if not change or form.cleaned_data.get("matches_english"):
            obj.mark_up_to_date()
        super().save_model(request, obj, form, change)


for _name in ArticleTranslation.TRANSLATED_FIELDS:  # Tips' are a subset.
    setattr(TranslationAdmin, f"english_{_name}", english_beside(_name))


@admin.register(ArticleTranslation)
class ArticleTranslationAdmin(TranslationAdmin):
    translated_fields = ArticleTranslation.TRANSLATED_FIELDS
    list_filter = [*TranslationAdmin.list_filter, ReviewDueFilter]
    search_fields = ["title", "summary", "body", "reviewer", "article__title"]


@admin.register(TipTranslation)
class TipTranslationAdmin(TranslationAdmin):
    translated_fields = TipTranslation.TRANSLATED_FIELDS
    list_filter = [*TranslationAdmin.list_filter, ReviewDueFilter]
    search_fields = ["title", "body", "reviewer", "tip__title"]
