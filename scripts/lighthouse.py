"""make lighthouse: Lighthouse's mobile scores for the pages patients see most.

Starts the site in production mode on loopback the way ``make bench`` does
(DEBUG off, whitenoise, gunicorn, a throwaway database and static folder, nothing
written into the repository), answers the check as one patient over plain HTTP,
then runs Lighthouse (mobile, all four categories) on the home page, a cause
page, a step and the result, in every language. The result and the step are
fetched with that patient's session cookie (Lighthouse's --extra-headers).
LIGHTHOUSE_ALL=1 adds the other pages patients see.

Lighthouse comes from npm into a cache folder outside the repository
(LIGHTHOUSE_DIR, default ~/.cache/alt-portal-lighthouse); Chromium from
CHROME_PATH or the system. It is a report, not a test: scores vary a little
between machines, and a headless browser on loopback is not a phone on a
mobile network. Every audit below 100 is listed under the table, and the
command fails unless every score is 100.
"""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))

from bench import free_port, production_site, start_check, walk_check  # noqa: E402

PYTHON = sys.executable
LIGHTHOUSE_VERSION = os.environ.get("LIGHTHOUSE_VERSION", "12.8.2")
LIGHTHOUSE_DIR = Path(
    os.environ.get("LIGHTHOUSE_DIR", Path.home() / ".cache" / "alt-portal-lighthouse")
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage "
    "--disable-background-networking --disable-component-update --disable-sync "
    "--no-first-run --disable-default-apps"
)
LANGUAGE_PREFIXES = {"en": "", "zh-hans": "/zh-hans"}


def lighthouse_binary():
    binary = LIGHTHOUSE_DIR / "node_modules" / ".bin" / "lighthouse"
    if binary.exists():
        return binary
    if not shutil.which("npm"):
        sys.exit("make lighthouse needs Node.js and npm (e.g. apt-get install npm).")
    print(f"Installing lighthouse@{LIGHTHOUSE_VERSION} into {LIGHTHOUSE_DIR} ...")
    LIGHTHOUSE_DIR.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "npm",
            "install",
            "--prefix",
            str(LIGHTHOUSE_DIR),
            "--no-audit",
            "--no-fund",
            f"lighthouse@{LIGHTHOUSE_VERSION}",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return binary


def chrome_path():
    for candidate in (
        os.environ.get("CHROME_PATH"),
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
        shutil.which("google-chrome"),
    ):
        if candidate and Path(candidate).exists():
            return candidate
    sys.exit("make lighthouse needs Chromium: run `make chromium` or set CHROME_PATH.")


def run_lighthouse(binary, url, cookie, output):
    command = [
        str(binary),
        url,
        "--form-factor=mobile",
        "--only-categories=" + ",".join(CATEGORIES),
        f"--chrome-flags={CHROME_FLAGS}",
        "--output=json",
        f"--output-path={output}",
        "--quiet",
    ]
    if cookie:
        command.append("--extra-headers=" + json.dumps({"Cookie": cookie}))
    # Headless Chromium now and then loses the trace (NO_NAVSTART): try again.
    for attempt in range(3):
        run = subprocess.run(command, env={**os.environ, "CHROME_PATH": chrome_path()})
        if run.returncode == 0:
            break
        print(f"  (Lighthouse failed on {url}, attempt {attempt + 1} of 3)")
    run.check_returncode()
    report = json.loads(Path(output).read_text())
    scores = {
        name: round((report["categories"][name]["score"] or 0) * 100)
        for name in CATEGORIES
    }
    below = []
    if report["finalDisplayedUrl"] != url:
        below.append(f"ended at {report['finalDisplayedUrl']}, not the page asked for")
    requests = report["audits"]["network-requests"]["details"]["items"]
    hosts = {
        urlsplit(r["url"]).netloc
        for r in requests
        if r["url"].startswith(("http://", "https://"))
    }
    others = sorted(hosts - {urlsplit(url).netloc})
    if others:
        below.append("requests to other hosts: " + ", ".join(others))
    scores["kB"] = report["audits"]["total-byte-weight"]["numericValue"] / 1000
    for name in CATEGORIES:
        for ref in report["categories"][name]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit["score"] is not None and audit["score"] < 1:
                shown = audit.get("displayValue") or ""
                below.append(f"{name}: {ref['id']} {audit['score']:.2f} {shown}")
    return scores, below


def main():
    binary = lighthouse_binary()
    work = Path(tempfile.mkdtemp(prefix="alt-portal-lighthouse-"))
    port = free_port()
    rows, notes = [], []
    with production_site(work, port, name="lighthouse"):
        patient = walk_check(port, 1).cookie_header()
        starter = start_check(port, 1).cookie_header()
        base = f"http://127.0.0.1:{port}"
        pages = [
            ("home", "/", None),
            (
                "cause page",
                os.environ.get("LIGHTHOUSE_CAUSE", "/articles/alcohol/"),
                None,
            ),
            ("step", "/check/warning-signs/", starter),
            ("result", "/check/result/", patient),
        ]
        if os.environ.get("LIGHTHOUSE_ALL"):  # Every other page a patient sees.
            pages += [
                ("causes list", "/articles/", None),
                ("tips", "/liver-health-tips/", None),
                ("check start", "/check/", None),
                ("step: test", "/check/test-result/", starter),
                ("answers", "/check/check-your-answers/", patient),
            ]
        for language, prefix in LANGUAGE_PREFIXES.items():
            for label, path, cookie in pages:
                url = base + prefix + path
                output = work / f"{language}-{label.replace(' ', '-')}.json"
                print(f"  Lighthouse: {prefix + path} ...", flush=True)
                try:
                    scores, below = run_lighthouse(binary, url, cookie, output)
                except subprocess.CalledProcessError:
                    scores = dict.fromkeys([*CATEGORIES, "kB"], float("nan"))
                    below = ["Lighthouse failed (its message is above)"]
                rows.append((label, language, scores))
                notes += [f"{language} {label}: {line}" for line in below]

    print()
    print(
        f"{'page':<12} {'lang':<8}"
        + "".join(f" {c:>14}" for c in CATEGORIES)
        + f" {'kB moved':>9}"
    )
    for label, language, scores in rows:
        print(
            f"{label:<12} {language:<8}"
            + "".join(f" {scores[c]:>14}" for c in CATEGORIES)
            + f" {scores['kB']:>9.1f}"
        )
    print("\nAudits below 100:" if notes else "\nEvery scored audit passed.")
    for line in notes:
        print("  " + line)
    print(
        "\nkB moved: bytes Lighthouse saw transferred for the page (HTML, CSS, "
        "favicon,\nheaders included; compressed as the server sent them)."
    )
    if os.environ.get("LIGHTHOUSE_KEEP"):
        print(f"Reports kept in {work}")
    else:
        shutil.rmtree(work, ignore_errors=True)
    if any(not scores[c] >= 100 for _, _, scores in rows for c in CATEGORIES):
        sys.exit("Not every score is 100.")


if __name__ == "__main__":
    main()
