"""The language switch in a real browser: a keyboard reaches it first after the
skip link, it fits a 320 px phone, and it keeps the page the patient is on."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import NARROW_PHONE_VIEWPORT

pytestmark = pytest.mark.browser

# Set to a directory to keep screenshots of the switch for a person to look at.
SCREENSHOTS = Path(os.environ["SCREENSHOTS"]) if os.environ.get("SCREENSHOTS") else None


def test_the_switch_works_from_the_keyboard_on_a_small_phone(
    seeded_site, make_page, assert_no_axe_violations
):
    page = make_page(NARROW_PHONE_VIEWPORT, is_mobile=True)
    page.goto(seeded_site.url + "/articles/alcohol/")
    switch = page.get_by_role("navigation", name="Language")
    expect(switch).to_be_visible()
    chinese = switch.get_by_role("link", name="简体中文")
    expect(chinese).to_have_attribute("lang", "zh-Hans")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    box = chinese.bounding_box()
    assert box["height"] >= 24 and box["width"] >= 24  # WCAG 2.2 target size
    assert_no_axe_violations(page)
    if SCREENSHOTS:
        page.screenshot(path=SCREENSHOTS / "language-switch-en-320.png")

    page.keyboard.press("Tab")  # The skip link,
    page.keyboard.press("Tab")  # then the switch.
    expect(chinese).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(seeded_site.url + "/zh-hans/articles/alcohol/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-Hans")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    assert_no_axe_violations(page)
    if SCREENSHOTS:
        page.screenshot(path=SCREENSHOTS / "language-switch-zh-320.png")

    # The switch's label is Chinese now; its link names stay in their languages.
    english = page.locator(".language-switch").get_by_role("link", name="English")
    english.click()
    page.wait_for_url(seeded_site.url + "/articles/alcohol/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
