"""Real processes for the operations tests: PostgreSQL databases of their own,
gunicorn servers, a TCP proxy to cut the database off, and a small HTTP client.

Everything talks to loopback addresses only, every wait is bounded, and every
process started here is stopped by its process group id.
"""

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.error import HTTPError, URLError
from urllib.parse import urlencode, urlsplit, urlunsplit
from urllib.request import (
    HTTPCookieProcessor,
    HTTPRedirectHandler,
    Request,
    build_opener,
)

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
TEST_POSTGRES_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"
)
SECRET_KEY = "test-only-secret-key-shared-by-every-server-0123456789"
# Settings the parent process may have that must not leak into the servers.
SERVER_ENV_DROP = (
    "DATABASE_URL",
    "DJANGO_CACHE_URL",
    "DJANGO_SESSION_ENGINE",
    "DJANGO_LOG_FORMAT",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


# PostgreSQL
# ----------


def admin_connection():
    """Connect to PostgreSQL as the test administrator, or skip the test."""
    try:
        import psycopg
    except ImportError:  # pragma: no cover - psycopg is in requirements.txt
        pytest.skip("psycopg is not installed")
    try:
        return psycopg.connect(TEST_POSTGRES_URL, autocommit=True, connect_timeout=3)
    except psycopg.OperationalError as exc:
        pytest.skip(
            f"PostgreSQL is not reachable at TEST_POSTGRES_URL={TEST_POSTGRES_URL} "
            f"({str(exc).strip().splitlines()[0]})"
        )


def database_url(name, host=None, port=None) -> str:
    """Return TEST_POSTGRES_URL pointing at another database (and address)."""
    parts = urlsplit(TEST_POSTGRES_URL)
    netloc = parts.netloc
    if host is not None:
        credentials = netloc.rpartition("@")[0]
        netloc = f"{credentials}@{host}:{port}" if credentials else f"{host}:{port}"
    return urlunsplit((parts.scheme, netloc, f"/{name}", "", ""))


def upstream_address():
    parts = urlsplit(TEST_POSTGRES_URL)
    return parts.hostname or "127.0.0.1", parts.port or 5432


class TemporaryDatabase:
    """A fresh PostgreSQL database, dropped again by ``drop()``."""

    def __init__(self, prefix):
        self.admin = admin_connection()
        self.name = f"{prefix}_{uuid.uuid4().hex[:10]}"
        self.admin.execute(f'CREATE DATABASE "{self.name}"')
        self.url = database_url(self.name)

    def table_counts(self) -> dict:
        import psycopg

        with psycopg.connect(self.url, connect_timeout=3) as conn:
            tables = [
                row[0]
                for row in conn.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                )
            ]
            return {
                table: conn.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
                for table in tables
            }

    def drop(self):
        try:
            self.admin.execute(f'DROP DATABASE IF EXISTS "{self.name}" WITH (FORCE)')
        finally:
            self.admin.close()


# Django processes
# ----------------


def server_env(**overrides) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in SERVER_ENV_DROP}
    env.update(
        DJANGO_SETTINGS_MODULE="alt_portal.settings",
        DJANGO_DEBUG="true",
        DJANGO_SECRET_KEY=SECRET_KEY,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_LOG_FORMAT="json",
        PYTHONUNBUFFERED="1",
    )
    env.update(overrides)
    return env


def manage(*args, env, timeout=120):
    result = subprocess.run(
        [str(BIN / "python"), "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert result.returncode == 0, f"manage.py {' '.join(args)}:\n{result.stderr}"
    return result.stdout


class Gunicorn:
    """One gunicorn server (one sync worker) on a free loopback port."""

    def __init__(self, env, log_dir, name="gunicorn"):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.stdout_path = Path(log_dir) / f"{name}-{self.port}.out"
        self.stderr_path = Path(log_dir) / f"{name}-{self.port}.err"
        with open(self.stdout_path, "wb") as out, open(self.stderr_path, "wb") as err:
            self.process = subprocess.Popen(
                [
                    str(BIN / "gunicorn"),
                    "alt_portal.wsgi",
                    "--bind",
                    f"127.0.0.1:{self.port}",
                    "--workers",
                    "1",
                    "--graceful-timeout",
                    "3",
                ],
                cwd=ROOT,
                env=env,
                stdout=out,
                stderr=err,
                start_new_session=True,
            )

    def wait_until_serving(self, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"gunicorn exited early:\n{self.output()}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    pass
                if fetch(f"{self.url}/healthz", timeout=5).status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.1)
        pytest.fail(f"gunicorn did not serve within {timeout} s:\n{self.output()}")

    def output(self) -> str:
        return (
            self.stdout_path.read_text(errors="replace")
            + self.stderr_path.read_text(errors="replace")
        )[-5000:]

    def stdout(self) -> str:
        return self.stdout_path.read_text(errors="replace")

    def stop(self):
        if self.process.poll() is not None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=8)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=5)
        except ProcessLookupError:
            pass


def stop_all(servers):
    for server in servers:
        server.stop()


# HTTP
# ----


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.text = body.decode("utf-8", errors="replace")

    def json(self):
        import json

        return json.loads(self.text)


class _NoRedirect(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """An HTTP client with a cookie jar that does not follow redirects."""

    def __init__(self):
        self.cookies = CookieJar()
        self.opener = build_opener(HTTPCookieProcessor(self.cookies), _NoRedirect())

    def request(self, url, data=None, timeout=10):
        body = None if data is None else urlencode(data, doseq=True).encode()
        request = Request(url, data=body)
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return Response(response.status, response.headers, response.read())
        except HTTPError as error:
            with error:
                return Response(error.code, error.headers, error.read())

    def get(self, url, **kwargs):
        return self.request(url, **kwargs)

    def post(self, url, data, **kwargs):
        return self.request(url, data=data, **kwargs)


def fetch(url, timeout=10):
    try:
        return Browser().get(url, timeout=timeout)
    except URLError as error:
        raise OSError(str(error)) from error


def csrf_token(page: Response) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert match, page.text[:2000]
    return match.group(1)


# A TCP proxy that can cut the database off
# -----------------------------------------


class TcpProxy:
    """Forward 127.0.0.1:port to an upstream address until stopped.

    ``stop()`` closes the listening socket and every open connection, as a
    database server going down would; ``start()`` listens on the same port again.
    """

    def __init__(self, upstream):
        self.upstream = upstream
        self.port = free_port()
        self._listener = None
        self._sockets = set()
        self._lock = threading.Lock()

    def start(self):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(16)
        listener.settimeout(0.2)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener):
        while self._listener is listener:
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.upstream, timeout=3)
            except OSError:
                client.close()
                continue
            client.settimeout(None)
            upstream.settimeout(None)
            with self._lock:
                self._sockets.update((client, upstream))
            for source, target in ((client, upstream), (upstream, client)):
                threading.Thread(
                    target=self._pump, args=(source, target), daemon=True
                ).start()

    def _pump(self, source, target):
        try:
            while data := source.recv(65536):
                target.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, target):
                self._close(sock)

    def _close(self, sock):
        with self._lock:
            self._sockets.discard(sock)
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        sock.close()

    def stop(self):
        listener, self._listener = self._listener, None
        if listener is not None:
            listener.close()
        with self._lock:
            sockets = list(self._sockets)
        for sock in sockets:
            self._close(sock)


class HangingListener:
    """Accept TCP connections on a loopback port and never answer: a database
    server that has hung. Clients wait until their own timeouts give up."""

    def __init__(self):
        self.port = free_port()
        self._listener = None
        self._held = []

    def start(self):
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        listener.settimeout(0.2)
        self._listener = listener
        self._thread = threading.Thread(
            target=self._accept, args=(listener,), daemon=True
        )
        self._thread.start()

    def _accept(self, listener):
        while self._listener is listener:
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self._held.append(client)  # Held open, never read from or written to.
        listener.close()

    def stop(self):
        """Stop listening (the port is free again on return) and hang up."""
        if self._listener is not None:
            self._listener = None
            self._thread.join(timeout=5)
        for client in self._held:
            client.close()
        self._held.clear()
