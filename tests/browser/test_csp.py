"""The Content-Security-Policy in a real browser: no page breaks any rule.

Chromium reports every blocked script, style, image, font, frame or form as a
``securitypolicyviolation`` event and a console message. An init script passes
each event to Python; console messages are watched too. Every page a patient or
a member of staff reaches is visited, the admin through its real login form
(django-axes needs a real request), and none may report anything.
"""

import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from education.models import Article
from tests.browser.test_questionnaire_journey import complete_check, see_result

pytestmark = pytest.mark.browser

ADMIN_USERNAME = "csp-admin"
ADMIN_PASSWORD = "csp-test-password-8c1e"

REPORT_VIOLATIONS = """
document.addEventListener(
  "securitypolicyviolation",
  (event) => window.__cspViolation({
    page: location.href,
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    source: event.sourceFile,
    line: event.lineNumber,
    sample: event.sample,
  }),
  true,
);
"""
# Let queued violation events fire before the next page replaces this one.
SETTLE = "() => new Promise((resolve) => setTimeout(resolve, 50))"
WATCHED_CONSOLE = re.compile(r"Content[- ]Security[- ]Policy|Permissions[- ]Policy")


class PolicyWatch:
    """Collect CSP violations, policy console messages and script errors."""

    def __init__(self, page):
        self.page = page
        self.problems = []
        page.expose_function("__cspViolation", self._violation)
        page.add_init_script(REPORT_VIOLATIONS)
        page.on("console", self._console)
        page.on("pageerror", self._page_error)
        self.visited = []

    def _violation(self, report):
        self.problems.append(f"CSP violation: {report}")

    def _console(self, message):
        if WATCHED_CONSOLE.search(message.text):
            self.problems.append(
                f"console {message.type} on {self.page.url}: {message.text}"
            )

    def _page_error(self, error):
        self.problems.append(f"script error on {self.page.url}: {error}")

    def settle(self):
        self.page.evaluate(SETTLE)
        self.visited.append(self.page.url)

    def visit(self, url, status=200):
        response = self.page.goto(url)
        assert response.status == status, (url, response.status)
        self.settle()

    def assert_clean(self):
        report = "\n".join(self.problems)
        assert not self.problems, f"{len(self.problems)} problem(s):\n{report}"


@pytest.fixture
def watched_page(desktop_page):
    return PolicyWatch(desktop_page)


def test_the_watch_catches_a_violation(seeded_site, watched_page):
    """A canary: inline style added by a script is blocked, and seen."""
    watched_page.visit(seeded_site.url + "/")
    watched_page.page.evaluate(
        "() => { const s = document.createElement('style');"
        " s.textContent = 'body { color: red }'; document.head.append(s); }"
    )
    watched_page.settle()
    assert any("style-src" in problem for problem in watched_page.problems), (
        watched_page.problems
    )


def test_patient_pages_and_the_check_break_no_policy(seeded_site, watched_page):
    base = seeded_site.url
    cause = Article.objects.filter(kind=Article.Kind.CAUSE).first()
    for path in ["/", cause.get_absolute_url(), "/articles/", "/liver-health-tips/"]:
        watched_page.visit(base + path)
    watched_page.visit(base + "/no-such-page/", status=404)
    watched_page.visit(base + "/check/")

    # Every step, answered through the page, then the result.
    page = watched_page.page
    page.on("load", lambda _: watched_page.visited.append(page.url))
    complete_check(page, base)
    see_result(page)
    watched_page.settle()
    steps = {url for url in watched_page.visited if "/check/" in url}
    assert len(steps) >= 10, steps  # start, 7 steps, check answers, result
    watched_page.assert_clean()


def log_in(watched_page, base):
    page = watched_page.page
    watched_page.visit(base + "/admin/login/")
    page.get_by_label("Username").fill(ADMIN_USERNAME)
    page.get_by_label("Password").fill(ADMIN_PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Patient information")).to_be_visible()
    watched_page.settle()


def test_admin_pages_break_no_policy(seeded_site, watched_page):
    User.objects.create_superuser(ADMIN_USERNAME, password=ADMIN_PASSWORD)
    base = seeded_site.url
    page = watched_page.page
    log_in(watched_page, base)

    article = Article.objects.get(slug="alcohol")
    admin_url = f"{base}/admin/education/article/"
    watched_page.visit(admin_url)
    watched_page.visit(f"{admin_url}?status__exact=published&q=liver")
    watched_page.visit(f"{admin_url}add/")
    page.get_by_label("Title:").press_sequentially("A new page")  # Fills the slug.
    expect(page.get_by_label("Web address:")).to_have_value("a-new-page")
    watched_page.settle()

    # Two saves through the change form, so History has versions to compare.
    watched_page.visit(f"{admin_url}{article.pk}/change/")
    page.get_by_label("Summary:").fill("Alcohol can raise ALT. Edited for the test.")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    watched_page.settle()

    watched_page.visit(f"{admin_url}{article.pk}/history/")
    page.get_by_role("button", name="compare").first.click()
    expect(page).to_have_url(re.compile(r"/history/compare/\?"))
    expect(page.get_by_text("Edited for the test.")).to_be_visible()
    watched_page.settle()

    watched_page.visit(f"{base}/admin/education/tip/")
    watched_page.visit(f"{base}/admin/admin/logentry/")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Audit trail: who changed what, and when"
    )
    expect(page.get_by_role("link", name="Alcohol").first).to_be_visible()
    watched_page.visit(f"{base}/admin/admin/logentry/?action_flag__exact=2")
    watched_page.visit(f"{base}/admin/axes/accessattempt/")
    watched_page.visit(f"{base}/admin/auth/user/")
    watched_page.visit(base + "/admin/password_change/")
    watched_page.assert_clean()


def test_lockout_page_breaks_no_policy(seeded_site, watched_page):
    """Five wrong passwords for a made-up name: the lockout page. The limit is
    per user name and address, so no real account is affected."""
    page = watched_page.page
    watched_page.visit(seeded_site.url + "/admin/login/")
    for _ in range(5):
        page.get_by_label("Username").fill("nobody-at-all")
        page.get_by_label("Password").fill("wrong")
        with page.expect_navigation():
            page.get_by_role("button", name="Log in").click()
        watched_page.settle()
        if page.get_by_role("heading", name="Sign-in locked").count():
            break
    expect(page.get_by_role("heading", name="Sign-in locked")).to_be_visible()
    watched_page.assert_clean()
