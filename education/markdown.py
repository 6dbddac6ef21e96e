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

    def extendMarkdown(self, md):  # noqa: N802 - Markdown's API name
        md.treeprocessors.register(
            _ClampHeadings(md, self.top_level), "clamp_headings", 0
        )


def render_markdown(text: str, top_level: int = 3) -> SafeString:
    """Return sanitised HTML for Markdown ``text``; its headings start at
    ``<h{top_level}>``."""
    html = markdown_lib.markdown(
        text or "", extensions=["sane_lists", _ClampHeadingsExtension(top_level)]
    )
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
    )
    return mark_safe(cleaned)  # noqa: S308 - cleaned by nh3 just above
