"""axe-core scans of every page of the ALT check: zero WCAG 2.2 A/AA violations.

Each page is scanned in the state a patient sees it: earlier pages are answered
first (posted in the page's own session), then the page is opened in the browser.
"""

import re

import pytest
from playwright.sync_api import expect

from questionnaire import rules
from questionnaire.forms import STEPS, STEPS_BY_SLUG
from tests.browser.conftest import DESKTOP_VIEWPORT, PHONE_VIEWPORT
from tests.browser.test_questionnaire_journey import (
    CHECK_ANSWERS,
    EMERGENCY_SIGN,
    RESULT,
    START,
    URGENT,
    post_answers,
    step_path,
)

pytestmark = pytest.mark.browser

SLUGS = [step.slug for step in STEPS]


def h1(page):
    return page.get_by_role("heading", level=1)


def open_page(page, url, heading):
    """Open url and wait until it is styled: contrast means nothing before."""
    page.goto(url)
    expect(h1(page)).to_have_text(heading)
    expect(page.locator(".site-header")).to_have_css(
        "background-color", "rgb(0, 94, 184)"
    )


@pytest.fixture
def phone(make_page):
    return make_page(PHONE_VIEWPORT, is_mobile=True)


def test_start_page(seeded_site, phone, assert_no_axe_violations):
    open_page(phone, seeded_site.url + START, "Check your ALT result")
    assert_no_axe_violations(phone)


@pytest.mark.parametrize("slug", SLUGS)
def test_step_page(seeded_site, phone, assert_no_axe_violations, slug):
    before = SLUGS[: SLUGS.index(slug)]
    if before:
        assert post_answers(phone, seeded_site.url, before) == step_path(slug)
    open_page(
        phone, seeded_site.url + step_path(slug), str(STEPS_BY_SLUG[slug].question)
    )
    expect(phone.get_by_role("button", name="Continue", exact=True)).to_be_visible()
    assert_no_axe_violations(phone)


def test_test_result_page_with_errors(seeded_site, phone, assert_no_axe_violations):
    post_answers(phone, seeded_site.url, ["warning-signs"])
    open_page(phone, seeded_site.url + step_path("test-result"), "Your ALT test result")
    # Three kinds of error at once: a bad number, a missing choice (the unit)
    # and an age out of range.
    phone.get_by_label("ALT result").fill("abc")
    phone.get_by_label("Upper limit of the normal range").fill("5")
    phone.get_by_label("Age in years of the person who had the test").fill("150")
    phone.get_by_role("button", name="Continue", exact=True).click()
    expect(phone).to_have_title(re.compile(r"^Error: "))
    summary = phone.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    expect(summary.get_by_role("link")).to_have_count(3)
    assert_no_axe_violations(phone)

    # Then unusual but possible values: each gets its "I have checked" box.
    phone.get_by_label("ALT result").fill("6000")
    phone.get_by_role("radio", name="U/L (units per litre, also written IU/L)").check()
    phone.get_by_label("Age in years of the person who had the test").fill("52")
    phone.get_by_role("button", name="Continue", exact=True).click()
    expect(summary.get_by_role("link")).to_have_count(2)
    expect(phone.get_by_label("I have checked: this result")).to_be_visible()
    expect(
        phone.get_by_label("I have checked: this is the upper limit")
    ).to_be_visible()
    assert_no_axe_violations(phone)


def test_urgent_page(seeded_site, phone, assert_no_axe_violations):
    path = post_answers(
        phone, seeded_site.url, ["warning-signs"], warning_signs=EMERGENCY_SIGN
    )
    assert path == URGENT
    open_page(phone, seeded_site.url + URGENT, "You need medical help")
    assert_no_axe_violations(phone)


def test_children_page(seeded_site, phone, assert_no_axe_violations):
    path = post_answers(
        phone,
        seeded_site.url,
        ["warning-signs", "test-result"],
        test_result={"age": "15"},
    )
    assert path == "/check/children/"
    open_page(phone, seeded_site.url + path, "This check is for adults")
    assert_no_axe_violations(phone)


def test_check_your_answers_page(seeded_site, phone, assert_no_axe_violations):
    assert post_answers(phone, seeded_site.url) == CHECK_ANSWERS
    open_page(phone, seeded_site.url + CHECK_ANSWERS, "Check your answers")
    assert_no_axe_violations(phone)


def open_result(page, base_url, **changes):
    post_answers(page, base_url, **changes)
    open_page(page, base_url + RESULT, "Your ALT result")
    # Scan with the "Other causes" list open too, so its links are checked.
    page.locator("details.other-causes > summary").click()


def test_result_page_mild_rise(seeded_site, phone, assert_no_axe_violations):
    open_result(phone, seeded_site.url)
    expect(phone.locator(".result-headline")).to_contain_text("mildly raised")
    # The safety net shows even when the advice is weeks away.
    expect(phone.locator(".safety-net")).to_contain_text(
        "Get help straight away if you get any of these:"
    )
    expect(phone.get_by_role("button", name="Print this page")).to_be_visible()
    assert_no_axe_violations(phone)


def test_result_page_emergency(seeded_site, phone, assert_no_axe_violations):
    open_result(phone, seeded_site.url, warning_signs=EMERGENCY_SIGN)
    expect(phone.locator(".care-card--emergency")).to_contain_text(
        str(rules.Urgency.EMERGENCY.label)
    )
    assert_no_axe_violations(phone)


def test_result_page_on_desktop(seeded_site, make_page, assert_no_axe_violations):
    page = make_page(DESKTOP_VIEWPORT)
    open_result(page, seeded_site.url)
    assert_no_axe_violations(page)
