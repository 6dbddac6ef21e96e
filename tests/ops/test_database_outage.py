"""A real database outage: gunicorn keeps answering, patients get the friendly
503 page, and the site recovers by itself when the database returns.

gunicorn reaches a fresh PostgreSQL database through a TCP proxy in this test;
stopping the proxy cuts every connection and refuses new ones, as a database
server going down does. Loopback only; every wait is bounded.
"""

import json
import time

from tests.ops.servers import (
    Gunicorn,
    TcpProxy,
    TemporaryDatabase,
    database_url,
    fetch,
    manage,
    server_env,
    upstream_address,
)

FRIENDLY = "This website is busy or unavailable"


def wait_for(url, status, timeout):
    """Request url until it answers with status; return the seconds it took."""
    started = time.monotonic()
    deadline = started + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = fetch(url, timeout=5)
            if last.status == status:
                return time.monotonic() - started
        except OSError as error:
            last = error
        time.sleep(0.1)
    raise AssertionError(f"{url} did not answer {status} within {timeout} s: {last}")


def test_outage_shows_the_503_page_and_recovers_by_itself(tmp_path):
    database = TemporaryDatabase("alt_portal_outage")
    proxy = TcpProxy(upstream_address())
    server = None
    try:
        manage("migrate", "--noinput", env=server_env(DATABASE_URL=database.url))
        proxy.start()
        through_proxy = database_url(database.name, "127.0.0.1", proxy.port)
        # Persistent connections with health checks, as in production.
        server = Gunicorn(
            server_env(DATABASE_URL=through_proxy, DJANGO_DB_CONN_MAX_AGE="60"),
            tmp_path,
        )
        server.wait_until_serving()
        assert fetch(f"{server.url}/").status == 200, server.output()
        assert fetch(f"{server.url}/readyz").json()["status"] == "ok"

        proxy.stop()
        ready = fetch(f"{server.url}/readyz")
        assert ready.status == 503, server.output()
        assert ready.json() == {"status": "unavailable", "database": "unavailable"}
        # A page rendered before the outage is still served from the page cache.
        assert fetch(f"{server.url}/").status == 200, server.output()
        causes = fetch(f"{server.url}/articles/")
        assert causes.status == 503, server.output()
        assert causes.headers["Retry-After"] == "60"
        assert FRIENDLY in causes.text
        assert "Traceback" not in causes.text
        assert "OperationalError" not in causes.text
        # The 503 page speaks the language of the address.
        assert '<html lang="en">' in causes.text
        chinese = fetch(f"{server.url}/zh-hans/articles/")
        assert chinese.status == 503, server.output()
        assert '<html lang="zh-Hans">' in chinese.text
        # Liveness does not depend on the database: nothing restarts the server.
        assert fetch(f"{server.url}/healthz").status == 200

        proxy.start()
        recovered_after = wait_for(f"{server.url}/articles/", 200, timeout=10)
        assert recovered_after < 5, recovered_after
        assert fetch(f"{server.url}/readyz").status == 200
        assert server.process.poll() is None

        # Django's log lines are JSON; the outage is logged by class and path.
        lines = [
            json.loads(line)
            for line in server.stdout().splitlines()
            if line.startswith("{")
        ]
        messages = [line["message"] for line in lines]
        assert any(
            message.startswith("Service unavailable (OperationalError: ")
            and message.endswith(": GET /articles/")
            for message in messages
        ), messages
        requests = {
            (line["method"], line["path"], line["status"])
            for line in lines
            if line["logger"] == "alt_portal.request"
        }
        assert {
            ("GET", "/articles/", 200),
            ("GET", "/articles/", 503),
            ("GET", "/readyz", 503),
        } <= requests
        print(f"Recovered {recovered_after:.2f} s after the database returned.")
        print(server.stdout())
    finally:
        if server is not None:
            server.stop()
        proxy.stop()
        database.drop()
