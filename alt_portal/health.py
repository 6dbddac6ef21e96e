"""/healthz (liveness) and /readyz (database, shared cache).

Liveness never touches the database, so an outage does not get healthy servers
restarted.
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
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        view = HEALTH_VIEWS.get(request.path_info)
        if view is None:
            return self.get_response(request)
        return view(request)
