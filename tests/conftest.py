import os

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM then
# refuses to run there unless told it is safe. Tests only: never in settings.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_PATH = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def _database_order(item):
    """0: rolled-back database tests, 1: tests that flush the database (a live
    server), 2: the rest — pytest-django's order."""
    marker = item.get_closest_marker("django_db")
    fixtures = getattr(item, "fixturenames", ())
    if (
        "live_server" in fixtures
        or "transactional_db" in fixtures
        or (marker is not None and marker.kwargs.get("transaction"))
    ):
        return 1
    return 0 if marker is not None or "db" in fixtures else 2


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Sort again after pytest's own fixture reordering, which runs after
    pytest-django's sort and can put a browser test's flush before tests that
    need the rows migrations created (the Clinic editors group, the settings)."""
    items.sort(key=_database_order)


@pytest.fixture(autouse=True)
def fresh_page_cache():
    """Pages kept by an earlier test may show rows that its rollback removed."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def english_after_each_test():
    """LocaleMiddleware leaves a request's language active in the thread: a
    /zh-hans/ request would make later reverse() calls give Chinese addresses."""
    yield
    from django.utils import translation

    translation.activate("en")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Drive Debian's Chromium: Playwright cannot download its own browser here."""
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM_PATH,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--disable-quic",
        ],
    }
