"""Shared fixtures for the Playwright browser tests.

Use them from any test in tests/browser/ (mark it ``@pytest.mark.browser``):

- ``seeded_site``: the live server, with the real starter content committed.
- ``make_page``: open a fresh page at any viewport size.
- ``phone_page`` / ``desktop_page``: a page at a phone or a laptop size.
- ``assert_no_axe_violations(page)``: run axe-core on the page and fail with a
  readable report of every WCAG 2.2 A/AA violation.
"""

from urllib.parse import urlsplit

import pytest
from axe_playwright_python.base import AXE_SCRIPT

from education.seeding import load_seed

PHONE_VIEWPORT = {"width": 390, "height": 844}
NARROW_PHONE_VIEWPORT = {"width": 320, "height": 640}
DESKTOP_VIEWPORT = {"width": 1280, "height": 800}

# Fail fast: no page of this site should take seconds to show something.
DEFAULT_TIMEOUT_MS = 5_000

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


@pytest.fixture
def seeded_site(live_server, transactional_db):
    """Return the live server, with the starter articles and tips committed."""
    summary = load_seed()
    assert summary.skipped == [], summary.skipped
    return live_server


@pytest.fixture
def make_page(browser):
    """Return a function that opens a new page (own context) at a given viewport."""
    contexts = []

    def _make_page(viewport=DESKTOP_VIEWPORT, *, is_mobile=False):
        context = browser.new_context(
            viewport=viewport, is_mobile=is_mobile, has_touch=is_mobile
        )
        context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        contexts.append(context)
        return context.new_page()

    yield _make_page
    for context in contexts:
        context.close()


@pytest.fixture
def phone_page(make_page):
    """Return a page on a 390×844 touch phone viewport."""
    return make_page(PHONE_VIEWPORT, is_mobile=True)


@pytest.fixture
def desktop_page(make_page):
    """Return a page on a 1280×800 desktop viewport."""
    return make_page(DESKTOP_VIEWPORT)


def same_host(url, server_url):
    """Return whether url is served by the server at server_url (or is inline)."""
    parts = urlsplit(url)
    if parts.scheme in {"data", "blob", "about"}:
        return True
    return parts.netloc == urlsplit(server_url).netloc


def run_axe(page, context=None, tags=AXE_TAGS):
    """Run axe-core on the page for the WCAG tags; return its list of violations."""
    page.evaluate(AXE_SCRIPT)
    options = {
        "runOnly": {"type": "tag", "values": list(tags)},
        "resultTypes": ["violations"],
    }
    results = page.evaluate(
        "([context, options]) => axe.run(context || document, options)",
        [context, options],
    )
    return results["violations"]


def format_axe_violations(violations, url=""):
    """Return a readable report: each violation's id, help, link and failing nodes."""
    lines = [f"{len(violations)} axe violation(s) on {url}:"]
    for violation in violations:
        lines.append(
            f"\n- {violation['id']} ({violation['impact']}): {violation['help']}"
            f"\n  {violation['helpUrl']}"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    target: {target}")
            lines.append(f"      html: {node['html'].strip()[:200]}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n        ")
            if summary:
                lines.append(f"        {summary}")
    return "\n".join(lines)


def check_no_axe_violations(page, context=None, tags=AXE_TAGS):
    """Fail the test, with a readable report, if axe finds any violation."""
    violations = run_axe(page, context=context, tags=tags)
    report = format_axe_violations(violations, page.url)
    if violations:
        print(report)
    assert not violations, report


@pytest.fixture
def assert_no_axe_violations():
    """Return the helper that fails with a readable report on any axe violation."""
    return check_no_axe_violations
