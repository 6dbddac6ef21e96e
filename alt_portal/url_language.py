"""The language a request's address asks for, for the 400 and 503 pages: their
middleware runs before LocaleMiddleware, so the thread's active language may be an
earlier request's."""

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
