"""A friendly 503 page while the database (or the shared session cache) is down.

Django turns an exception raised in a middleware into a 500 before the next
middleware out sees it, so a ``got_request_exception`` receiver notes the
failure on the request and the middleware swaps that 500 for the 503 page.
"""

import logging
import sys

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from alt_portal.url_language import in_language_of

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 60
_FAILURE_ATTRIBUTE = "_alt_portal_unavailable"


# Sessions in a shared cache: Redis being down is the same outage.
UNAVAILABLE_ERRORS = (
    OperationalError,
    InterfaceError,
    RedisConnectionError,
    RedisTimeoutError,
)


def unavailable_response(request=None):
    """The 503 page, in the language of the request's address."""
    with in_language_of(request):
        content = loader.get_template("503.html").render(
            {"emergency_number": settings.PORTAL_EMERGENCY_NUMBER}
        )
    response = HttpResponse(
        content,
        status=503,
        content_type="text/html; charset=utf-8",
    )
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


def describe(exc) -> str:
    """Return an error's class and first message line: never query parameters."""
    first_line = next(iter(str(exc).strip().splitlines()), "")[:200]
    return f"{type(exc).__name__}: {first_line}" if first_line else type(exc).__name__


def _log(request, exc):
    logger.warning(
        "Service unavailable (%s): %s %s", describe(exc), request.method, request.path
    )


def _note_failure(sender, request=None, **kwargs):
    exc = sys.exc_info()[1]
    if request is not None and isinstance(exc, UNAVAILABLE_ERRORS):
        setattr(request, _FAILURE_ATTRIBUTE, exc)


got_request_exception.connect(_note_failure, dispatch_uid="alt_portal.unavailable")


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        exc = getattr(request, _FAILURE_ATTRIBUTE, None)
        if exc is not None:
            _log(request, exc)
            return unavailable_response(request)
        return response

    def process_exception(self, request, exception):
        if isinstance(exception, UNAVAILABLE_ERRORS):
            _log(request, exception)
            return unavailable_response(request)
        return None
