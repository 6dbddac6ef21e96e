"""Requests Django cannot read get a 400 page, never gunicorn's bare 500.

Django's default 400 and 500 handlers are wrapped in ``requires_csrf_token``,
which reads ``request.POST`` again. When the body itself is the problem (a form
posted with ``charset=utf-16``, which Django refuses with BadRequest), reading it
again raises again inside the handler, and the exception escapes Django: gunicorn
answers with its own 500, without security headers, and logs a long traceback.

So ``MalformedRequestMiddleware`` reads the body of every form post first, early
in MIDDLEWARE, and answers one it cannot read with the 400 page and one log line;
and ``bad_request`` and ``server_error`` (urls.py's handler400 and handler500)
render standalone pages that never touch the request's body, the database or the
session. The security headers come from the middlewares above.
"""

import logging

from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import HttpResponse
from django.http.multipartparser import MultiPartParserError
from django.template import loader
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)

FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")
UNREADABLE = (
    BadRequest,
    SuspiciousOperation,  # Too many fields or files, too large a body.
    MultiPartParserError,
    UnicodeDecodeError,
    ValueError,
)


def _page(template, status):
    response = HttpResponse(
        loader.get_template(template).render({}),
        status=status,
        content_type="text/html; charset=utf-8",
    )
    add_never_cache_headers(response)
    return response


def bad_request(request, exception=None):
    return _page("400.html", 400)


def server_error(request):
    return _page("500.html", 500)


class MalformedRequestMiddleware:
    """Answer a form post whose body cannot be read with the 400 page."""

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
