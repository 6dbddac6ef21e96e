"""Read a rendered page as parsed HTML elements instead of slicing its text."""

from django.test.html import Element, parse_html


def elements(content):
    """Return every element of the page, in document order."""
    if isinstance(content, bytes):
        content = content.decode()
    found = []
    stack = [parse_html(content)]
    while stack:
        element = stack.pop()
        if element.name is not None:
            found.append(element)
        stack.extend(
            reversed(
                [child for child in element.children if isinstance(child, Element)]
            )
        )
    return found


def has_class(element, css_class):
    return css_class in dict(element.attributes).get("class", "").split()


def by_class(content, css_class):
    """Return the first element with this class."""
    return next(e for e in elements(content) if has_class(e, css_class))


def text(element):
    """Return the element's text, tags removed, spaces collapsed."""
    parts = []
    for child in element.children:
        parts.append(text(child) if isinstance(child, Element) else child)
    return " ".join(" ".join(parts).split())


def index_of(content, predicate):
    """Return the index, in document order, of the first element matching."""
    return next(i for i, e in enumerate(elements(content)) if predicate(e))


def section_after(content, heading, name):
    """Return the first ``name`` element after the heading whose text is ``heading``."""
    page = elements(content)
    start = next(
        i
        for i, e in enumerate(page)
        if e.name in {"h1", "h2", "h3"} and text(e) == heading
    )
    return next(e for e in page[start + 1 :] if e.name == name)
