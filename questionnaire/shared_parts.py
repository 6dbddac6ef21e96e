"""Parts of the check's pages that are the same for every patient, rendered once.

A part is kept in the cache (Redis when DJANGO_CACHE_URL is set, else each
process's memory) under its name, the active language, the content version
(portal.page_cache: any change to articles, tips or site settings, or a
migrate, starts a new one) and whatever else it depends on. Nothing a patient
typed is ever part of a key or of a kept value: forms with answers and the form
token are always rendered live.
"""

import re
from html import unescape

from django import forms
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from education.models import Article, Tip
from education.translation import localise
from portal.page_cache import KEEP_SECONDS, content_version
from questionnaire import rules

PREFIX = "check-part"


def part_key(name, *depends_on):
    return ":".join(
        str(part)
        for part in (PREFIX, name, get_language(), content_version(), *depends_on)
    )


def shared(name, build, *depends_on):
    """Return ``build()`` as kept for this language and content version."""
    key = part_key(name, *depends_on)
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, KEEP_SECONDS)
    return value


def fields_templates(step):
    return [
        f"questionnaire/fields/{step.slug}.html",
        "questionnaire/fields/default.html",
    ]


def render_fields(form):
    return render_to_string(fields_templates(type(form)), {"form": form})


def fields_html(form):
    """Return the HTML of a page's questions. An unbound form is the same for
    every patient under the same settings, so it is kept; a form with answers
    (going back, or errors after sending) is always rendered live."""
    if form.is_bound:
        return render_fields(form)
    return shared(
        f"fields:{form.slug}", lambda: render_fields(form), form.drink_country
    )


# The questions' inputs as the form renders them, and the attributes of one.
INPUT_TAG = re.compile(r"<input\b[^>]*>")
ATTRIBUTE = re.compile(r'\s([a-z-]+)="([^"]*)"')


def holes_in(html):
    """Return the kept HTML of a page's questions split where a patient's
    answers go: [text, (kind, name, option value), text, ...], kind "value"
    (a text box: ` value="..."` after its name) or "checked" (a radio button or
    a tick box: ` checked` at its end). None if the HTML has anything else that
    shows an answer."""
    if re.search(r"<(select|textarea)\b", html):
        return None
    parts, start = [], 0
    for tag in INPUT_TAG.finditer(html):
        attributes = dict(ATTRIBUTE.findall(tag[0]))
        name, kind = attributes.get("name"), attributes.get("type", "text")
        if not name or " checked" in tag[0] or kind in {"hidden", "submit"}:
            return None
        if kind in {"radio", "checkbox"}:
            at = tag.end() - 1
            hole = ("checked", name, attributes.get("value"))
        else:
            if "value" in attributes:
                return None
            at = tag.start() + tag[0].index(f' name="{name}"') + len(f' name="{name}"')
            hole = ("value", name, None)
        parts += [html[start:at], hole]
        start = at
    parts.append(html[start:])
    return parts


def _selected(form_class, data):
    """Return {name: what its inputs show} for the saved ``data``, as the
    form's own widgets read and format it (BoundField.value())."""
    shown = {}
    for name in data:
        field = form_class.base_fields[name]
        widget = field.widget
        value = field.prepare_value(
            field.bound_data(widget.value_from_datadict(data, {}, name), None)
        )
        if isinstance(widget, forms.CheckboxInput):
            shown[name] = widget.check_test(value)
        else:  # A list of values for a choice, a text or None for a text box.
            shown[name] = widget.format_value(value)
    return shown


def _fits(kind, option, value):
    """True if a hole can show this value: a text box's text, a choice's list of
    values, a single tick box's True or False."""
    if kind == "value":
        return value is None or isinstance(value, str)
    if option is None:
        return isinstance(value, bool)
    return isinstance(value, list)


def saved_fields_html(form, data):
    """Return the HTML of a page's questions showing ``data``, answers saved
    when they were valid (so no error shows), from the kept unbound HTML with
    the answers put in, as crispy would render the form bound to them; or None
    if that HTML does not show every saved answer (a confirmation box that
    shows once ticked), and the form must be rendered live."""
    assert not form.is_bound, "The kept HTML is the unbound form's."
    form_class = type(form)
    parts = shared(
        f"fields-holes:{form.slug}",
        lambda: holes_in(str(fields_html(form))) or False,
        form.drink_country,
    )
    if not parts or not data.keys() <= form_class.base_fields.keys():
        return None
    shown = _selected(form_class, data)
    holes = parts[1::2]
    if not shown.keys() <= {name for _, name, _ in holes} or not all(
        _fits(kind, option, shown[name])
        for kind, name, option in holes
        if name in shown
    ):
        return None
    out, has_selected = [], set()
    for index, part in enumerate(parts):
        if index % 2 == 0:
            out.append(part)
            continue
        kind, name, option = part
        if name not in shown:
            continue
        value = shown[name]
        if kind == "value":
            if value is not None:
                out.append(f' value="{escape(value)}"')
        elif option is None:  # A single tick box.
            if value is True:
                out.append(" checked")
        else:
            widget = form_class.base_fields[name].widget
            many = widget.allow_multiple_selected
            if (many or name not in has_selected) and unescape(option) in value:
                has_selected.add(name)
                out.append(" checked")
    return mark_safe("".join(out))


def _result_content():
    language = get_language()
    links = [
        (
            article.cause,
            render_to_string(
                "questionnaire/includes/article_link.html", {"article": article}
            ),
        )
        for article in localise(Article.objects.published().causes(), language)
    ]
    tips = localise(Tip.objects.published(), language)
    tips_html = (
        render_to_string("includes/tip_list.html", {"tips": tips}) if tips else ""
    )
    kept = {
        name: render_to_string(
            f"questionnaire/includes/result_{name}.html",
            {"warning_sign_labels": rules.WarningSign.labels},
        )
        for name in RESULT_PARTS
    }
    return links, tips_html, kept


# Sections of the result page that read nothing of the patient's.
RESULT_PARTS = ("safety_net_signs", "questions", "take_this")


def result_content():
    """Return ([(cause, a link to its page as HTML)] in the pages' order, the
    tips list as HTML or "", {name: a section in RESULT_PARTS as HTML}): the
    same for every patient in a language."""
    return shared("result-content", _result_content)
