"""The Flesch–Kincaid grade of patient text: advice for editors, never a block.

How it is computed: README.md, "Reading score". Keep textstat at 0.7.8: later
versions download NLTK data on first use, which fails on an offline hospital server.
"""

from dataclasses import dataclass
from html.parser import HTMLParser

import textstat
from django.utils.translation import gettext_lazy as _

from education.models import ARTICLE_BODY_MAX_CHARS
from education.rendering import render_or_escape

# NHS reading age 9 to 11 ≈ Flesch–Kincaid grade 4 to 6 (../shared/ux-patterns.md,
# clinical review of 2026-11).
TARGET_GRADE = 6
# Above this, most patients will struggle: say so more firmly. [U] editorial choice.
HARD_GRADE = 8

_BLOCK_TAGS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre"}
_SENTENCE_ENDS = (".", "!", "?")


class _BlockText(HTMLParser):
    """Collect each block's text separately, so a list is not one long sentence."""

    def __init__(self):
        super().__init__()
        self.blocks = [[]]

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCK_TAGS or tag == "br":
            self.blocks.append([])

    def handle_endtag(self, tag):
        if tag in _BLOCK_TAGS:
            self.blocks.append([])

    def handle_data(self, data):
        self.blocks[-1].append(data)


def plain_sentences(markdown_text: str) -> str:
    parser = _BlockText()
    # Never refuses: text being typed may not pass the limits yet.
    html = render_or_escape(markdown_text or "", max_chars=ARTICLE_BODY_MAX_CHARS)
    parser.feed(str(html))
    parser.close()
    sentences = []
    for block in parser.blocks:
        text = " ".join("".join(block).split())
        if not text:
            continue
        if not text.endswith(_SENTENCE_ENDS):
            text = text.rstrip(":;,") + "."
        sentences.append(text)
    return " ".join(sentences)


@dataclass(frozen=True)
class ReadingScore:
    grade: float
    words: int
    sentences: int

    @property
    def is_on_target(self):
        return self.grade <= TARGET_GRADE

    @property
    def advice(self):
        if self.grade <= TARGET_GRADE:
            return _("Easy to read for most patients.")
        if self.grade <= HARD_GRADE:
            return _("A little hard. Try shorter sentences and everyday words.")
        return _(
            "Hard for many patients. Split long sentences and swap or explain "
            "long medical words."
        )

    def __str__(self):
        return f"{self.grade:.1f}"


def reading_score(*markdown_texts: str) -> ReadingScore | None:
    """Return the Flesch–Kincaid grade of these texts read together, or None
    if they hold no words."""
    text = " ".join(plain_sentences(part) for part in markdown_texts if part)
    words = textstat.lexicon_count(text)
    if not words:
        return None
    return ReadingScore(
        grade=round(textstat.flesch_kincaid_grade(text), 1),
        words=words,
        sentences=textstat.sentence_count(text),
    )


# What patients read of each item: the title and the references are left out
# (a title is a few words; references are for clinicians).
ARTICLE_SCORED_FIELDS = [
    "summary",
    "body",
    "why_it_raises_alt",
    "what_you_can_do",
    "doctor_treatments",
]
TIP_SCORED_FIELDS = ["body"]


def scored_text(values, fields):
    return [values.get(field) or "" for field in fields]


def article_reading_score(article) -> ReadingScore | None:
    return reading_score(*(getattr(article, field) for field in ARTICLE_SCORED_FIELDS))


def tip_reading_score(tip) -> ReadingScore | None:
    return reading_score(tip.body)
