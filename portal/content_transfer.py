"""Export and import the patient content as one versioned JSON file.

The README ("Content for clinic staff") states the rules staff rely on. A local
change is a conflict when the item differs from what the last import brought
(``imported_hash``, not clocks) or changed at or after the file's time. Known
limit: reverting an item to a version from before migration 0006 gives it a new
uid; imports still find it by slug or title.
"""

import base64
import binascii
import hashlib
import json
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import reversion
from django.conf import settings as django_settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from reversion.models import Version

from education.models import (
    Article,
    ArticleTranslation,
    SeedRecord,
    Status,
    Tip,
    TipTranslation,
    translated_languages,
)
from education.seeding import seed_sources, translation_sources
from portal.models import SiteSettings, logo_content_type

FORMAT = "alt-portal-content"
VERSION = 2
IMPORTABLE_VERSIONS = (1, 2)

ARTICLE_FIELDS = (
    "kind",
    "cause",
    "title",
    "slug",
    "summary",
    "body",
    "why_it_raises_alt",
    "what_you_can_do",
    "doctor_treatments",
    "references",
    "order",
    "status",
    "last_reviewed_on",
    "next_review_due",
    "reviewer",
)
TIP_FIELDS = ("title", "body", "order", "status")
# The page's structure (slug, kind, cause, order) is the original's.
TRANSLATION_OWN_FIELDS = (
    "status",
    "last_reviewed_on",
    "next_review_due",
    "reviewer",
    "source_fingerprint",
)
ARTICLE_TRANSLATION_FIELDS = (
    "language",
    *ArticleTranslation.TRANSLATED_FIELDS,
    *TRANSLATION_OWN_FIELDS,
)
TIP_TRANSLATION_FIELDS = (
    "language",
    *TipTranslation.TRANSLATED_FIELDS,
    *TRANSLATION_OWN_FIELDS,
)
SETTINGS_FIELDS = SiteSettings.EDITABLE_FIELDS
# Settings a version 1 file does not have: its import leaves them as they are.
SETTINGS_FIELDS_SINCE_VERSION_2 = ("hospital_name_translations",)


MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_ITEMS = 1000
CLOCK_TOLERANCE = timedelta(minutes=5)


class ContentImportError(Exception):
    """The file cannot be imported. Nothing was written."""


def _json_value(value):
    if isinstance(value, datetime):
        # Full precision: comparing times on import must be exact.
        return value.astimezone(UTC).isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _item(obj, fields, extra=()):
    data = {"uid": str(obj.uid)}
    data.update({name: _json_value(getattr(obj, name)) for name in fields})
    data.update({name: _json_value(getattr(obj, name)) for name in extra})
    return data


def _with_translations(obj, fields, extra):
    data = _item(obj, fields, extra=extra)
    data["translations"] = [
        _item(
            translation, fields_of_translation(obj), extra=("created_at", "updated_at")
        )
        for translation in obj.translations.all()
    ]
    return data


def fields_of_translation(original):
    if isinstance(original, Article):
        return ARTICLE_TRANSLATION_FIELDS
    return TIP_TRANSLATION_FIELDS


def export_content() -> dict:
    site = SiteSettings.objects.filter(pk=SiteSettings.SINGLETON_ID).first()
    settings = None
    if site is not None:
        settings = {name: _json_value(getattr(site, name)) for name in SETTINGS_FIELDS}
        settings["logo"] = (
            {
                "content_type": site.logo_content_type,
                "sha256": site.logo_sha256,
                "data": base64.b64encode(bytes(site.logo)).decode("ascii"),
            }
            if site.has_logo
            else None
        )
        settings["updated_at"] = _json_value(site.updated_at)
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": _json_value(timezone.now()),
        "articles": [
            _with_translations(article, ARTICLE_FIELDS, ("created_at", "updated_at"))
            for article in Article.objects.order_by(
                "order", "title", "pk"
            ).prefetch_related(_ordered_translations(ArticleTranslation))
        ],
        "tips": [
            _with_translations(tip, TIP_FIELDS, ("updated_at",))
            for tip in Tip.objects.order_by("order", "title", "pk").prefetch_related(
                _ordered_translations(TipTranslation)
            )
        ],
        "site_settings": settings,
    }


def _ordered_translations(model):
    return models.Prefetch(
        "translations", queryset=model.objects.order_by("language", "pk")
    )


def dumps(document: dict) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


@dataclass(frozen=True)
class Conflict:
    kind: str
    title: str
    local_updated_at: datetime
    exported_updated_at: datetime


@dataclass
class ImportReport:
    source: str
    dry_run: bool = False
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    conflicts: list[Conflict] = field(default_factory=list)
    published_created: list[str] = field(default_factory=list)
    site_settings_skipped: bool = False
    starter_content_marked_loaded: bool = False


def read_file(path) -> dict:
    try:
        with open(path, "rb") as file:
            raw = file.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise ContentImportError(f"Cannot read {path}: {error.strerror}.") from None
    if len(raw) > MAX_FILE_BYTES:
        raise ContentImportError(
            f"{path} is larger than {MAX_FILE_BYTES // (1024 * 1024)} MB: not an "
            "export this site can import."
        )
    try:
        return json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ContentImportError(
            f"{path} is not a JSON file ({error}). Use a file made by export_content."
        ) from None
    except RecursionError:
        raise ContentImportError(
            f"{path} is nested too deeply to be an export. Use a file made by "
            "export_content."
        ) from None


def _label(kind, position, item):
    title = item.get("title") if isinstance(item, dict) else None
    return f"{kind} {position}" + (f" (“{title}”)" if title else "")


def _translation_label(label, language):
    return f"{label}, translation into “{language}”"


def _check_translations(item, label, fields, seen):
    translations = item.get("translations")
    if not isinstance(translations, list):
        raise ContentImportError(
            f'{label} has no list of translations ("translations": [...]).'
        )
    languages = [code for code, _name in translated_languages()]
    found = set()
    for translation in translations:
        if not isinstance(translation, dict):
            raise ContentImportError(f"{label}: a translation is not an object.")
        language = translation.get("language")
        this = _translation_label(label, language)
        if language not in languages:
            raise ContentImportError(
                f"{this}: this site has no such language to translate into "
                f"(it has: {', '.join(languages) or 'none'}; originals are in "
                f"“{django_settings.LANGUAGE_CODE}”). Add the language to "
                "LANGUAGES in the settings first, or leave this translation out "
                "of the file."
            )
        if language in found:
            raise ContentImportError(f"{label} has two translations into “{language}”.")
        found.add(language)
        _check_fields_and_uid(
            translation, ("uid", *fields, "updated_at"), this, seen, "translation"
        )
        _parse_time(translation["updated_at"], this)
        if translation.get("created_at"):
            _parse_time(translation["created_at"], this)


def _check_fields_and_uid(entry, required, label, seen, kind):
    """Refuse an item or translation without every field or with a bad or
    repeated uid (``seen``: the uids of its kind so far)."""
    missing = [name for name in required if name not in entry]
    if missing:
        raise ContentImportError(f"{label} has no {', '.join(missing)}.")
    try:
        uid = uuid.UUID(str(entry["uid"]))
    except ValueError:
        raise ContentImportError(f"{label} has an invalid uid.") from None
    if uid in seen:
        raise ContentImportError(f"{label} has the same uid as another {kind}.")
    seen.add(uid)


def _check_items(document, key, kind, fields, extra, unique_by, translation_fields):
    items = document.get(key)
    if not isinstance(items, list):
        raise ContentImportError(f'The file has no list of {key} ("{key}": [...]).')
    if len(items) > MAX_ITEMS:
        raise ContentImportError(
            f"The file has {len(items)} {key}; an import takes at most {MAX_ITEMS}."
        )
    seen = set()
    seen_names = {}
    seen_translations = set()
    for position, item in enumerate(items, start=1):
        label = _label(kind, position, item)
        if not isinstance(item, dict):
            raise ContentImportError(f"{label} is not an object.")
        _check_fields_and_uid(item, ("uid", *fields, *extra), label, seen, kind)
        name = item[unique_by]
        if isinstance(name, str) and name in seen_names:
            raise ContentImportError(
                f"{label} has the same {unique_by} as {seen_names[name]}: "
                f"{name!r}. Each {kind} needs its own."
            )
        seen_names[name] = label
        _parse_time(item["updated_at"], label)
        if item.get("created_at"):
            _parse_time(item["created_at"], label)
        if translation_fields:
            _check_translations(item, label, translation_fields, seen_translations)
    return items


def check_document(document) -> None:
    """Raise ContentImportError unless this is an export this site can import."""
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ContentImportError(
            f'This is not an ALT Portal content export: "format" must be "{FORMAT}".'
        )
    version = document.get("version")
    # type(): True == 1 in Python, and it is not a version.
    if type(version) is not int or version not in IMPORTABLE_VERSIONS:
        raise ContentImportError(
            f"This file is version {version!r} of the content export; this site "
            f"imports version {' or '.join(map(str, IMPORTABLE_VERSIONS))} only."
            + (
                " Export it again from a site running the same ALT Portal release."
                if type(version) is int and version > VERSION
                else ""
            )
        )
    with_translations = version >= 2
    _check_items(
        document,
        "articles",
        "article",
        ARTICLE_FIELDS,
        ("updated_at",),
        "slug",
        ARTICLE_TRANSLATION_FIELDS if with_translations else None,
    )
    _check_items(
        document,
        "tips",
        "tip",
        TIP_FIELDS,
        ("updated_at",),
        "title",
        TIP_TRANSLATION_FIELDS if with_translations else None,
    )
    settings = document.get("site_settings")
    if settings is not None:
        if not isinstance(settings, dict):
            raise ContentImportError('"site_settings" must be an object or null.')
        missing = [
            name
            for name in (*settings_fields(version), "updated_at")
            if name not in settings
        ]
        if missing:
            raise ContentImportError(f"The site settings have no {', '.join(missing)}.")
        _parse_time(settings["updated_at"], "the site settings")


def settings_fields(version):
    if version >= 2:
        return SETTINGS_FIELDS
    return tuple(
        name for name in SETTINGS_FIELDS if name not in SETTINGS_FIELDS_SINCE_VERSION_2
    )


def _parse_time(value, label) -> datetime:
    try:
        parsed = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise ContentImportError(
            f"{label} has an invalid updated_at: {value!r}."
        ) from None
    if timezone.is_naive(parsed):
        raise ContentImportError(f"{label}: updated_at has no time zone: {value!r}.")
    try:
        parsed = parsed.astimezone(UTC)
    except OverflowError:
        raise ContentImportError(
            f"{label} has an impossible time: {value!r}."
        ) from None
    now = timezone.now()
    if parsed > now + CLOCK_TOLERANCE:
        raise ContentImportError(
            f"{label}: the time it was changed, {value}, is in the future on this "
            f"site's clock (now {now.isoformat(timespec='seconds')}). The clock of "
            "the site that exported it is probably wrong: correct it there, and "
            "export again."
        )
    return parsed


def _values(model, item, fields, label):
    values = {}
    for name in fields:
        model_field = model._meta.get_field(name)
        value = item[name]
        text_field = isinstance(model_field, (models.CharField, models.TextField))
        if text_field and not isinstance(value, str):
            raise ContentImportError(f"{label}: {name} must be text.")
        if isinstance(value, str) and "\x00" in value:
            raise ContentImportError(
                f"{label}: {name} contains a NUL character (\\u0000), which no "
                "text on this site may contain."
            )
        try:
            values[name] = model_field.to_python(value)
        except ValidationError as error:
            raise ContentImportError(
                f"{label}: {name}: {' '.join(error.messages)}"
            ) from None
        except (TypeError, ValueError):
            # A hand-edited file: e.g. a number where a date belongs, which
            # DateField.to_python() does not turn into a ValidationError.
            raise ContentImportError(
                f"{label}: {name} has an invalid value: {value!r}."
            ) from None
    return values


def _hashable(value):
    if isinstance(value, memoryview | bytes):
        return hashlib.sha256(bytes(value)).hexdigest()
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return str(value)
    return value


def content_hash(values: dict) -> str:
    """The same wherever the item is read from. An empty mapping counts as absent:
    settings from a version 1 file hash as if they had empty translations."""
    normal = {name: _hashable(value) for name, value in values.items() if value != {}}
    text = json.dumps(normal, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _full_clean(obj, label):
    try:
        obj.full_clean()
    except ValidationError as error:
        problems = "; ".join(
            f"{name}: {' '.join(messages)}" if name != "__all__" else " ".join(messages)
            for name, messages in error.message_dict.items()
        )
        raise ContentImportError(f"{label}: {problems}") from None


def _save(obj, stamps, comment):
    """Save in a revision, keeping the file's timestamps (``auto_now`` would not)."""
    with reversion.create_revision():
        obj.save()
        type(obj).objects.filter(pk=obj.pk).update(**stamps)
        for name, value in stamps.items():
            setattr(obj, name, value)
        reversion.add_to_revision(obj)  # Again, now with the file's timestamps.
        reversion.set_comment(comment)


def _name(kind, title):
    return f"{kind} “{title}”" if title else kind


class _Importer:
    def __init__(self, report, new_as_drafts):
        self.report = report
        self.new_as_drafts = new_as_drafts
        self.comment = f"Imported from {report.source}"

    def items(self, model, kind, items, fields, fallback):
        """Return [(label, item, its local original)]."""
        matched = set()
        imported = []
        for position, item in enumerate(items, start=1):
            label = _label(kind, position, item)
            uid = uuid.UUID(str(item["uid"]))
            exported_at = _parse_time(item["updated_at"], label)
            values = _values(model, item, fields, label)
            local = model.objects.filter(uid=uid).first()
            if local is None:
                local = (
                    model.objects.filter(**{fallback: values[fallback]})
                    .exclude(pk__in=matched)
                    .order_by("pk")
                    .first()
                )
            title = values["title"]
            stamps = {"updated_at": exported_at}
            if local is None:
                if kind == "article" and item.get("created_at"):
                    stamps["created_at"] = _parse_time(item["created_at"], label)
                obj = model(uid=uid, **values)
                self.create(obj, stamps, kind, title, label, values.keys())
                imported.append((label, item, obj))
                continue
            matched.add(local.pk)
            values["uid"] = uid  # Matched by slug or title: take the file's uid.
            self.update(local, values, exported_at, kind, title, label)
            imported.append((label, item, local))
        return imported

    def translations(self, imported, model, kind, fields):
        """Import each original's translations, matched by language."""
        for label, item, original in imported:
            for data in item["translations"]:
                language = data["language"]
                this = _translation_label(label, language)
                uid = uuid.UUID(str(data["uid"]))
                exported_at = _parse_time(data["updated_at"], this)
                values = _values(model, data, fields, this)
                # Named by the original's title as it is here.
                name = f"translation into {language} of {_name(kind, original.title)}"
                local = model.objects.filter(
                    **{model.original_field: original, "language": language}
                ).first()
                if local is None:
                    stamps = {"updated_at": exported_at}
                    if data.get("created_at"):
                        stamps["created_at"] = _parse_time(data["created_at"], this)
                    obj = model(uid=uid, **{model.original_field: original}, **values)
                    self.create(obj, stamps, name, "", this, values.keys())
                    continue
                values["uid"] = uid
                self.update(local, values, exported_at, name, "", this)

    def create(self, obj, stamps, kind, title, label, names):
        publishable = hasattr(obj, "status")
        if publishable and self.new_as_drafts:
            obj.status = Status.DRAFT
        _full_clean(obj, label)
        content = {name: getattr(obj, name) for name in names}
        _save(obj, {**stamps, "imported_hash": content_hash(content)}, self.comment)
        self.report.created.append(_name(kind, title))
        if publishable and obj.status == Status.PUBLISHED:
            self.report.published_created.append(_name(kind, title))

    def update(self, local, values, exported_at, kind, title, label, pristine=False):
        name = _name(kind, title)
        content = {key: value for key, value in values.items() if key != "uid"}
        imported_hash = content_hash(content)
        if all(getattr(local, key) == value for key, value in content.items()):
            if local.imported_hash != imported_hash:
                # Same content: remember it as imported, so a later local edit
                # is recognised. Not a change: no revision, same updated_at.
                type(local).objects.filter(pk=local.pk).update(
                    imported_hash=imported_hash
                )
            self.report.unchanged.append(name)
            return
        local_hash = content_hash({key: getattr(local, key) for key in content})
        edited_since_import = bool(local.imported_hash) and (
            local.imported_hash != local_hash
        )
        if not pristine and (edited_since_import or local.updated_at > exported_at):
            # Changed here since: never overwritten by an import.
            self.report.conflicts.append(
                Conflict(kind, title, local.updated_at, exported_at)
            )
            return
        if not pristine and local.updated_at == exported_at:
            self.report.unchanged.append(name)
            return
        for key, value in values.items():
            setattr(local, key, value)
        _full_clean(local, label)
        stamps = {"updated_at": exported_at, "imported_hash": imported_hash}
        _save(local, stamps, self.comment)
        self.report.updated.append(name)

    def site_settings(self, data, fields):
        label = "the site settings"
        exported_at = _parse_time(data["updated_at"], label)
        values = _values(SiteSettings, data, fields, label)
        values.update(self._logo(data.get("logo"), label))
        local = SiteSettings.objects.filter(pk=SiteSettings.SINGLETON_ID).first()
        if local is None:
            stamps = {"updated_at": exported_at}
            obj = SiteSettings(**values)
            self.create(obj, stamps, "site settings", "", label, values.keys())
            return
        # Never saved by anyone: still the first-run defaults, not a local edit.
        pristine = not Version.objects.get_for_object(local).exists()
        self.update(local, values, exported_at, "site settings", "", label, pristine)

    @staticmethod
    def _logo(logo, label):
        if logo is None:
            return {"logo": b"", "logo_content_type": "", "logo_sha256": ""}
        if not isinstance(logo, dict) or not isinstance(logo.get("data"), str):
            raise ContentImportError(f"{label}: the logo must have base64 data.")
        try:
            data = base64.b64decode(logo["data"], validate=True)
        except (binascii.Error, ValueError):
            raise ContentImportError(
                f"{label}: the logo is not valid base64."
            ) from None
        try:
            content_type = logo_content_type(data)
        except ValidationError as error:
            raise ContentImportError(f"{label}: {' '.join(error.messages)}") from None
        return {
            "logo": data,
            "logo_content_type": content_type,
            "logo_sha256": hashlib.sha256(data).hexdigest(),
        }


def import_content(
    document,
    *,
    source,
    dry_run=False,
    include_site_settings=False,
    new_as_drafts=False,
    before_commit=None,
) -> ImportReport:
    """All or nothing: an invalid item, or ``before_commit(report)`` raising inside
    the transaction, writes nothing."""
    check_document(document)
    report = ImportReport(source=str(source), dry_run=dry_run)
    importer = _Importer(report, new_as_drafts=new_as_drafts)
    version = document["version"]
    with transaction.atomic():
        articles = importer.items(
            Article, "article", document["articles"], ARTICLE_FIELDS, "slug"
        )
        tips = importer.items(Tip, "tip", document["tips"], TIP_FIELDS, "title")
        if version >= 2:
            importer.translations(
                articles, ArticleTranslation, "article", ARTICLE_TRANSLATION_FIELDS
            )
            importer.translations(tips, TipTranslation, "tip", TIP_TRANSLATION_FIELDS)
        settings = document.get("site_settings")
        if settings is not None:
            if include_site_settings:
                importer.site_settings(settings, settings_fields(version))
            else:
                report.site_settings_skipped = True
        if (report.created or report.updated) and not SeedRecord.objects.exists():
            keys = [key for key, _build, _path in seed_sources()]
            if version >= 2:
                # The file has the translations too: the seed adds none on top
                # (one deleted before the export stays deleted). A version 1
                # file predates them, so the starter translations still load.
                keys += [key for key, *_rest in translation_sources()]
            SeedRecord.objects.bulk_create([SeedRecord(key=key) for key in keys])
            report.starter_content_marked_loaded = True
        if before_commit is not None:
            before_commit(report)
        if dry_run:
            transaction.set_rollback(True)
    return report
