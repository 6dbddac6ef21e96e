"""Content pages rendered once and served from the cache until staff change them.

Any content change starts a new *content version* (in Redis, or a stamp file all
of one server's processes read); every version also names the release (RELEASE),
so a deploy never serves HTML an older release rendered. Pages are kept per
language and host name, and only when the same for everyone: no staff, no
waiting message, no query string.
"""

import hashlib
import os
import tempfile
import time
from functools import wraps
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import get_language

VERSION_KEY = "content-version"
# How long a reverse proxy or browser may reuse a page without asking again.
SHARED_MAX_AGE = 60
# How long an unchanged page stays in the cache (a new version replaces it sooner).
KEEP_SECONDS = 24 * 3600


def _stamp_file():
    database = settings.DATABASES["default"]
    site = "|".join(
        str(part)
        for part in (
            settings.BASE_DIR,
            database["ENGINE"],
            database.get("HOST"),
            database.get("PORT"),
            database["NAME"],
        )
    )
    name = hashlib.sha256(site.encode()).hexdigest()[:16]
    return Path(tempfile.gettempdir()) / f"alt-portal-content-{name}"


def _release_digest():
    """A digest of the code, templates, catalogs and static files this process
    runs: a deploy (even without migrate, or while old processes still run) never
    serves HTML that an older release rendered."""
    digest = hashlib.blake2b(digest_size=8)
    for folder in RELEASE_FOLDERS:
        for path in sorted((settings.BASE_DIR / folder).rglob("*")):
            if path.is_file() and path.suffix != ".pyc":
                digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()


RELEASE_FOLDERS = (
    "alt_portal",
    "portal",
    "education",
    "questionnaire",
    "templates",
    "locale",
    "static",
)
RELEASE = _release_digest()


def content_version():
    """This release's digest and the content version: part of every key and ETag."""
    return f"{RELEASE}-{_stored_version()}"


def _stored_version():
    if settings.CACHE_URL:
        version = cache.get(VERSION_KEY)
        if version is None:
            cache.add(VERSION_KEY, str(time.time_ns()), timeout=None)
            version = cache.get(VERSION_KEY)
        return version
    try:
        return str(_stamp_file().stat().st_mtime_ns)
    except FileNotFoundError:
        return _touch_stamp_file()


def _touch_stamp_file():
    stamp = _stamp_file()
    stamp.touch()
    try:  # Always later than the version before, even within one clock tick.
        previous = stamp.stat().st_mtime_ns
        now = max(time.time_ns(), previous + 1)
    except FileNotFoundError:
        now = time.time_ns()
    os.utime(stamp, ns=(now, now))
    return str(now)


def _new_version():
    if settings.CACHE_URL:
        cache.set(VERSION_KEY, str(time.time_ns()), timeout=None)
    else:
        _touch_stamp_file()


def content_changed(**kwargs):
    """A new version now and again on commit, so that a page rendered from the
    old rows in between is not kept under the new version."""
    _new_version()
    transaction.on_commit(_new_version)


def _same_for_everyone(request):
    if request.method not in ("GET", "HEAD") or request.GET:
        return False
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return True  # No session: not signed in, and no message waiting.
    return not request.user.is_authenticated and not request.session.get("_messages")


def shared_page(view):

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not _same_for_everyone(request):
            response = view(request, *args, **kwargs)
            patch_cache_control(response, private=True, no_cache=True)
            return response
        version = content_version()
        etag = f'"{version}-{get_language()}"'
        response = get_conditional_response(request, etag=etag)
        if response is None:
            # The page spells out its own absolute address (hreflang alternates),
            # so a page asked for by another host name or scheme is kept apart.
            origin = f"{request.scheme}://{request.get_host()}"
            key = f"page:{version}:{get_language()}:{origin}{request.path}"
            kept = cache.get(key)
            if kept is not None:
                response = HttpResponse(kept[0], content_type=kept[1])
            else:
                response = view(request, *args, **kwargs)
                if response.status_code != 200:
                    return response
                cache.set(
                    key, (response.content, response["Content-Type"]), KEEP_SECONDS
                )
        response["ETag"] = etag
        patch_cache_control(response, public=True, max_age=SHARED_MAX_AGE)
        return response

    return wrapper
