"""Browser walks for the questions added for clinical safety (issue 7).

One walk per new question (pregnancy, feeling unwell) and one for an emergency
sign, answered by visible label, with an axe scan (0 violations) on each new or
changed page. Each walk ends on the care card the patient would read.
"""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.test_questionnaire_journey import (
    CHECK_ANSWERS,
    URGENT,
    answer_alcohol,
    answer_hepatitis,
    answer_medicines,
    answer_pregnancy,
    answer_sleep,
    answer_test_result,
    answer_warning_signs,
    answer_weight,
    care_card,
    expect_at,
    group,
    h1,
    press_continue,
    see_result,
    step_path,
    summary_answer,
)

pytestmark = pytest.mark.browser


def answer_middle_pages(page):
    answer_sleep(page)
    answer_alcohol(page)
    answer_hepatitis(page)
    answer_weight(page)


def test_pregnancy_question_walk(seeded_site, phone_page, assert_no_axe_violations):
    page = phone_page
    page.goto(seeded_site.url + step_path("warning-signs"))
    answer_warning_signs(page)
    # ALT 120 against 40: 3x, which alone would be "2 to 4 weeks".
    answer_test_result(page, sex="Female")
    answer_middle_pages(page)

    expect_at(page, seeded_site.url + step_path("pregnancy"))
    expect(h1(page)).to_have_text("Pregnancy")
    expect(page.get_by_text("Step 7 of 8: Pregnancy")).to_be_visible()
    assert_no_axe_violations(page)
    group(page, re.compile(r"^Are you pregnant, or have you given birth")).get_by_label(
        "Yes", exact=True
    ).check()
    press_continue(page)

    answer_medicines(page)
    expect_at(page, seeded_site.url + CHECK_ANSWERS)
    expect(summary_answer(page, "Are you pregnant")).to_have_text("Yes")
    assert_no_axe_violations(page)

    see_result(page)
    card = care_card(page)
    expect(card.get_by_role("heading", level=2)).to_contain_text("See a doctor today")
    expect(card).to_contain_text("Contact your midwife or maternity unit today")
    net = page.locator(".safety-net")
    expect(net).to_contain_text("contact your midwife or maternity unit")
    expect(net).to_contain_text("Pain just below your ribs")
    assert_no_axe_violations(page)


def test_a_man_walks_past_the_pregnancy_page(seeded_site, phone_page):
    page = phone_page
    page.goto(seeded_site.url + step_path("warning-signs"))
    answer_warning_signs(page)
    answer_test_result(page, sex="Male")
    expect(page.get_by_text("Step 3 of 7")).to_be_visible()
    answer_middle_pages(page)
    # Straight from the weight page to the medicines page.
    expect_at(page, seeded_site.url + step_path("medicines"))
    answer_medicines(page)
    expect(page.get_by_text("Are you pregnant")).to_have_count(0)


def test_feeling_unwell_question_walk(
    seeded_site, phone_page, assert_no_axe_violations
):
    page = phone_page
    page.goto(seeded_site.url + step_path("warning-signs"))
    expect(h1(page)).to_have_text("First, check for warning signs")
    assert_no_axe_violations(page)
    page.get_by_label("No, none of these").check()
    group(page, re.compile(r"^Do you feel unwell at the moment\?")).get_by_label(
        "Yes", exact=True
    ).check()
    press_continue(page)

    # 200 against 40: 5x, "within a few days" for someone who feels well.
    answer_test_result(page, alt="200", sex="Male")
    answer_middle_pages(page)
    answer_medicines(page)
    expect(summary_answer(page, "Do you feel unwell")).to_have_text("Yes")

    see_result(page)
    card = care_card(page)
    expect(card.get_by_role("heading", level=2)).to_contain_text("See a doctor today")
    expect(card).to_contain_text("You told us you feel unwell")
    expect(card).to_contain_text("urgent care service or to A&E")
    assert_no_axe_violations(page)


def test_emergency_sign_walk_keeps_the_advice_first(
    seeded_site, phone_page, assert_no_axe_violations
):
    page = phone_page
    page.goto(seeded_site.url + step_path("warning-signs"))
    answer_warning_signs(page, "Fainting, or nearly fainting")

    expect_at(page, seeded_site.url + URGENT)
    expect(care_card(page).get_by_role("heading")).to_contain_text(
        "Get emergency help now"
    )
    expect(page.get_by_role("heading", name="Get help first")).to_be_visible()
    expect(page.get_by_role("link", name="Continue the check")).to_have_count(0)
    assert_no_axe_violations(page)

    page.get_by_role("link", name="go on with the check").click()
    expect_at(page, seeded_site.url + step_path("test-result"))
    banner = page.get_by_role("region", name=re.compile("warning sign"))
    expect(banner).to_contain_text("Get emergency help now")
    assert_no_axe_violations(page)
    # A normal ALT: the result still leads with the emergency advice.
    answer_test_result(page, alt="30")
    expect(page.get_by_role("region", name=re.compile("warning sign"))).to_be_visible()
    answer_middle_pages(page)
    answer_pregnancy(page)
    answer_medicines(page)
    expect(page.get_by_role("region", name=re.compile("warning sign"))).to_be_visible()
    see_result(page)
    card = care_card(page)
    expect(card.get_by_role("heading", level=2)).to_contain_text(
        "Get emergency help now"
    )
    headline = page.locator(".result-headline")
    expect(headline).to_contain_text("does not change the advice above")
    expect(headline).not_to_contain_text("within")
    expect(page.get_by_text("Mention it at your next visit")).to_have_count(0)
    assert_no_axe_violations(page)
