"""Load the starter content in education/seed/ into the database.

Each seed item is created at most once, ever (a SeedRecord remembers its key),
so loading again never overwrites a staff edit or revives a deletion. A newer
release updates only items nobody has edited or reviewed; for the rest the admin
offers the newer starter version.
"""

import json
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from education.models import (
    Article,
    ArticleTranslation,
    SeedRecord,
    Status,
    Tip,
    TipTranslation,
    text_fingerprint,
    translated_languages,
)

SEED_DIR = Path(__file__).resolve().parent / "seed"
# Fingerprints of the text of every earlier release of each seed file, so a
# site that loaded an older release (before SeedRecord kept fingerprints) can
# tell an unedited item from an edited one. Add the outgoing fingerprints here
# whenever a seed file changes (see education/seed/README.md).
PREVIOUS_VERSIONS_FILE = "previous-versions.json"
SECTION_MARKER = "@@ "
ARTICLE_SECTIONS = {
    "body",
    "why_it_raises_alt",
    "what_you_can_do",
    "doctor_treatments",
    "references",
}


@dataclass(frozen=True)
class SeedSummary:
    created: int
    kept: int
    skipped: list[str]
    updated: list[str] = field(default_factory=list)
    newer_version_offered: list[str] = field(default_factory=list)


def text_fields(item) -> list[str]:
    return item.TRANSLATED_FIELDS


def fingerprint(item) -> str:
    return text_fingerprint(item, text_fields(item))


def previous_versions(seed_dir: Path = SEED_DIR) -> dict[str, dict]:
    path = seed_dir / PREVIOUS_VERSIONS_FILE
    if not path.exists():
        return {}
    return json.loads(path.read_text(encoding="utf-8"))


def parse_seed_file(text: str) -> tuple[dict[str, str], dict[str, str]]:
    """Text after the ``key: value`` header and before any ``@@ name`` line is
    the ``body`` section."""
    header_text, _, rest = text.partition("\n\n")
    header = {}
    for line in header_text.strip().splitlines():
        key, sep, value = line.partition(":")
        if not sep:
            raise ValueError(f"Header line without a colon: {line!r}")
        header[key.strip()] = value.strip()

    sections = {"body": []}
    current = "body"
    for line in rest.splitlines():
        if line.startswith(SECTION_MARKER):
            current = line.removeprefix(SECTION_MARKER).strip()
            sections[current] = []
        else:
            sections[current].append(line)
    return header, {name: "\n".join(lines).strip() for name, lines in sections.items()}


def build_article(header, sections):
    unknown = set(sections) - ARTICLE_SECTIONS
    if unknown:
        raise ValueError(f"Unknown sections: {sorted(unknown)}")
    return Article(
        kind=header["kind"],
        cause=header.get("cause", ""),
        slug=header["slug"],
        title=header["title"],
        order=int(header.get("order", 0)),
        summary=header["summary"],
        **sections,
        # Published so a new site is complete. No review dates: patients read
        # "not reviewed by a clinician yet", and staff find these pages under
        # "No review date set" until a clinician has checked them.
        status=Status.PUBLISHED,
    )


def build_tip(header, sections):
    return Tip(
        title=header["title"],
        order=int(header.get("order", 0)),
        body=sections["body"],
        status=Status.PUBLISHED,
    )


def seed_sources(seed_dir: Path = SEED_DIR):
    return [
        (f"{folder[:-1]}:{path.stem}", build, path)
        for folder, build in [("articles", build_article), ("tips", build_tip)]
        for path in sorted((seed_dir / folder).glob("*.md"))
    ]


def build_item(path: Path):
    header, sections = parse_seed_file(path.read_text(encoding="utf-8"))
    build = build_article if path.parent.name == "articles" else build_tip
    return build(header, sections)


def _model_for(key: str):
    return Article if key.startswith("article:") else Tip


def _find_loaded_item(record, starter, known_fingerprints, old_titles):
    model = _model_for(record.key)
    if record.object_uid:
        return model.objects.filter(uid=record.object_uid).first()
    # Loaded before SeedRecord kept the item's ID: articles keep their web
    # address; an unedited tip still has a starter version's text.
    if model is Article:
        return Article.objects.filter(slug=starter.slug).first()
    return next(
        (
            tip
            for tip in Tip.objects.all()
            if fingerprint(tip) in known_fingerprints
            or tip.title in {starter.title, *old_titles}
        ),
        None,
    )


def copy_text(source, target):
    for name in text_fields(target):
        setattr(target, name, getattr(source, name))


@transaction.atomic
def load_seed(seed_dir: Path = SEED_DIR) -> SeedSummary:
    """Create new seed items and update unedited ones; skip (and report) any
    that clash with a page staff made themselves."""
    sources = seed_sources(seed_dir)
    records = {record.key: record for record in SeedRecord.objects.all()}
    previous = previous_versions(seed_dir)
    created, skipped, updated, offered = 0, [], [], []
    for key, build, path in sources:
        header, sections = parse_seed_file(path.read_text(encoding="utf-8"))
        starter = build(header, sections)
        record = records.get(key)
        if record is None:
            try:
                starter.full_clean()
            except ValidationError as error:
                skipped.append(f"{key}: {'; '.join(error.messages)}")
                continue
            # A first revision, so staff can always compare with or go back to it.
            starter.save_with_history(_("Loaded from the starter content."))
            SeedRecord.objects.create(
                key=key, object_uid=starter.uid, fingerprint=fingerprint(starter)
            )
            created += 1
            continue

        new_fingerprint = fingerprint(starter)
        if record.fingerprint == new_fingerprint:
            continue
        earlier = previous.get(key, {})
        known = {*earlier.get("fingerprints", []), record.fingerprint} - {""}
        item = _find_loaded_item(record, starter, known, earlier.get("titles", []))
        if item is None:
            continue
        record.object_uid = item.uid
        current = fingerprint(item)
        if current == new_fingerprint:
            record.fingerprint = new_fingerprint
        elif current in known and not getattr(item, "last_reviewed_on", None):
            copy_text(starter, item)
            item.save_with_history(
                _("Updated to the newer starter content (nobody had edited it).")
            )
            record.fingerprint = new_fingerprint
            updated.append(key)
        else:
            offered.append(key)
        record.save()
    return SeedSummary(
        created=created,
        kept=len(sources) - created - len(skipped),
        skipped=skipped,
        updated=updated,
        newer_version_offered=offered,
    )


def seed_record_for(item):
    return SeedRecord.objects.filter(object_uid=item.uid).first()


def newer_starter_version(item, seed_dir: Path = SEED_DIR):
    """Return the newer starter version of this item (an unsaved Article or Tip)
    if there is one staff have not yet adopted or dismissed; else None."""
    record = seed_record_for(item)
    if record is None:
        return None
    paths = {key: path for key, _build, path in seed_sources(seed_dir)}
    path = paths.get(record.key)
    if path is None:
        return None
    starter = build_item(path)
    new_fingerprint = fingerprint(starter)
    if record.fingerprint == new_fingerprint or fingerprint(item) == new_fingerprint:
        return None
    return starter


def items_with_newer_starter_version(model, seed_dir: Path = SEED_DIR):
    prefix = "article:" if model is Article else "tip:"
    current = {
        key: fingerprint(build_item(path))
        for key, _build, path in seed_sources(seed_dir)
        if key.startswith(prefix)
    }
    items = {item.uid: item for item in model.objects.all()}
    return {
        record.object_uid
        for record in SeedRecord.objects.filter(
            key__startswith=prefix, object_uid__isnull=False
        )
        if record.key in current
        and record.object_uid in items
        and record.fingerprint != current[record.key]
        and fingerprint(items[record.object_uid]) != current[record.key]
    }


def resolve_starter_version(item, *, adopt: bool, user=None, seed_dir=SEED_DIR):
    """Adopt the newer starter text (the current text stays in the history) or
    dismiss it (keep the current text); either way, stop offering it."""
    starter = newer_starter_version(item, seed_dir)
    if starter is None:
        return False
    record = seed_record_for(item)
    if adopt:
        copy_text(starter, item)
        item.save_with_history(_("Replaced with the newer starter content."), user)
    record.fingerprint = fingerprint(starter)
    record.save()
    return True


# Starter translations: education/seed/<language>/, format in education/seed/README.md.
TRANSLATION_MODELS = {"articles": ArticleTranslation, "tips": TipTranslation}


@dataclass(frozen=True)
class TranslationSeedSummary:
    created: list[str] = field(default_factory=list)
    kept: int = 0
    skipped: list[str] = field(default_factory=list)


def translation_sources(seed_dir: Path = SEED_DIR):
    """Yield (SeedRecord key, language, folder, path), the key being
    "zh-hans/articles/20-alcohol.md"."""
    for language, _name in translated_languages():
        for folder in TRANSLATION_MODELS:
            for path in sorted((seed_dir / language / folder).glob("*.md")):
                yield f"{language}/{folder}/{path.name}", language, folder, path


def _english_original(folder, english_path, records):
    record = records.get(f"{folder[:-1]}:{english_path.stem}")
    if record is None:
        return None
    model = Article if folder == "articles" else Tip
    if record.object_uid:
        return model.objects.filter(uid=record.object_uid).first()
    if model is Article:  # Loaded before SeedRecord kept the item's ID.
        return Article.objects.filter(slug=build_item(english_path).slug).first()
    return None


def build_translation(folder, language, original, header, sections):
    model = TRANSLATION_MODELS[folder]
    if folder == "articles":
        unknown = set(sections) - ARTICLE_SECTIONS
        if unknown:
            raise ValueError(f"Unknown sections: {sorted(unknown)}")
        text = {"summary": header["summary"], **sections}
    else:
        text = {"body": sections["body"]}
    return model(
        **{model.original_field: original},
        language=language,
        title=header["title"],
        **text,
        # Published, like the English starter pages; no reviewer or review date,
        # so patients read that no clinician has reviewed it yet.
        status=Status.PUBLISHED,
    )


@transaction.atomic
def load_translations(seed_dir: Path = SEED_DIR) -> TranslationSeedSummary:
    records = {record.key: record for record in SeedRecord.objects.all()}
    created, kept, skipped = [], 0, []
    for key, language, folder, path in translation_sources(seed_dir):
        if key in records:
            kept += 1
            continue
        english_path = seed_dir / folder / path.name
        if not english_path.exists():
            skipped.append(f"{key}: no English seed file {folder}/{path.name}")
            continue
        original = _english_original(folder, english_path, records)
        if original is None:
            skipped.append(f"{key}: its English original is not on this site")
            continue
        if original.translations.filter(language=language).exists():
            # Staff translated it first: theirs stays, now and on later runs.
            SeedRecord.objects.create(key=key)
            skipped.append(f"{key}: staff had already translated it; kept theirs")
            continue
        try:
            header, sections = parse_seed_file(path.read_text(encoding="utf-8"))
            translation = build_translation(
                folder, language, original, header, sections
            )
            # The English as seeded: if staff changed it since, the translation
            # is listed as out of date.
            translation.source_fingerprint = fingerprint(build_item(english_path))
            translation.full_clean()
        except (KeyError, ValueError) as error:
            skipped.append(f"{key}: {type(error).__name__}: {error}")
            continue
        except ValidationError as error:
            skipped.append(f"{key}: {'; '.join(error.messages)}")
            continue
        translation.save_with_history(_("Loaded from the starter translations."))
        SeedRecord.objects.create(
            key=key, object_uid=translation.uid, fingerprint=fingerprint(translation)
        )
        created.append(key)
    return TranslationSeedSummary(created=created, kept=kept, skipped=skipped)
