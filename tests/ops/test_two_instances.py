"""Two app servers, one database: a patient may land on either for any request.

Two gunicorn processes share a fresh PostgreSQL database (and, in one run, a
Redis cache holding the sessions). One client completes the whole questionnaire,
switching server on every request, and gets its personal result. The answers
create no row anywhere but in the session table. Loopback only.
"""

import json
import socket

import pytest

from questionnaire.forms import STEPS
from tests.ops.servers import (
    Browser,
    Gunicorn,
    TemporaryDatabase,
    csrf_token,
    fetch,
    manage,
    server_env,
    stop_all,
)
from tests.questionnaire.answers import ANSWERS

REDIS = ("127.0.0.1", 6379)


@pytest.fixture(scope="module")
def database():
    """A fresh database, migrated and seeded once for both runs."""
    database = TemporaryDatabase("alt_portal_two")
    try:
        env = server_env(DATABASE_URL=database.url)
        manage("migrate", "--noinput", env=env)
        manage("seed_content", env=env)
        yield database
    finally:
        database.drop()


@pytest.fixture
def redis_database():
    """An empty Redis database number, flushed (that number only) afterwards."""
    try:
        socket.create_connection(REDIS, timeout=1).close()
    except OSError:
        pytest.skip("Redis is not reachable on 127.0.0.1:6379")
    redis = pytest.importorskip("redis")
    for number in range(15, 7, -1):
        client = redis.Redis(*REDIS, db=number, socket_timeout=3)
        if client.dbsize() == 0:
            break
        client.close()
    else:
        pytest.skip("No empty Redis database among numbers 8 to 15")
    try:
        yield client, number
    finally:
        client.flushdb()
        client.close()


class Alternating:
    """Send each request to the next server in turn."""

    def __init__(self, servers):
        self.urls = [server.url for server in servers]
        self.count = 0

    def __call__(self, path):
        url = self.urls[self.count % len(self.urls)] + path
        self.count += 1
        return url


def complete_questionnaire(servers):
    browser = Browser()
    on = Alternating(servers)
    assert browser.get(on("/check/")).status == 200
    for position, step in enumerate(STEPS):
        path = f"/check/{step.slug}/"
        form = browser.get(on(path))
        assert form.status == 200, form.text[:2000]
        data = {**ANSWERS[step.slug], "csrfmiddlewaretoken": csrf_token(form)}
        sent = browser.post(on(path), data)
        assert sent.status == 302, sent.text[:2000]
        expected = (
            f"/check/{STEPS[position + 1].slug}/"
            if position + 1 < len(STEPS)
            else "/check/check-your-answers/"
        )
        assert sent.headers["Location"] == expected
    check = browser.get(on("/check/check-your-answers/"))
    assert check.status == 200
    assert "Check your answers" in check.text
    result = browser.get(on("/check/result/"))
    assert result.status == 200, result.text[:2000]
    # Both servers took part, taking turns.
    assert on.count == 1 + 2 * len(STEPS) + 2
    return result.text


def start_servers(tmp_path, **env):
    servers = []
    try:
        for name in ("first", "second"):
            servers.append(Gunicorn(server_env(**env), tmp_path, name))
        for server in servers:
            server.wait_until_serving()
    except BaseException:
        stop_all(servers)
        raise
    return servers


def assert_logs_hold_no_answers(servers):
    for server in servers:
        output = server.stdout()
        lines = [json.loads(line) for line in output.splitlines() if line[:1] == "{"]
        paths = {line.get("path") for line in lines}
        assert "/check/test-result/" in paths, output[-3000:]
        for needle in ("never-tested", "csrfmiddlewaretoken", "lab_upper_limit"):
            assert needle not in output


@pytest.mark.parametrize("sessions", ["db", "cache"])
def test_questionnaire_across_two_servers(database, tmp_path, request, sessions):
    env = {"DATABASE_URL": database.url}
    if sessions == "cache":
        redis, number = request.getfixturevalue("redis_database")
        env |= {
            "DJANGO_CACHE_URL": f"redis://{REDIS[0]}:{REDIS[1]}/{number}",
            "DJANGO_SESSION_ENGINE": "cache",
        }
    servers = start_servers(tmp_path, **env)
    try:
        for server in servers:
            ready = Browser().get(f"{server.url}/readyz").json()
            assert ready["status"] == "ok"
            assert ("cache" in ready) == (sessions == "cache")
        before = database.table_counts()
        result = complete_questionnaire(servers)
        after = database.table_counts()
    finally:
        stop_all(servers)

    # 99 / 33 = 3 times the lab's limit: mildly raised.
    assert "Your ALT is 99 U/L" in result
    assert "about 3 times the upper limit" in result
    assert "mildly raised" in result

    changed = {table for table in after if after[table] != before.get(table)}
    if sessions == "db":
        assert changed == {"django_session"}
        assert after["django_session"] == before["django_session"] + 1
    else:
        assert changed == set()
        assert any(b"django.contrib.sessions.cache" in key for key in redis.keys())
    assert_logs_hold_no_answers(servers)


def retitle(env, old, new):
    """Change an article's title as staff would: a save, in another process."""
    manage(
        "shell",
        "-c",
        "from education.models import Article\n"
        f"for article in Article.objects.filter(title={old!r}):\n"
        f"    article.title = {new!r}\n"
        "    article.save()",
        env=server_env(**env),
    )


@pytest.mark.parametrize("cache", ["shared Redis", "each process's own memory"])
def test_an_edit_shows_at_once_on_every_server(database, tmp_path, request, cache):
    """Pages kept by each server are replaced as soon as staff change the content."""
    env = {"DATABASE_URL": database.url}
    if cache == "shared Redis":
        _redis, number = request.getfixturevalue("redis_database")
        env["DJANGO_CACHE_URL"] = f"redis://{REDIS[0]}:{REDIS[1]}/{number}"
    servers = start_servers(tmp_path, **env)
    page = "/articles/alcohol/"
    try:
        for server in servers:
            for _ in range(2):  # The second answer comes from the server's cache.
                assert "Alcohol and your liver" not in fetch(server.url + page).text
        retitle(env, "Alcohol", "Alcohol and your liver")
        for server in servers:
            assert "Alcohol and your liver" in fetch(server.url + page).text
    finally:
        stop_all(servers)
        retitle(env, "Alcohol and your liver", "Alcohol")
