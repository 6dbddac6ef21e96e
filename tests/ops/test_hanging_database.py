"""A database that accepts connections and never answers (finding 3 of the
2026-11 probe: 30-second bare 500s from gunicorn). With the connect timeout,
patients get the friendly 503 page within seconds, and the site recovers by
itself once the database answers again. PostgreSQL only: skipped without it."""

import time
from urllib.parse import urlsplit

from tests.ops.servers import (
    TEST_POSTGRES_URL,
    Gunicorn,
    HangingListener,
    TcpProxy,
    admin_connection,
    database_url,
    fetch,
    server_env,
    upstream_address,
)
from tests.ops.test_database_outage import FRIENDLY, wait_for


def timed_fetch(url):
    started = time.monotonic()
    response = fetch(url, timeout=30)
    return response, time.monotonic() - started


def test_hanging_database_gives_the_503_page_within_5_seconds_and_recovers(tmp_path):
    admin_connection().close()  # Skips the test when PostgreSQL is not there.
    # No tables needed: the pages fail before any query, and /readyz shows the
    # recovery with SELECT 1.
    name = urlsplit(TEST_POSTGRES_URL).path.lstrip("/")
    hanging = HangingListener()
    proxy = None
    server = None
    try:
        hanging.start()
        server = Gunicorn(
            server_env(
                DATABASE_URL=database_url(name, "127.0.0.1", hanging.port),
                DJANGO_DB_CONN_MAX_AGE="60",  # As in production.
            ),
            tmp_path,
        )
        server.wait_until_serving()  # /healthz needs no database.

        for path in ("/", "/check/"):
            page, seconds = timed_fetch(f"{server.url}{path}")
            assert page.status == 503, server.output()
            assert seconds < 5, f"{path}: 503 after {seconds:.1f} s"
            print(f"{path}: 503 after {seconds:.2f} s")  # The figure to report.
            assert FRIENDLY in page.text
            assert page.headers["Retry-After"]
            assert page.headers["X-Frame-Options"] == "DENY"
            assert "default-src 'self'" in page.headers["Content-Security-Policy"]
        ready, seconds = timed_fetch(f"{server.url}/readyz")
        assert ready.status == 503
        assert seconds < 5, f"/readyz after {seconds:.1f} s"

        # The database answers again, on the same address.
        hanging.stop()
        proxy = TcpProxy(upstream_address())
        proxy.port = hanging.port
        proxy.start()
        wait_for(f"{server.url}/readyz", 200, timeout=15)
        assert fetch(f"{server.url}/readyz").json()["status"] == "ok"
        assert "WORKER TIMEOUT" not in server.output()
    finally:
        if server is not None:
            server.stop()
        hanging.stop()
        if proxy is not None:
            proxy.stop()
