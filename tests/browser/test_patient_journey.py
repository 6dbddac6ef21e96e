"""A patient's journey through the education pages, in a real browser on a phone."""

import re

import pytest
from playwright.sync_api import expect

from education.models import Article
from tests.browser.conftest import NARROW_PHONE_VIEWPORT, same_host

pytestmark = pytest.mark.browser

HOME_HEADING = "Understanding a raised ALT blood test"
CAUSES_HEADING = "Causes of a raised ALT"

# Every patient page, as (name, path); cause pages are added from the database.
FIXED_PAGES = [
    ("home", "/"),
    ("causes list", "/articles/"),
    ("tips", "/liver-health-tips/"),
    ("overview", "/articles/what-a-raised-alt-means/"),
    ("not found", "/no-such-page/"),
]


def h1(page):
    return page.get_by_role("heading", level=1)


def all_patient_pages():
    causes = [(cause.title, cause.get_absolute_url()) for cause in causes_in_order()]
    return FIXED_PAGES + causes


def causes_in_order():
    return list(Article.objects.published().causes().order_by("order", "title"))


def test_home_links_to_each_cause_and_back_returns_home(seeded_site, phone_page):
    page = phone_page
    home_url = seeded_site.url + "/"
    page.goto(home_url)
    expect(h1(page)).to_have_text(HOME_HEADING)

    causes = causes_in_order()
    assert len(causes) == 6  # five questionnaire causes and "Other causes"
    cause_links = page.locator("main .cause-list__link")
    expect(cause_links).to_have_text([cause.title for cause in causes])

    for cause in causes:
        cause_list = page.locator("main .cause-list")
        cause_list.get_by_role("link", name=cause.title, exact=True).click()
        expect(page).to_have_url(seeded_site.url + cause.get_absolute_url())
        expect(h1(page)).to_have_text(cause.title)
        expect(page).to_have_title(re.compile(rf"^{re.escape(cause.title)} – "))
        if cause.why_it_raises_alt:
            expect(
                page.get_by_role("heading", level=2, name="Why it can raise your ALT")
            ).to_be_visible()

        page.go_back()
        expect(page).to_have_url(home_url)
        expect(h1(page)).to_have_text(HOME_HEADING)


def test_home_shows_overview_link_and_tips(seeded_site, phone_page):
    page = phone_page
    page.goto(seeded_site.url + "/")
    page.get_by_role("link", name="Read more: What a raised ALT means").click()
    expect(h1(page)).to_have_text("What a raised ALT means")
    page.go_back()
    tips = page.locator("main .tip-list h3")
    expect(tips).to_have_count(7)
    page.get_by_role("link", name="More about looking after your liver").click()
    expect(page).to_have_url(seeded_site.url + "/liver-health-tips/")
    expect(h1(page)).to_have_text("Looking after your liver")


def test_breadcrumbs_lead_back_from_a_cause_page(seeded_site, phone_page):
    page = phone_page
    cause = causes_in_order()[0]
    cause_url = seeded_site.url + cause.get_absolute_url()
    page.goto(cause_url)

    breadcrumbs = page.get_by_role("navigation", name="Breadcrumb")
    expect(breadcrumbs.get_by_role("listitem")).to_have_text(
        ["Home", "Causes", cause.title]
    )
    expect(breadcrumbs.locator('[aria-current="page"]')).to_have_text(cause.title)

    breadcrumbs.get_by_role("link", name="Causes").click()
    expect(page).to_have_url(seeded_site.url + "/articles/")
    expect(h1(page)).to_have_text(CAUSES_HEADING)

    page.goto(cause_url)
    breadcrumbs.get_by_role("link", name="Home").click()
    expect(page).to_have_url(seeded_site.url + "/")
    expect(h1(page)).to_have_text(HOME_HEADING)


@pytest.mark.parametrize("path", ["/", "/articles/alcohol/"])
def test_first_tab_focuses_skip_link_which_moves_focus_to_main(
    seeded_site, phone_page, path
):
    page = phone_page
    page.goto(seeded_site.url + path)

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    expect(skip_link).to_be_focused()
    # Off-screen until focused; then it must be in view for a sighted keyboard user.
    expect(skip_link).to_be_in_viewport()

    page.keyboard.press("Enter")
    expect(page.locator("main#main-content")).to_be_focused()
    expect(page).to_have_url(re.compile(r"#main-content$"))

    # The next Tab continues inside the main content, past the header links.
    page.keyboard.press("Tab")
    assert page.evaluate(
        "document.querySelector('main').contains(document.activeElement)"
    )


def test_no_horizontal_scroll_at_320_px(seeded_site, make_page):
    # Not is_mobile: mobile emulation zooms out to fit wide content, so innerWidth
    # grows with the overflow and would hide it. A plain 320 px window cannot.
    page = make_page(NARROW_PHONE_VIEWPORT)
    too_wide = []
    for name, path in all_patient_pages():
        page.goto(seeded_site.url + path)
        widths = page.evaluate(
            """() => {
              const root = document.documentElement;
              const limit = Math.min(window.innerWidth, root.clientWidth);
              const culprits = [...document.querySelectorAll('body *')]
                .filter((el) => el.getBoundingClientRect().right > limit + 0.5)
                .slice(0, 5)
                .map((el) => el.tagName.toLowerCase()
                  + (el.id ? '#' + el.id : '')
                  + (el.className ? '.' + [...el.classList].join('.') : ''));
              return {
                scroll: root.scrollWidth,
                inner: limit,
                culprits,
              };
            }"""
        )
        if widths["scroll"] > widths["inner"]:
            too_wide.append((name, path, widths))
    assert too_wide == [], "Pages wider than 320 px (name, path, widths, culprits)"


def test_pages_load_nothing_from_other_hosts(seeded_site, phone_page):
    page = phone_page
    requested, failed = [], []
    page.on("request", lambda request: requested.append(request.url))
    page.on(
        "response",
        lambda response: (
            response.status >= 400
            and response.request.resource_type != "document"
            and failed.append((response.status, response.url))
        ),
    )
    # net::ERR_ABORTED only means the next navigation cancelled a request
    # (often the favicon); a missing file shows up as a 4xx response instead.
    page.on(
        "requestfailed",
        lambda request: (
            request.failure != "net::ERR_ABORTED"
            and failed.append((request.failure, request.url))
        ),
    )

    for _name, path in all_patient_pages():
        page.goto(seeded_site.url + path)
        page.wait_for_load_state("load")

    assert any(url.endswith("/static/css/site.css") for url in requested)
    assert [url for url in requested if not same_host(url, seeded_site.url)] == []
    assert failed == [], "Sub-resources that failed to load"


def test_print_hides_navigation_but_keeps_the_content(seeded_site, phone_page):
    page = phone_page
    page.goto(seeded_site.url + "/articles/alcohol/")
    main_nav = page.get_by_role("navigation", name="Main")
    breadcrumbs = page.get_by_role("navigation", name="Breadcrumb")
    expect(main_nav).to_be_visible()
    expect(breadcrumbs).to_be_visible()

    page.emulate_media(media="print")
    expect(main_nav).to_be_hidden()
    expect(breadcrumbs).to_be_hidden()
    expect(page.locator(".skip-link")).to_be_hidden()
    expect(h1(page)).to_have_text("Alcohol")
    expect(h1(page)).to_be_visible()
    expect(page.locator("main")).to_contain_text("Why it can raise your ALT")
    expect(page.locator(".site-footer")).to_contain_text(
        "This does not replace your doctor."
    )
