"""axe-core scans of the patient pages: zero WCAG 2.2 A/AA violations allowed."""

from http import HTTPStatus

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP_VIEWPORT, PHONE_VIEWPORT

pytestmark = pytest.mark.browser

PAGES = [
    pytest.param(
        "/", HTTPStatus.OK, "Understanding a raised ALT blood test", id="home"
    ),
    pytest.param("/articles/alcohol/", HTTPStatus.OK, "Alcohol", id="cause"),
    pytest.param(
        "/articles/", HTTPStatus.OK, "Causes of a raised ALT", id="causes-list"
    ),
    pytest.param(
        "/liver-health-tips/", HTTPStatus.OK, "Looking after your liver", id="tips"
    ),
    pytest.param(
        "/no-such-page/", HTTPStatus.NOT_FOUND, "Page not found", id="not-found"
    ),
]

# The header lays out differently from 48rem up, so scan both layouts.
VIEWPORTS = [
    pytest.param(PHONE_VIEWPORT, True, id="phone"),
    pytest.param(DESKTOP_VIEWPORT, False, id="desktop"),
]


@pytest.mark.parametrize(("viewport", "is_mobile"), VIEWPORTS)
@pytest.mark.parametrize(("path", "status", "heading"), PAGES)
def test_page_has_no_axe_violations(
    seeded_site,
    make_page,
    assert_no_axe_violations,
    path,
    status,
    heading,
    viewport,
    is_mobile,
):
    page = make_page(viewport, is_mobile=is_mobile)
    response = page.goto(seeded_site.url + path)
    assert response.status == status
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    # Contrast is only meaningful once site.css has loaded: check its header blue.
    expect(page.locator(".site-header")).to_have_css(
        "background-color", "rgb(0, 94, 184)"
    )
    assert_no_axe_violations(page)
