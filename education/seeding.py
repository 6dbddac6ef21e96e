"""Load the starter content in education/seed/ into the database.

Each seed item (an article or a tip) is loaded at most once, ever: a SeedRecord
remembers its key. So loading again never overwrites a staff edit, never brings
back something staff deleted, and never creates anything twice.
"""

from dataclasses import dataclass
from pathlib import Path

import reversion
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from education.models import Article, SeedRecord, Status, Tip

SEED_DIR = Path(__file__).resolve().parent / "seed"
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


def parse_seed_file(text: str) -> tuple[dict[str, str], dict[str, str]]:
    """Split a seed file into its ``key: value`` header and its ``@@ name`` sections.

    Text after the header and before any ``@@`` line is the ``body`` section.
    """
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
    """Return (key, build function, path) for every seed item, in loading order."""
    return [
        (f"{folder[:-1]}:{path.stem}", build, path)
        for folder, build in [("articles", build_article), ("tips", build_tip)]
        for path in sorted((seed_dir / folder).glob("*.md"))
    ]


@transaction.atomic
def load_seed(seed_dir: Path = SEED_DIR) -> SeedSummary:
    """Create every seed item that was never loaded before; keep everything else.

    An item that clashes with a page staff made themselves (same web address or
    cause) is skipped and reported, never forced in.
    """
    sources = seed_sources(seed_dir)
    already_loaded = set(SeedRecord.objects.values_list("key", flat=True))
    created, skipped = 0, []
    for key, build, path in sources:
        if key in already_loaded:
            continue
        header, sections = parse_seed_file(path.read_text(encoding="utf-8"))
        item = build(header, sections)
        try:
            item.full_clean()
        except ValidationError as error:
            skipped.append(f"{key}: {'; '.join(error.messages)}")
            continue
        # A first revision, so staff can always compare with or go back to it.
        with reversion.create_revision():
            item.save()
            reversion.set_comment(_("Loaded from the starter content."))
        SeedRecord.objects.create(key=key)
        created += 1
    return SeedSummary(
        created=created, kept=len(sources) - created - len(skipped), skipped=skipped
    )
