"""The ALT check, walked through in a real browser the way a patient does it.

Every answer is given by its visible label or role, never by a field name, so a
label that changes or stops being tied to its box breaks these tests.
"""

import os
import re
import time
from urllib.parse import urlencode, urlsplit

import pytest
from playwright.sync_api import expect

from questionnaire import rules
from questionnaire.forms import STEPS
from tests.browser.conftest import (
    DEFAULT_TIMEOUT_MS,
    NARROW_PHONE_VIEWPORT,
    PHONE_VIEWPORT,
)
from tests.questionnaire.answers import JOURNEY_ANSWERS

pytestmark = pytest.mark.browser

START = "/check/"
CHECK_ANSWERS = "/check/check-your-answers/"
RESULT = "/check/result/"
URGENT = "/check/urgent/"


def step_path(slug):
    return f"/check/{slug}/"


def expect_at(page, url):
    """Expect the page at url. A fragment may follow: a form posts to its page's
    URL, #fragment included, and the browser keeps it across the redirect."""
    expect(page).to_have_url(re.compile("^" + re.escape(url) + "(#.*)?$"))


def h1(page):
    return page.get_by_role("heading", level=1)


def group(page, name):
    """Return a question asked with a fieldset, found by its legend."""
    return page.get_by_role("group", name=name)


def press_continue(page):
    page.get_by_role("button", name="Continue", exact=True).click()


def care_card(page):
    """Return the care card, a region named "How soon to get help: …"."""
    return page.get_by_role("region", name=re.compile(r"^How soon to get help:"))


def summary_answer(page, question):
    """Return the answer shown for a question on "Check your answers"."""
    row = page.locator(".summary-list__row").filter(
        has=page.get_by_role("term").filter(has_text=question)
    )
    return row.get_by_role("definition").first


# One page of the check each, answered by label -------------------------------


def answer_warning_signs(page, sign="No, none of these"):
    expect(h1(page)).to_have_text("First, check for warning signs")
    page.get_by_label(sign).check()
    press_continue(page)


def fill_test_result(page, alt="120", upper_limit="40", age="52", sex="Female"):
    expect(h1(page)).to_have_text("Your ALT test result")
    page.get_by_label("ALT result").fill(alt)
    group(page, re.compile(r"^Unit printed next to the result")).get_by_label(
        "U/L (units per litre, also written IU/L)"
    ).check()
    page.get_by_label("Upper limit of the normal range").fill(upper_limit)
    page.get_by_label("Age in years of the person who had the test").fill(age)
    group(page, re.compile(r"^Sex of the person who had the test")).get_by_label(
        sex, exact=True
    ).check()


def answer_test_result(page, **values):
    fill_test_result(page, **values)
    press_continue(page)


def answer_sleep(page):
    expect(h1(page)).to_have_text("Sleep and hard physical work")
    page.get_by_label("How many hours do you usually sleep a night?").fill("7")
    group(page, "Do you work night shifts?").get_by_label("No", exact=True).check()
    group(page, re.compile(r"did you do hard exercise or heavy work\?$")).get_by_label(
        "No", exact=True
    ).check()
    press_continue(page)


def answer_alcohol(page):
    expect(h1(page)).to_have_text("Alcohol")
    group(page, "How often do you have a drink containing alcohol?").get_by_label(
        "Monthly or less"
    ).check()
    group(page, re.compile(r"^On a day when you drink")).get_by_label(
        "1 or 2", exact=True
    ).check()
    group(page, re.compile(r"^How often do you have 6 or more")).get_by_label(
        "Never", exact=True
    ).check()
    press_continue(page)


def answer_hepatitis(page):
    expect(h1(page)).to_have_text("Hepatitis B and C")
    group(page, "Have you ever had a blood test for hepatitis B?").get_by_label(
        "Yes, and it did not find the virus"
    ).check()
    group(page, "Have you ever had a blood test for hepatitis C?").get_by_label(
        "No, never"
    ).check()
    group(page, "Do any of these apply to you, now or in the past?").get_by_label(
        "None of these", exact=True
    ).check()
    press_continue(page)


def answer_weight(page):
    expect(h1(page)).to_have_text("Weight and metabolic health")
    page.get_by_label("Height in centimetres").fill("165")
    page.get_by_label("Weight in kilograms").fill("64")
    group(page, "Do you have diabetes or prediabetes?").get_by_label(
        "No", exact=True
    ).check()
    group(
        page, "Do you have high blood pressure, or take medicine for it?"
    ).get_by_label("No", exact=True).check()
    group(page, re.compile(r"^Do you take medicine for high cholesterol")).get_by_label(
        "Yes", exact=True
    ).check()
    press_continue(page)


def answer_pregnancy(page, answer="No"):
    expect(h1(page)).to_have_text("Pregnancy")
    group(page, re.compile(r"^Are you pregnant")).get_by_label(
        answer, exact=True
    ).check()
    press_continue(page)


def answer_medicines(page):
    expect(h1(page)).to_have_text("Medicines and supplements")
    page.get_by_label("Take a statin for cholesterol").check()
    press_continue(page)


def answer_steps_after_test_result(page):
    answer_sleep(page)
    answer_alcohol(page)
    answer_hepatitis(page)
    answer_weight(page)
    answer_pregnancy(page)
    answer_medicines(page)
    expect(h1(page)).to_have_text("Check your answers")


def complete_check(page, base_url, sign="No, none of these"):
    """Answer every page from the start page; end on "Check your answers"."""
    page.goto(base_url + START)
    page.get_by_role("link", name="Start now").click()
    answer_warning_signs(page, sign)
    if sign != "No, none of these":
        expect_at(page, base_url + URGENT)
        page.get_by_role("link", name="go on with the check").click()
    answer_test_result(page)
    answer_steps_after_test_result(page)


def see_result(page):
    page.get_by_role("link", name="See my result").click()
    expect(h1(page)).to_have_text("Your ALT result")


# Answers posted straight to the server --------------------------------------

EMERGENCY_SIGN = {"warning_signs": ["confusion-or-sleepiness"]}


def post_answers(page, base_url, slugs=tuple(JOURNEY_ANSWERS), **changes):
    """Answer the pages named by slugs, in order, in the page's own session, by
    posting each form as the browser would. ``changes`` maps a slug (with _ for
    -) to the fields to change. Return the path of the page the last one led to.
    """
    if not any(c["name"] == "csrftoken" for c in page.context.cookies()):
        page.goto(base_url + step_path("warning-signs"))
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    path = None
    for slug in slugs:
        data = {
            **JOURNEY_ANSWERS[slug],
            **changes.get(slug.replace("-", "_"), {}),
            "csrfmiddlewaretoken": token,
        }
        response = page.request.post(
            base_url + step_path(slug),
            data=urlencode(data, doseq=True),
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert response.ok, (slug, response.status)
        path = urlsplit(response.url).path
        assert path != step_path(slug), f"{slug} was not accepted: {data}"
    return path


# The journeys ---------------------------------------------------------------


def test_phone_walk_from_home_to_result_and_a_cause_article(seeded_site, phone_page):
    page = phone_page
    started = time.perf_counter()
    page.goto(seeded_site.url + "/")
    page.get_by_role("link", name="Check my ALT result").click()
    expect_at(page, seeded_site.url + START)
    expect(h1(page)).to_have_text("Check your ALT result")
    page.get_by_role("link", name="Start now").click()
    expect_at(page, seeded_site.url + step_path("warning-signs"))
    expect(page.get_by_text("Step 1 of 8: Warning signs")).to_be_visible()

    answer_warning_signs(page)
    expect_at(page, seeded_site.url + step_path("test-result"))
    expect(page).to_have_title(re.compile(r"^Step 2 of 8: Your test result"))
    answer_test_result(page)
    answer_steps_after_test_result(page)

    expect_at(page, seeded_site.url + CHECK_ANSWERS)
    expect(summary_answer(page, "ALT result")).to_have_text("120")
    expect(summary_answer(page, "Upper limit of the normal range")).to_have_text("40")
    expect(summary_answer(page, "Age in years of the person")).to_have_text("52")
    expect(summary_answer(page, "Sex of the person")).to_have_text("Female")
    expect(summary_answer(page, "Which of these apply to you?")).to_contain_text(
        "Take a statin"
    )

    see_result(page)
    expect_at(page, seeded_site.url + RESULT)
    headline = page.locator(".result-headline")
    expect(headline).to_contain_text("Your ALT is 120 U/L")
    expect(headline).to_contain_text("about 3 times")
    expect(headline).to_contain_text("mildly raised")
    expect(page.get_by_role("img", name=re.compile("mildly raised"))).to_be_visible()
    card = care_card(page)
    expect(card).to_be_visible()
    expect(card.get_by_role("heading", level=2)).to_contain_text(
        str(rules.Urgency.SOON.label)
    )

    causes = page.get_by_role("region", name="What might be raising your ALT")
    # The causes are an ordered list, strongest evidence first; the first one with an
    # article is a link.
    first_cause = causes.get_by_role("list").first.get_by_role("link").first
    expect(first_cause).to_be_visible()
    title = first_cause.inner_text().strip()
    assert title
    first_cause.click()
    expect(h1(page)).to_have_text(title)
    elapsed = time.perf_counter() - started
    print(f"\nPhone walk, home to cause article: {elapsed:.2f} s")


def test_back_link_shows_the_answers_already_given(seeded_site, phone_page):
    page = phone_page
    page.goto(seeded_site.url + step_path("warning-signs"))
    answer_warning_signs(page)
    answer_test_result(page)
    expect_at(page, seeded_site.url + step_path("sleep-and-exertion"))

    page.get_by_role("link", name="Back", exact=True).click()
    expect_at(page, seeded_site.url + step_path("test-result"))
    expect(page.get_by_label("ALT result")).to_have_value("120")
    expect(page.get_by_label("Upper limit of the normal range")).to_have_value("40")
    expect(
        page.get_by_label("Age in years of the person who had the test")
    ).to_have_value("52")
    expect(
        page.get_by_role("radio", name="U/L (units per litre, also written IU/L)")
    ).to_be_checked()
    expect(
        group(page, re.compile(r"^Sex of the person who had the test")).get_by_label(
            "Female", exact=True
        )
    ).to_be_checked()

    # And Back again reaches the first page, with its answer ticked.
    page.get_by_role("link", name="Back", exact=True).click()
    expect_at(page, seeded_site.url + step_path("warning-signs"))
    expect(page.get_by_label("No, none of these")).to_be_checked()


def test_bad_alt_shows_an_error_summary_that_leads_to_the_field(
    seeded_site, phone_page
):
    page = phone_page
    page.goto(seeded_site.url + step_path("warning-signs"))
    answer_warning_signs(page)
    fill_test_result(page, alt="abc")
    press_continue(page)

    expect_at(page, seeded_site.url + step_path("test-result"))
    expect(page).to_have_title(re.compile(r"^Error: Step 2 of 8"))
    summary = page.get_by_role("alert")
    expect(summary).to_be_visible()
    # Focus lands on the summary, so screen readers read it first.
    expect(summary).to_be_focused()
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    summary_link = summary.get_by_role("link", name="Enter a number, like 56")
    expect(summary_link).to_be_visible()

    alt = page.get_by_label("ALT result")
    expect(alt).to_have_value("abc")
    expect(alt).to_have_attribute("aria-invalid", "true")
    # The message is read out with the box, not only shown under it.
    expect(alt).to_have_accessible_description(re.compile("Enter a number, like 56"))

    summary_link.click()
    expect(alt).to_be_focused()
    expect(alt).to_be_in_viewport()

    # Nothing else the patient typed is lost.
    expect(page.get_by_label("Upper limit of the normal range")).to_have_value("40")
    expect(
        page.get_by_label("Age in years of the person who had the test")
    ).to_have_value("52")
    expect(
        group(page, re.compile(r"^Sex of the person who had the test")).get_by_label(
            "Female", exact=True
        )
    ).to_be_checked()

    # Correcting the value moves on.
    alt.fill("120")
    press_continue(page)
    expect_at(page, seeded_site.url + step_path("sleep-and-exertion"))


def test_warning_sign_interrupts_then_result_keeps_emergency_advice(
    seeded_site, phone_page
):
    page = phone_page
    emergency = str(rules.Urgency.EMERGENCY.label)
    page.goto(seeded_site.url + step_path("warning-signs"))
    answer_warning_signs(page, "New confusion, or feeling much sleepier than usual")

    expect_at(page, seeded_site.url + URGENT)
    expect(care_card(page)).to_be_visible()
    expect(care_card(page).get_by_role("heading")).to_contain_text(emergency)
    expect(page.locator("main")).to_contain_text("New confusion")

    page.get_by_role("link", name="go on with the check").click()
    expect_at(page, seeded_site.url + step_path("test-result"))
    answer_test_result(page)
    answer_steps_after_test_result(page)
    see_result(page)

    expect(page.locator(".result-headline")).to_contain_text("mildly raised")
    card = care_card(page)
    expect(card).to_be_visible()
    expect(card.get_by_role("heading", level=2)).to_contain_text(emergency)
    expect(card).to_contain_text("emergency")


def test_under_18_is_sent_to_the_childrens_page_with_a_red_warning(
    seeded_site, phone_page
):
    page = phone_page
    page.goto(seeded_site.url + step_path("warning-signs"))
    answer_warning_signs(page)
    answer_test_result(page, age="15")
    expect_at(page, seeded_site.url + "/check/children/")
    expect(h1(page)).to_have_text("This check is for adults")
    warning = page.locator(".inset--warning")
    expect(warning).to_contain_text("Get medical help straight away")
    # The warning box is drawn in the warning red (#d5281b), not the plain
    # blue of an information box: .inset--warning must win over .inset.
    expect(warning).to_have_css("border-left-color", "rgb(213, 40, 27)")
    expect(warning).to_have_css("background-color", "rgb(255, 244, 243)")


def test_change_link_edits_an_answer_and_returns_to_check_answers(
    seeded_site, phone_page
):
    page = phone_page
    complete_check(page, seeded_site.url)
    expect(summary_answer(page, "Age in years of the person")).to_have_text("52")

    page.get_by_role("link", name=re.compile(r"^Change Age in years")).click()
    expect(page).to_have_url(
        seeded_site.url + step_path("test-result") + "?change=1#id_age"
    )
    age = page.get_by_label("Age in years of the person who had the test")
    expect(age).to_have_value("52")
    expect(age).to_be_in_viewport()
    expect(page.get_by_role("link", name="Back", exact=True)).to_have_attribute(
        "href", CHECK_ANSWERS
    )
    age.fill("61")
    page.get_by_role("button", name="Save and go back to your answers").click()

    expect_at(page, seeded_site.url + CHECK_ANSWERS)
    expect(summary_answer(page, "Age in years of the person")).to_have_text("61")
    expect(summary_answer(page, "ALT result")).to_have_text("120")


def test_every_change_link_points_at_its_question(seeded_site, phone_page):
    """A Change link's #fragment must name an element on the page it opens, so
    the browser scrolls to the question (radios and tick lists included)."""
    page = phone_page
    post_answers(page, seeded_site.url)
    page.goto(seeded_site.url + CHECK_ANSWERS)
    hrefs = page.get_by_role("link", name=re.compile(r"^Change ")).evaluate_all(
        "links => links.map(link => link.getAttribute('href'))"
    )
    questions = [
        name
        for step in STEPS
        for name in step.base_fields
        if not name.startswith("confirm_")
    ]
    assert len(hrefs) == len(questions)

    fragments_by_page = {}
    for href in hrefs:
        parts = urlsplit(href)
        assert parts.query == "change=1", href
        fragments_by_page.setdefault(parts.path, []).append(parts.fragment)
    broken = []
    for path, fragments in fragments_by_page.items():
        page.goto(f"{seeded_site.url}{path}?change=1")
        missing = page.evaluate(
            "ids => ids.filter(id => !document.getElementById(id))", fragments
        )
        broken += [f"{path}#{fragment}" for fragment in missing]
    assert broken == [], "Change links whose #fragment is not on the page"


def test_start_again_clears_the_answers(seeded_site, phone_page):
    page = phone_page
    post_answers(page, seeded_site.url)
    page.goto(seeded_site.url + RESULT)
    expect(h1(page)).to_have_text("Your ALT result")

    page.get_by_role("button", name="Start again and clear my answers").click()
    expect_at(page, seeded_site.url + START)
    expect(h1(page)).to_have_text("Check your ALT result")
    expect(page.get_by_role("status")).to_contain_text(
        "Your answers have been cleared."
    )
    # Nothing left to clear, so the start page no longer offers to.
    expect(
        page.get_by_role("button", name="Start again and clear my answers")
    ).to_have_count(0)

    page.goto(seeded_site.url + RESULT)
    expect_at(page, seeded_site.url + step_path("warning-signs"))
    expect(page.get_by_label("No, none of these")).not_to_be_checked()
    page.goto(seeded_site.url + CHECK_ANSWERS)
    expect_at(page, seeded_site.url + step_path("warning-signs"))


def focused_label(page):
    """Return the label text (or name) of the focused element."""
    return page.evaluate(
        """() => {
          const el = document.activeElement;
          const label = el.labels && el.labels[0];
          return (label ? label.textContent : el.textContent || '').trim();
        }"""
    )


def focus_is_visible(page):
    """Return whether the focused element shows a focus outline or ring."""
    return page.evaluate(
        """() => {
          const style = getComputedStyle(document.activeElement);
          const outline = style.outlineStyle !== 'none'
            && parseFloat(style.outlineWidth) > 0;
          return outline || style.boxShadow !== 'none';
        }"""
    )


def tab_until(page, predicate, limit=20):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if predicate():
            return
    raise AssertionError(
        f"Tab never reached the element; stuck on {focused_label(page)}"
    )


def test_warning_signs_page_works_with_the_keyboard_only(seeded_site, phone_page):
    page = phone_page
    page.goto(seeded_site.url + step_path("warning-signs"))
    boxes = page.get_by_role("checkbox")
    labels = [
        label.strip()
        for label in boxes.evaluate_all(
            "boxes => boxes.map(box => box.labels[0].textContent)"
        )
    ]
    assert labels[-1] == "No, none of these"

    # Tab reaches the first tick box, then goes through each one in order.
    tab_until(page, lambda: page.evaluate("document.activeElement.type") == "checkbox")
    for label in labels:
        assert focused_label(page) == label
        assert focus_is_visible(page), f"No visible focus on “{label}”"
        if label == "No, none of these":
            page.keyboard.press("Space")
            expect(page.get_by_label(label)).to_be_checked()
        page.keyboard.press("Tab")

    # Then "Do you feel unwell?": its radios are one tab stop; arrows choose.
    assert focused_label(page) == "Yes"
    assert focus_is_visible(page), "No visible focus on the first radio"
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("radio", name="No", exact=True)).to_be_checked()
    page.keyboard.press("Tab")

    continue_button = page.get_by_role("button", name="Continue", exact=True)
    expect(continue_button).to_be_focused()
    assert focus_is_visible(page), "No visible focus on the Continue button"
    page.keyboard.press("Enter")
    expect_at(page, seeded_site.url + step_path("test-result"))
    expect(h1(page)).to_have_text("Your ALT test result")


def test_printed_result_keeps_the_advice_and_drops_the_controls(
    seeded_site, phone_page
):
    page = phone_page
    post_answers(page, seeded_site.url)
    page.goto(seeded_site.url + RESULT)
    expect(h1(page)).to_have_text("Your ALT result")

    main_nav = page.get_by_role("navigation", name="Main")
    print_button = page.get_by_role("button", name="Print this page")
    clear_button = page.get_by_role("button", name="Start again and clear my answers")
    expect(main_nav).to_be_visible()
    expect(print_button).to_be_visible()  # shown by JavaScript
    expect(clear_button).to_be_visible()

    page.emulate_media(media="print")
    expect(main_nav).to_be_hidden()
    expect(page.locator("button.js-print")).to_be_hidden()
    expect(page.locator("form[action='/check/clear/']")).to_be_hidden()
    expect(h1(page)).to_be_visible()
    expect(page.locator(".result-headline")).to_be_visible()
    expect(page.locator(".result-headline")).to_contain_text("mildly raised")
    expect(care_card(page)).to_be_visible()
    expect(
        page.get_by_role("heading", name="Questions to ask your doctor")
    ).to_be_visible()
    if shots := os.environ.get("SCREENSHOT_DIR"):
        page.screenshot(path=f"{shots}/result-print.png", full_page=True)


def test_check_works_without_javascript(seeded_site, browser):
    context = browser.new_context(
        viewport=PHONE_VIEWPORT, is_mobile=True, java_script_enabled=False
    )
    context.set_default_timeout(DEFAULT_TIMEOUT_MS)
    try:
        page = context.new_page()
        complete_check(page, seeded_site.url)
        see_result(page)
        expect(page.locator(".result-headline")).to_contain_text("about 3 times")
        expect(care_card(page)).to_be_visible()
        print_button = page.locator("button.js-print")
        expect(print_button).to_have_count(1)
        expect(print_button).to_be_hidden()
        expect(page.get_by_text("save it as a PDF from your browser")).to_be_visible()
    finally:
        context.close()


def test_check_pages_fit_a_320_px_screen(seeded_site, make_page):
    """No page of the check scrolls sideways on a 320 px phone (WCAG 1.4.10).
    Set SCREENSHOT_DIR to also save a full-page picture of each."""
    # Not is_mobile: mobile emulation zooms out to fit wide content, so the
    # overflow would hide itself (as in test_patient_journey.py).
    page = make_page(NARROW_PHONE_VIEWPORT)
    base = seeded_site.url
    shots = os.environ.get("SCREENSHOT_DIR")
    too_wide = []

    def check(name):
        expect(page.locator(".site-header")).to_have_css(
            "background-color", "rgb(0, 94, 184)"
        )
        widths = page.evaluate(
            """() => {
              const root = document.documentElement;
              const limit = Math.min(window.innerWidth, root.clientWidth);
              const culprits = [...document.querySelectorAll('body *')]
                .filter((el) => el.getBoundingClientRect().right > limit + 0.5)
                .slice(0, 5)
                .map((el) => el.tagName.toLowerCase()
                  + (el.id ? '#' + el.id : '')
                  + (el.className && typeof el.className === 'string'
                     ? '.' + [...el.classList].join('.') : ''));
              return {scroll: root.scrollWidth, inner: limit, culprits};
            }"""
        )
        if widths["scroll"] > widths["inner"]:
            too_wide.append((name, page.url, widths))
        if shots:  # in parts, so each stays legible
            height = page.evaluate("document.documentElement.scrollHeight")
            for part, top in enumerate(range(0, height, 800)):
                page.screenshot(
                    path=f"{shots}/check-320-{name}-{part}.png",
                    full_page=True,
                    clip={"x": 0, "y": top, "width": 320, "height": 800},
                )

    page.goto(base + START)
    check("start")
    for step in STEPS:
        page.goto(base + step_path(step.slug))
        check(step.slug)
        if step.slug == "test-result":
            page.get_by_label("ALT result").fill("abc")
            press_continue(page)
            expect(page.get_by_role("alert")).to_be_visible()
            check("test-result-errors")
        post_answers(page, base, [step.slug])
    page.goto(base + CHECK_ANSWERS)
    check("check-your-answers")
    page.goto(base + RESULT)
    check("result")
    post_answers(page, base, ["warning-signs"], warning_signs=EMERGENCY_SIGN)
    page.goto(base + URGENT)
    check("urgent")
    page.goto(base + RESULT)
    check("result-emergency")
    post_answers(page, base, ["test-result"], test_result={"age": "15"})
    page.goto(base + "/check/children/")
    check("children")
    assert too_wide == [], "Pages wider than 320 px (name, url, widths, culprits)"
