"""The corrected starter content in a real browser: every article page passes
axe, and the admin's reading score updates as staff type (under the CSP)."""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from education.models import Article, Tip
from tests.browser.conftest import DESKTOP_VIEWPORT, PHONE_VIEWPORT

pytestmark = pytest.mark.browser

SEEDED_ARTICLE_PAGES = [
    "/articles/what-a-raised-alt-means/",
    "/articles/sleep-loss-and-overexertion/",
    "/articles/alcohol/",
    "/articles/viral-hepatitis/",
    "/articles/fatty-liver-disease/",
    "/articles/medicines-and-liver-injury/",
    "/articles/other-causes/",
    "/liver-health-tips/",
    "/",
]


@pytest.mark.parametrize(
    ("viewport", "is_mobile"),
    [
        pytest.param(PHONE_VIEWPORT, True, id="phone"),
        pytest.param(DESKTOP_VIEWPORT, False, id="desktop"),
    ],
)
def test_every_starter_page_has_no_axe_violations(
    seeded_site, make_page, assert_no_axe_violations, viewport, is_mobile
):
    assert Article.objects.count() == len(SEEDED_ARTICLE_PAGES) - 1
    page = make_page(viewport, is_mobile=is_mobile)
    for path in SEEDED_ARTICLE_PAGES:
        response = page.goto(seeded_site.url + path)
        assert response.ok, path
        expect(page.get_by_role("heading", level=1)).to_have_count(1)
        expect(page.locator(".site-header")).to_have_css(
            "background-color", "rgb(0, 94, 184)"
        )
        assert_no_axe_violations(page)


def test_overview_urgent_list_fits_a_phone(seeded_site, make_page):
    page = make_page({"width": 320, "height": 640}, is_mobile=True)
    page.goto(seeded_site.url + "/articles/what-a-raised-alt-means/")
    expect(
        page.get_by_role("heading", name="When to get help urgently")
    ).to_be_visible()
    # Nothing wider than the screen: no sideways scrolling on a small phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_reading_score_updates_as_staff_type(seeded_site, make_page):
    User.objects.create_superuser("score-admin", password="score-test-password-5d2")
    page = make_page(DESKTOP_VIEWPORT)
    problems = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on(
        "console",
        lambda message: (
            problems.append(message.text)
            if "Content Security Policy" in message.text or message.type == "error"
            else None
        ),
    )
    page.goto(seeded_site.url + "/admin/login/")
    page.get_by_label("Username").fill("score-admin")
    page.get_by_label("Password").fill("score-test-password-5d2")
    page.get_by_role("button", name="Log in").click()

    tip = Tip.objects.get(title="Avoid alcohol")
    page.goto(f"{seeded_site.url}/admin/education/tip/{tip.pk}/change/")
    score = page.locator(".reading-score__value")
    expect(score).to_contain_text("Easy to read for most patients.")
    page.get_by_label("Details:").fill(
        "Hepatocellular necrosis consequent upon idiosyncratic hepatotoxicity "
        "necessitates immediate discontinuation of the implicated pharmaceutical."
    )
    expect(score).to_contain_text("Hard for many patients")
    page.get_by_label("Details:").fill("Drink less. It helps your liver.")
    expect(score).to_contain_text("Easy to read for most patients.")
    assert problems == []
