"""Health checks for a load balancer or process supervisor.

``/healthz`` (liveness) answers "ok" as long as the process serves requests: it
touches neither the database nor the cache, so a database outage does not get
healthy app servers restarted. ``/readyz`` (readiness) checks that the database
answers ``SELECT 1`` and, when a shared cache is configured, that the cache
answers too: 200 when this server can serve patients, 503 otherwise.

Neither view reads the session or the user, so neither queries the session table
nor sets a cookie.
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
