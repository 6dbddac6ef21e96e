"""``bcp47`` (zh-hans -> zh-Hans, for lang and hreflang) and ``page_in_languages``
(this page in each language, for the switch and the hreflang alternates).

Content pages may set ``page_languages``, the codes their content is published
in; without it every language counts, since the interface is translated in full.
"""

from typing import NamedTuple

from django import template
from django.conf import settings
from django.urls import get_script_prefix, translate_url
from django.utils import translation

register = template.Library()


@register.filter
def bcp47(code):
    if not code:
        return settings.LANGUAGE_CODE
    return translation.to_locale(str(code)).replace("_", "-")


class PageLanguage(NamedTuple):
    code: str  # Django's code: zh-hans
    tag: str  # BCP 47, for lang and hreflang: zh-Hans
    name_local: str  # as the language names itself: 简体中文
    url: str  # this page in that language, query string kept
    absolute_url: str  # the same, absolute, without the query string
    is_current: bool
    is_default: bool  # settings.LANGUAGE_CODE: also the hreflang x-default
    is_published: bool  # the page's content exists in this language


def _swap_prefix(path_info, code):
    """Path with its language prefix replaced: for pages no URL pattern matches."""
    current = translation.get_language_from_path(path_info)
    if current:
        path_info = path_info[len(current) + 1 :] or "/"
    # One leading slash: "//host" or "/\\host" would link to another site.
    path_info = "/" + path_info.lstrip("/\\")
    if code != settings.LANGUAGE_CODE:
        path_info = f"/{code}{path_info}"
    return get_script_prefix().rstrip("/") + path_info


def path_in_language(request, code):
    current = translation.get_language()
    if code == current:
        return request.path
    translated = translate_url(request.path_info, code)
    if translated == request.path_info:  # Nothing matched (a 404 page).
        return _swap_prefix(request.path_info, code)
    return translated


@register.simple_tag(takes_context=True)
def page_in_languages(context):
    """The query string is kept only when the request has one, so a page kept in
    the shared cache (only requests without one) never carries another visitor's."""
    request = context.get("request")
    if request is None:
        return []
    published = context.get("page_languages")
    published = (
        {code for code, _name in settings.LANGUAGES}
        if published is None
        else {str(code).lower() for code in published}
    )
    query = request.GET.urlencode()
    current = translation.get_language()
    languages = []
    for code, name in settings.LANGUAGES:
        path = path_in_language(request, code)
        languages.append(
            PageLanguage(
                code=code,
                tag=bcp47(code),
                name_local=name,
                url=f"{path}?{query}" if query else path,
                absolute_url=request.build_absolute_uri(path),
                is_current=code == current,
                is_default=code == settings.LANGUAGE_CODE,
                is_published=code in published,
            )
        )
    return languages
