"""Log lines for the process manager: one JSON object per line, or plain text.

Patients' answers must never reach a log, so fields are an allow-list: a request
is logged by method, path and status only, never the ``request`` object Django
attaches (POST data, cookies, session). gunicorn's access log stays off, since its
default format includes query strings.
"""

import json
import logging
import time
from datetime import UTC, datetime

request_logger = logging.getLogger("alt_portal.request")

# Requests a load balancer makes every few seconds: logged only when they fail.
QUIET_PATHS = frozenset({"/healthz", "/readyz"})


def request_fields(record) -> dict:
    fields = {}
    request = getattr(record, "request", None)
    if request is not None:
        # request.path never includes the query string.
        method = getattr(request, "method", None)
        path = getattr(request, "path", None)
        if isinstance(method, str):
            fields["method"] = method
        if isinstance(path, str):
            fields["path"] = path
    status = getattr(record, "status_code", None)
    if isinstance(status, int):
        fields["status"] = status
    duration = getattr(record, "duration_ms", None)
    if isinstance(duration, int | float):
        fields["duration_ms"] = round(duration, 1)
    return fields


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, tz=UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            **request_fields(record),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        # json.dumps escapes newlines, so a traceback stays on one line.
        return json.dumps(entry, ensure_ascii=False, default=str)


_ALREADY_LOGGED = "_alt_portal_request_logged"


class OneLineWarning(logging.Filter):
    """Django logs each DisallowedHost as an ERROR with a traceback: noise, at
    every scanner's request, that hides real errors."""

    def filter(self, record):
        record.exc_info = None
        record.exc_text = None
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        request = getattr(record, "request", None)
        if request is not None:
            setattr(request, _ALREADY_LOGGED, True)
        return True


class RequestLogMiddleware:
    """Log each request's method, path, status and duration, nothing more."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.monotonic()
        response = self.get_response(request)
        if getattr(request, _ALREADY_LOGGED, False):
            return response
        if response.status_code >= 400 or request.path not in QUIET_PATHS:
            request_logger.info(
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "request": request,
                    "status_code": response.status_code,
                    "duration_ms": (time.monotonic() - started) * 1000,
                },
            )
        return response
