"""Health checks for a load balancer or process supervisor.

``/healthz`` (liveness) answers "ok" as long as the process serves requests: it
touches neither the database nor the cache, so a database outage does not get
healthy app servers restarted. ``/readyz`` (readiness) checks that the database
answers ``SELECT 1`` and, when a shared cache is configured, that the cache
answers too: 200 when this server can serve patients, 503 otherwise.

Neither view reads the session or the user, so neither queries the session table
nor sets a cookie.

``HealthCheckMiddleware`` answers both paths before any middleware that reads the
Host header (CommonMiddleware, CSRF, ...) runs, so a load balancer may probe a
server by its IP address (``curl http://10.0.0.5:8000/readyz``) although
DJANGO_ALLOWED_HOSTS names only the public host: those would refuse the request
with 400 (DisallowedHost). It sits below the header middlewares (security headers,
CSP, Permissions-Policy; none reads the host, and SECURE_REDIRECT_EXEMPT keeps
SECURE_SSL_REDIRECT off these paths) and the request log, so the answers keep
their security headers and a failing check is still logged. The same paths stay
in urls.py, for ``reverse()``.
"""

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import Error as DatabaseError
from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.views.decorators.cache import never_cache

from alt_portal.database_unavailable import describe

logger = logging.getLogger(__name__)

# Caches that live inside each process: nothing to check from outside.
LOCAL_CACHE_BACKENDS = {
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
}
CACHE_CHECK_KEY = "alt_portal:readyz"


def shared_cache_configured() -> bool:
    return settings.CACHES["default"]["BACKEND"] not in LOCAL_CACHE_BACKENDS


def database_ready() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        logger.warning("Readiness: database unavailable (%s)", describe(exc))
        return False
    return True


def cache_ready() -> bool:
    try:
        cache.set(CACHE_CHECK_KEY, "ok", timeout=30)
        ready = cache.get(CACHE_CHECK_KEY) == "ok"
    except Exception as exc:  # Redis raises its own errors; any means not ready.
        logger.warning("Readiness: cache unavailable (%s)", describe(exc))
        return False
    if not ready:
        logger.warning("Readiness: cache did not return what was stored")
    return ready


@never_cache
def healthz(request):
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


@never_cache
def readyz(request):
    checks = {"database": "ok" if database_ready() else "unavailable"}
    if shared_cache_configured():
        checks["cache"] = "ok" if cache_ready() else "unavailable"
    ready = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "unavailable", **checks},
        status=200 if ready else 503,
    )


HEALTH_VIEWS = {"/healthz": healthz, "/readyz": readyz}


class HealthCheckMiddleware:
    """Answer /healthz and /readyz whatever the Host header (see above)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        view = HEALTH_VIEWS.get(request.path_info)
        if view is None:
            return self.get_response(request)
        return view(request)
