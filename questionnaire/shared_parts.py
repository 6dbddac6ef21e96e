"""Parts of the check's pages that are the same for every patient, rendered once.

A part is kept in the cache (Redis when DJANGO_CACHE_URL is set, else each
process's memory) under its name, the active language, the content version
(portal.page_cache: any change to articles, tips or site settings, or a
migrate, starts a new one) and whatever else it depends on. Nothing a patient
typed is ever part of a key or of a kept value: forms with answers and the form
token are always rendered live.
"""

from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils.translation import get_language

from education.models import Article, Tip
from education.translation import localise
from portal.page_cache import KEEP_SECONDS, content_version

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
    return links, tips_html


def result_content():
    """Return ([(cause, a link to its page as HTML)] in the pages' order, the
    tips list as HTML or ""): the same for every patient in a language."""
    return shared("result-content", _result_content)
