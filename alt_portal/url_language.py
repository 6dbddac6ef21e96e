"""The language a request's address asks for, for pages rendered early.

The 400 and 503 pages are rendered by middleware that runs before Django's
LocaleMiddleware (alt_portal/settings.py, MIDDLEWARE), so the language active in
the thread may be an earlier request's. They use this instead: /zh-hans/... is
Chinese, every other address English (prefix_default_language=False).
"""

from django.conf import settings
from django.utils import translation


def language_of(request):
    if request is None:
        return settings.LANGUAGE_CODE
    return (
        translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    )


def in_language_of(request):
    """Context manager: translate as the request's address asks."""
    return translation.override(language_of(request))
