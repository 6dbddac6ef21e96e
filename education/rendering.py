"""Turn staff-written Markdown into safe HTML for patient pages, once, on save.

Python-Markdown passes raw HTML and ``javascript:`` links through, so its output
is always cleaned with nh3 against an allow-list. Some inputs make it slow ("[" *
16000 takes minutes) or recurse deeply, so ``check_markdown`` refuses them first.
"""

import re
import time

import markdown as markdown_lib
import nh3
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.deconstruct import deconstructible
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "em",
    "h2",
    "h3",
    "h4",
    "hr",
    "li",
    "ol",
    "p",
    "pre",
    "strong",
    "ul",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}

# Limits on what one field may ask of the renderer. A long patient article is
# about 5,000 characters with a few dozen links; these leave room many times over
# and keep the worst input that passes them well under a second to render.
DEFAULT_MAX_CHARS = 15_000  # The longest field (an article's main text).
MAX_SQUARE_BRACKETS = 100
MAX_ANGLE_BRACKETS = 100
MAX_PARAGRAPH_CHARS = 3000
MAX_NESTING = 8
# Processor time of this thread, not wall time: a busy server must not turn an
# ordinary article away.
MAX_RENDER_SECONDS = 2.0
# Leading list markers ("- ", "* ", "1. "), quote markers ("> ") and indentation
# of one line: each is one level of nesting.
_LINE_START = re.compile(r"(?:[ \t]*(?:[*+-]|\d{1,9}[.)]|>)(?=[ \t]|$))+|[ \t]+")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_MARKER = re.compile(r"[*+-]|\d{1,9}[.)]|>")

# The page supplies the <h1> (and, in sections, an <h2>), so staff headings are
# shifted to sit just below it: the outline screen readers use stays in order
# whatever level staff typed. Their top heading becomes <h{top_level}>.
DEEPEST_STAFF_HEADING = 4
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


class _ClampHeadings(Treeprocessor):
    def __init__(self, md, top_level):
        super().__init__(md)
        self.top_level = top_level

    def run(self, root):
        headings = [element for element in root.iter() if element.tag in HEADINGS]
        if not headings:
            return
        shift = self.top_level - min(int(element.tag[1]) for element in headings)
        for element in headings:
            level = int(element.tag[1]) + shift
            element.tag = f"h{min(level, DEEPEST_STAFF_HEADING)}"


class _ClampHeadingsExtension(Extension):
    def __init__(self, top_level):
        super().__init__()
        self.top_level = top_level

    def extendMarkdown(self, md):
        md.treeprocessors.register(
            _ClampHeadings(md, self.top_level), "clamp_headings", 0
        )


def nesting_depth(line: str) -> int:
    start = _LINE_START.match(line)
    if start is None:
        return 0
    prefix = start.group(0)
    indent = len(prefix.expandtabs(4)) - len(prefix.lstrip(" \t").expandtabs(4))
    return indent // 4 + len(_MARKER.findall(prefix.lstrip(" \t")))


def check_markdown(text: str, max_chars: int) -> None:
    """Raise ValidationError, with a message for staff, if ``text`` would be too
    large or too costly to render. Cheap: it never runs the renderer."""
    if len(text) > max_chars:
        raise ValidationError(
            _(
                "This text is %(length)s characters long. The limit is %(max)s "
                "characters: shorten it."
            ),
            code="markdown_too_long",
            params={"length": f"{len(text):,}", "max": f"{max_chars:,}"},
        )
    brackets = text.count("[")
    if brackets > MAX_SQUARE_BRACKETS:
        raise ValidationError(
            _(
                "This text has %(count)s square brackets “[”. At most %(max)s are "
                "allowed (each link uses one): remove brackets that are not links."
            ),
            code="markdown_too_many_brackets",
            params={"count": brackets, "max": MAX_SQUARE_BRACKETS},
        )
    angles = text.count("<")
    if angles > MAX_ANGLE_BRACKETS:
        raise ValidationError(
            _(
                "This text has %(count)s “<” signs. At most %(max)s are allowed: "
                "write “less than” in words."
            ),
            code="markdown_too_many_angle_brackets",
            params={"count": angles, "max": MAX_ANGLE_BRACKETS},
        )
    longest = max((len(part) for part in _BLANK_LINE.split(text)), default=0)
    if longest > MAX_PARAGRAPH_CHARS:
        raise ValidationError(
            _(
                "A paragraph or list in this text is %(length)s characters long "
                "without a blank line. The limit is %(max)s: add blank lines between "
                "paragraphs."
            ),
            code="markdown_paragraph_too_long",
            params={"length": f"{longest:,}", "max": f"{MAX_PARAGRAPH_CHARS:,}"},
        )
    deepest = max((nesting_depth(line) for line in text.splitlines()), default=0)
    if deepest > MAX_NESTING:
        raise ValidationError(
            _(
                "A line in this text is nested %(depth)s levels deep (bullets, "
                "numbers, “>” quotes or indentation). At most %(max)s levels are "
                "allowed: flatten the list or remove the extra markers."
            ),
            code="markdown_too_deep",
            params={"depth": deepest, "max": MAX_NESTING},
        )


def render_markdown(
    text: str, top_level: int = 3, *, max_chars: int = DEFAULT_MAX_CHARS
) -> SafeString:
    """Headings start at ``<h{top_level}>``. Raise ValidationError (nothing
    rendered) for text ``check_markdown`` refuses or that fails to render."""
    text = text or ""
    check_markdown(text, max_chars)
    started = time.thread_time()
    try:
        html = markdown_lib.markdown(
            text, extensions=["sane_lists", _ClampHeadingsExtension(top_level)]
        )
    except (RecursionError, ValueError, IndexError, KeyError, TypeError) as error:
        raise ValidationError(
            _(
                "This text could not be turned into a web page (%(error)s). Simplify "
                "its lists, quotes and links."
            ),
            code="markdown_failed",
            params={"error": type(error).__name__},
        ) from None
    if time.thread_time() - started > MAX_RENDER_SECONDS:
        raise ValidationError(
            _(
                "This text takes too long to turn into a web page. Simplify it: "
                "fewer links, brackets, lists and quotes, or shorter paragraphs."
            ),
            code="markdown_too_slow",
        )
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return mark_safe(cleaned)  # Cleaned by nh3 just above.


def render_or_escape(
    text: str, top_level: int = 3, *, max_chars: int = DEFAULT_MAX_CHARS
) -> SafeString:
    """Render ``text``, or, if it is refused, show it as escaped plain text (cut
    to ``max_chars``). For content that bypasses validation: rows migrated from
    before the limits, and old versions restored from the admin's History."""
    try:
        return render_markdown(text, top_level, max_chars=max_chars)
    except ValidationError:
        paragraphs = (text or "")[:max_chars].split("\n\n")
        return mark_safe(  # Every paragraph escaped.
            "\n".join(f"<p>{escape(part)}</p>" for part in paragraphs if part.strip())
        )


@deconstructible
class MarkdownValidator:
    """Refuse Markdown that is too long or too costly to render (a field validator,
    so the admin shows the message next to the field and the importer names it)."""

    def __init__(self, max_chars: int, top_level: int = 3):
        self.max_chars = max_chars
        self.top_level = top_level

    def __call__(self, value):
        render_markdown(value, self.top_level, max_chars=self.max_chars)

    def __eq__(self, other):
        return (
            isinstance(other, MarkdownValidator)
            and self.max_chars == other.max_chars
            and self.top_level == other.top_level
        )

    def __hash__(self):
        return hash((self.max_chars, self.top_level))


class SanitisedHTMLField(models.TextField):
    """HTML rendered from a Markdown field by ``render_markdown`` when the item
    was saved: safe to show as it is, so it reads back as a SafeString."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def from_db_value(self, value, expression, connection):
        return None if value is None else mark_safe(value)  # Stored cleaned.
