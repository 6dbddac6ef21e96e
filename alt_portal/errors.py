"""Requests Django cannot read get a 400 page, never gunicorn's bare 500.

Django's default error handlers read ``request.POST`` again, so an unreadable
body (``charset=utf-16``) raised again and escaped Django. Hence the middleware
parses form posts early, and these handlers never touch the body.
"""

import logging

from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.template import loader
from django.urls import NoReverseMatch, reverse
from django.utils.cache import add_never_cache_headers

from alt_portal.url_language import in_language_of

logger = logging.getLogger(__name__)

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
UNREADABLE = (
    BadRequest,
    SuspiciousOperation,  # Too many fields or files, too large a body.
    MultiPartParserError,
    UnicodeDecodeError,
    ValueError,
)


def _page(request, template, status):
    with in_language_of(request):
        content = loader.get_template(template).render({"home_url": _home_url()})
    response = HttpResponse(
        content,
        status=status,
        content_type="text/html; charset=utf-8",
    )
    add_never_cache_headers(response)
    return response


def _home_url():
    try:
        return reverse("home")  # In the active language: /zh-hans/ in Chinese.
    except NoReverseMatch:
        return "/"


def bad_request(request, exception=None):
    return _page(request, "400.html", 400)


def server_error(request):
    return _page(request, "500.html", 500)


class MalformedRequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD", "OPTIONS") and (
            request.content_type in FORM_TYPES
        ):
            try:
                request.POST  # noqa: B018 - parse now, while a 400 can be given
            except UNREADABLE as error:
                logger.warning(
                    "Unreadable request refused (%s): %s %s",
                    type(error).__name__,
                    request.method,
                    request.path,
                )
                return bad_request(request, error)
        return self.get_response(request)
