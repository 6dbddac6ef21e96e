"""Which text a reader sees: the translation into their language, or the original.

One query per queryset, however many items or languages: the translation's
columns come through a LEFT JOIN on the one row for that language (unique
together). The page structure (web address, type, cause, order) is the original's.
"""

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS
from django.db.models import Exists, F, FilteredRelation, OuterRef, Q
from django.utils.html import format_html

from education.models import Status, translated_languages

_JOIN = "shown_translation"
_PREFIX = "shown_translation_"
# What a translation supplies; everything else is read from the original.
REVIEW_ATTRIBUTES = {
    "status",
    "is_published",
    "last_reviewed_on",
    "next_review_due",
    "reviewer",
    "is_overdue_for_review",
    "updated_at",
}


def default_language():
    return settings.LANGUAGE_CODE


def can_preview_translations(user, model):
    """Staff who may change a model's translations see their drafts too (the
    admin's "view on site"), like education.views.visible_articles."""
    if user is None or not user.is_active:
        return False
    translation_model = model.translations.rel.related_model
    opts = translation_model._meta
    return user.has_perm(f"{opts.app_label}.change_{opts.model_name}")


class Localised:
    """An original as one reader sees it: attribute access gives the
    translation's text and review fields if there is one, else the original's."""

    def __init__(self, original, translation, language):
        self.original = original
        self.translation = translation
        self.requested_language = language
        self.fell_back = translation is None and language != default_language()
        self.lang = translation.language if translation else default_language()

    @property
    def lang_attribute(self):
        """` lang="en"` for an item shown in English to a reader of another
        language (WCAG 3.1.2), else nothing: ``<li{{ item.lang_attribute }}>``."""
        if not self.fell_back:
            return ""
        return format_html(' lang="{}"', self.lang)

    @property
    def shown(self):
        return self.translation or self.original

    @property
    def is_translation(self):
        return self.translation is not None

    @property
    def not_yet_reviewed(self):
        """A shown translation that no clinician has signed off yet."""
        return self.translation is not None and not (
            self.translation.last_reviewed_on and self.translation.reviewer
        )

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        translation = self.__dict__.get("translation")
        if translation is not None and (
            name in REVIEW_ATTRIBUTES or name in _text_attributes(translation)
        ):
            return getattr(translation, name)
        return getattr(self.__dict__["original"], name)

    def __str__(self):
        return str(self.shown)

    def __repr__(self):
        return f"<Localised {self.original!r} in {self.lang}>"


def _text_attributes(translation):
    names = set(type(translation).TRANSLATED_FIELDS)
    return names | {f"{name}_html" for name in names}


def _translation_fields(model):
    translation_model = model.translations.rel.related_model
    return translation_model, list(translation_model._meta.concrete_fields)


def with_translation(queryset, language, *, include_drafts=False):
    """Annotate ``queryset`` (of Article or Tip) with the columns of its
    translation into ``language`` (published only, unless ``include_drafts``)."""
    translation_model, fields = _translation_fields(queryset.model)
    condition = Q(translations__language=language)
    if not include_drafts:
        condition &= Q(translations__status=Status.PUBLISHED)
    return queryset.annotate(
        **{_JOIN: FilteredRelation("translations", condition=condition)}
    ).annotate(
        **{f"{_PREFIX}{field.attname}": F(f"{_JOIN}__{field.name}") for field in fields}
    )


def _translation_of(original, translation_model, fields):
    values = [getattr(original, f"{_PREFIX}{field.attname}") for field in fields]
    if values[[field.primary_key for field in fields].index(True)] is None:
        return None
    translation = translation_model.from_db(
        original._state.db or DEFAULT_DB_ALIAS,
        [field.attname for field in fields],
        values,
    )
    setattr(translation, translation_model.original_field, original)
    return translation


def _published_in(code):
    return f"published_in_{code.replace('-', '_')}"


def with_published_languages(queryset):
    """Annotate ``queryset`` with whether each translation language has a
    published translation (one EXISTS per site language, not per row)."""
    translation_model = queryset.model.translations.rel.related_model
    return queryset.annotate(
        **{
            _published_in(code): Exists(
                translation_model.objects.published().filter(
                    **{translation_model.original_field: OuterRef("pk")},
                    language=code,
                )
            )
            for code, _name in translated_languages()
        }
    )


def localise(originals, language, *, user=None, with_languages=False):
    """Each of ``originals`` as a ``Localised``: the published translation into
    ``language`` if any (drafts too for staff who may edit translations), else the
    original, with ``fell_back`` set (templates then mark it ``lang="en"``).

    With ``with_languages``, each also knows ``page_languages``, the languages its
    content is published in (for hreflang alternates), in the same query.
    """
    if with_languages:
        originals = with_published_languages(originals)
    if language == default_language():
        found = [(original, None) for original in originals]
    else:
        include_drafts = can_preview_translations(user, originals.model)
        translation_model, fields = _translation_fields(originals.model)
        found = [
            (original, _translation_of(original, translation_model, fields))
            for original in with_translation(
                originals, language, include_drafts=include_drafts
            )
        ]
    items = [Localised(original, shown, language) for original, shown in found]
    if with_languages:
        for item in items:
            item.page_languages = [
                default_language(),
                *(
                    code
                    for code, _name in translated_languages()
                    if getattr(item.original, _published_in(code))
                ),
            ]
    return items


def published_languages(original):
    """The languages ``original``'s content is published in: the original's
    language first, then each published translation's. One query."""
    published = set(
        original.translations.published().values_list("language", flat=True)
    )
    return [
        default_language(),
        *(code for code, _name in translated_languages() if code in published),
    ]


def site_languages():
    """Every language of the site, for pages whose own text is all translated
    (lists, where each untranslated item is marked in English)."""
    return [code for code, _name in settings.LANGUAGES]
