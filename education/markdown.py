"""Turn staff-written Markdown into safe HTML for patient pages.

Python-Markdown passes raw HTML and ``javascript:`` links straight through, so its
output is always cleaned with nh3 against an allow-list: nothing a staff member
types can run script, load a third-party resource or restyle a patient's page.
"""

import markdown as markdown_lib
import nh3
from django.utils.safestring import SafeString, mark_safe
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

ALLOWED_TAGS = {
    "a",
    "abbr",
    "blockquote",
    "br",
    "code",
    "em",
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

# The page supplies the <h1> and the section <h2>s, so a staff heading of any level
# becomes at least an <h3>: the outline that screen readers use stays in order.
LOWEST_STAFF_HEADING = 3


class _ClampHeadings(Treeprocessor):
    def run(self, root):
        for element in root.iter():
            if element.tag in {"h1", "h2", "h3", "h4", "h5", "h6"}:
                level = min(max(int(element.tag[1]), LOWEST_STAFF_HEADING), 4)
                element.tag = f"h{level}"


class _ClampHeadingsExtension(Extension):
    def extendMarkdown(self, md):  # noqa: N802 - Markdown's API name
        md.treeprocessors.register(_ClampHeadings(md), "clamp_headings", 0)


def render_markdown(text: str) -> SafeString:
    """Return sanitised HTML for Markdown ``text``."""
    html = markdown_lib.markdown(
        text or "", extensions=["sane_lists", _ClampHeadingsExtension()]
    )
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return mark_safe(cleaned)  # noqa: S308 - cleaned by nh3 just above
