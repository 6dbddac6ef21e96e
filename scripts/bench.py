"""make bench: each public page's throughput as a ratio of a bare Django view's.

Starts the site in production mode (DEBUG off, gunicorn with this project's
gunicorn.conf.py, 2 sync workers) on loopback with a throwaway database and
static folder, adds a bare ``HttpResponse`` view behind the same middleware,
and measures every page and the bare view alternately with wrk, so a noisy
machine slows both alike. The result and step pages are fetched as many
different patients, each with their own answers. Nothing is written into the
repository. Absolute req/s vary between machines; read the ratio.
"""

import html.parser
import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import contextmanager
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import django

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
SECONDS_PER_SLICE = float(os.environ.get("BENCH_SECONDS", "2"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
PATIENTS = int(os.environ.get("BENCH_PATIENTS", "60"))
BARE = "/__bench__/bare/"


def ensure_wrk():
    if shutil.which("wrk"):
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("Installing wrk (Debian package) for the benchmark...")
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "wrk"],
            check=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
            stdout=subprocess.DEVNULL,
        )
        return
    sys.exit("make bench needs wrk: sudo apt-get install -y wrk")


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Browser:
    """A patient's cookie jar over plain HTTP (cookies sent whatever their flags)."""

    def __init__(self, port):
        self.port = port
        self.cookies = {}

    def request(self, method, path, data=None):
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        headers = {"Host": "127.0.0.1"}
        if self.cookies:
            headers["Cookie"] = self.cookie_header()
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        text = response.read().decode("utf-8", "replace")
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        connection.close()
        return response.status, response.headers.get("Location"), text

    def cookie_header(self):
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())


class FormReader(html.parser.HTMLParser):
    """The fields of a page's POST form: name -> list of (type, value)."""

    def __init__(self):
        super().__init__()
        self.fields = {}
        self.in_form = False
        self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "").lower() == "post":
            self.in_form = True
        if not self.in_form or not attrs.get("name") and tag != "option":
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            self.fields.setdefault(attrs["name"], []).append((kind, attrs.get("value")))
        elif tag in ("select", "textarea"):
            self.select = attrs["name"] if tag == "select" else None
            self.fields.setdefault(attrs["name"], [])
        elif tag == "option" and self.select:
            self.fields[self.select].append(("option", attrs.get("value")))

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_form = False
        if tag == "select":
            self.select = None


# Answers a patient types; choice questions take "none" or "no" when offered.
PREFERRED_CHOICES = ("none", "no", "never-tested", "female", "male")


def typed_answers(number):
    return {
        "alt_value": str(20 + (number * 37) % 900),
        "alt_unit": "U/L",
        "lab_upper_limit": "33" if number % 2 else "",
        "age": str(25 + number % 55),
        "sex": "female" if number % 2 else "male",
        "sleep_hours": str(4 + number % 5),
        "height_cm": str(150 + number % 40),
        "weight_kg": str(50 + number % 60),
        "audit_c_frequency": str(number % 5),
        "audit_c_typical_drinks": str(number % 5),
        "audit_c_binge": str(number % 5),
    }


def fill(fields, typed):
    data = {}
    for name, inputs in fields.items():
        kinds = {kind for kind, _ in inputs}
        values = [value for _, value in inputs if value is not None]
        if "hidden" in kinds:
            data[name] = values[0]
        elif name in typed and (
            not values or typed[name] in values or kinds & {"text", "number"}
        ):
            data[name] = typed[name]
        elif kinds & {"radio", "option", "checkbox"}:
            preferred = [v for v in PREFERRED_CHOICES if v in values]
            if preferred:
                data[name] = preferred[0]
            elif "radio" in kinds or "option" in kinds:
                data[name] = next((v for v in values if v), "")
    return data


def walk_check(port, number):
    """Answer every page of the check as one patient; return their cookies."""
    browser = Browser(port)
    path = "/check/"
    browser.request("GET", path)
    status, location, page = browser.request("GET", "/check/warning-signs/")
    path = "/check/warning-signs/"
    typed = typed_answers(number)
    for _ in range(30):
        reader = FormReader()
        reader.feed(page)
        data = fill(reader.fields, typed)
        status, location, page = browser.request("POST", path, data)
        if status == 200:  # Asked to confirm a value: tick every "I have checked" box.
            reader = FormReader()
            reader.feed(page)
            for name, inputs in reader.fields.items():
                if {kind for kind, _ in inputs} == {"checkbox"} and len(inputs) == 1:
                    data[name] = inputs[0][1] or "on"
            status, location, page = browser.request("POST", path, data)
        if status != 302:
            raise SystemExit(
                f"The check stopped at {path} ({status}) for patient {number}."
            )
        path = urlsplit(location).path
        if "check-your-answers" in path or "/children/" in path:
            return browser
        status, location, page = browser.request("GET", path)
    raise SystemExit("The check did not end after 30 pages.")


def start_check(port, number):
    """Answer only the first page as one patient: the next page is then a first
    visit, with no saved answer (the unbound form)."""
    browser = Browser(port)
    path = "/check/warning-signs/"
    _, _, page = browser.request("GET", path)
    reader = FormReader()
    reader.feed(page)
    status, _, _ = browser.request("POST", path, fill(reader.fields, {}))
    if status != 302:
        raise SystemExit(f"The first page answered {status} for patient {number}.")
    return browser


WRK_SCRIPT = """
local cookies = {}
for line in io.lines(os.getenv("BENCH_COOKIES")) do cookies[#cookies + 1] = line end
local n = 0
request = function()
  n = n + 1
  local cookie = cookies[n % #cookies + 1]
  return wrk.format("GET", nil, {["Host"] = "127.0.0.1", ["Cookie"] = cookie})
end
"""


def wrk(url, script, cookie_file):
    result = subprocess.run(
        ["wrk", "-t2", "-c4", f"-d{SECONDS_PER_SLICE:g}s", "-s", script, url],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "BENCH_COOKIES": str(cookie_file)},
    )
    requests = int(re.search(r"(\d+) requests in", result.stdout).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", result.stdout)
    if errors:
        raise SystemExit(f"{url}: {errors.group(1)} error responses under load.")
    return requests / SECONDS_PER_SLICE


def first_cause_page():
    from education.models import Article

    return Article.objects.published().causes().first().get_absolute_url()


def count_queries(paths, cookies_by_kind):
    """SQL queries per page, counted in this process against the same database."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    counts = {}
    for label, path, kind in paths:
        client = Client()
        if kind != "anonymous":
            for pair in cookies_by_kind[kind][0].split("; "):
                name, value = pair.split("=", 1)
                client.cookies[name] = value
        client.get(path)  # Warm: the first request also loads caches.
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)
        counts[label] = len(queries)
    return counts


@contextmanager
def production_site(work, port, *, name, allowed_hosts="127.0.0.1", database_url=None):
    """Set up a production-mode site in ``work`` (migrate, seed, collectstatic),
    serve it with gunicorn's 2 workers on ``port`` and yield its environment."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "benchsite.settings",
        "PYTHONPATH": f"{ROOT / 'scripts'}{os.pathsep}{ROOT}",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": f"{name}-" + os.urandom(32).hex(),
        "DJANGO_ALLOWED_HOSTS": allowed_hosts,
        "DJANGO_ALLOW_SQLITE": "true",
        "DJANGO_SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url or f"sqlite:///{work / (name + '.sqlite3')}",
        "BENCH_STATIC_ROOT": str(work / "static"),
        "DJANGO_LOG_LEVEL": "WARNING",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "GUNICORN_ACCESS_LOG": "false",
    }
    manage = [PYTHON, str(ROOT / "manage.py")]
    quiet = {"env": env, "cwd": ROOT, "check": True, "stdout": subprocess.DEVNULL}
    print(f"Setting up a production-mode site in {work} ...")
    subprocess.run([*manage, "migrate", "--noinput"], **quiet)
    subprocess.run([*manage, "seed_content"], **quiet)
    subprocess.run([*manage, "collectstatic", "--noinput"], **quiet)
    server = subprocess.Popen(
        [str(Path(PYTHON).parent / "gunicorn"), "-c", "gunicorn.conf.py"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                if Browser(port).request("GET", "/healthz")[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        else:
            raise SystemExit("gunicorn did not start.")
        yield env
    finally:
        server.terminate()
        server.wait(timeout=30)


def main():
    ensure_wrk()
    work = Path(tempfile.mkdtemp(prefix="alt-portal-bench-"))
    port = free_port()
    site = production_site(
        work,
        port,
        name="bench",
        allowed_hosts="127.0.0.1,testserver",
        database_url=os.environ.get("BENCH_DATABASE_URL"),
    )
    with site as env:
        os.environ.update(env)
        sys.path.insert(0, str(ROOT))
        django.setup()  # This process reads the same database to count queries.
        print(f"Answering the check as {PATIENTS} different patients ...")
        patients = [walk_check(port, number) for number in range(PATIENTS)]
        starters = [start_check(port, number) for number in range(PATIENTS)]
        cookies_by_kind = {
            "anonymous": ["x=1"],
            "patients": [patient.cookie_header() for patient in patients],
            "starters": [starter.cookie_header() for starter in starters],
        }
        cookie_files = {}
        for kind, lines in cookies_by_kind.items():
            cookie_files[kind] = work / f"{kind}.txt"
            cookie_files[kind].write_text("\n".join(lines) + "\n")

        # Step pages twice: on a first visit (no saved answer, as every patient
        # sees each page first) and going back to a page already answered.
        pages = [
            ("home", "/", "anonymous"),
            ("a cause page", first_cause_page(), "anonymous"),
            ("tips page", "/liver-health-tips/", "anonymous"),
            ("causes list", "/articles/", "anonymous"),
            ("check start", "/check/", "anonymous"),
            ("step, new: warning signs", "/check/warning-signs/", "anonymous"),
            ("step, new: test result", "/check/test-result/", "starters"),
            ("step: warning signs", "/check/warning-signs/", "patients"),
            ("step: test result", "/check/test-result/", "patients"),
            ("check your answers", "/check/check-your-answers/", "patients"),
            ("result", "/check/result/", "patients"),
        ]
        script = work / "rotate-cookies.lua"
        script.write_text(WRK_SCRIPT)
        base = f"http://127.0.0.1:{port}"
        rows = []
        for label, path, kind in pages:
            cookies = cookie_files[kind]
            page_rates, bare_rates = [], []
            for _ in range(ROUNDS):
                bare_rates.append(wrk(base + BARE, script, cookies))
                page_rates.append(wrk(base + path, script, cookies))
            page_rate = sum(page_rates) / ROUNDS
            bare_rate = sum(bare_rates) / ROUNDS
            rows.append((label, path, kind, page_rate, bare_rate))
            print(f"  measured {label}: {page_rate:.0f} req/s")

    queries = count_queries(
        [(label, path, kind) for label, path, kind, *_ in rows], cookies_by_kind
    )
    print()
    print(f"{'page':<24} {'req/s':>8} {'bare req/s':>11} {'ratio':>6} {'SQL':>4}")
    for label, _, _, page_rate, bare_rate in rows:
        ratio = page_rate / bare_rate if bare_rate else float("nan")
        print(
            f"{label:<24} {page_rate:>8.0f} {bare_rate:>11.0f} {ratio:>6.2f} "
            f"{queries[label]:>4}"
        )
    print(
        f"\n{ROUNDS} alternating {SECONDS_PER_SLICE:g} s slices per page and bare; "
        f"wrk -t2 -c4; {PATIENTS} patients' sessions for the personal pages\n"
        "(step, new: a page not answered yet; step: going back to an answered one)."
    )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
