from http import HTTPStatus

import pytest
from django.apps import apps
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils.html import escape
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from education.seeding import load_seed
from portal.models import SiteSettings
from questionnaire import rules
from questionnaire.forms import STEPS
from tests.factories import make_article, make_tip
from tests.pages import by_class, elements, has_class, index_of, section_after, text
from tests.questionnaire.answers import (
    ANSWERS,
    CHECK,
    RESULT,
    START,
    answer,
    answer_all,
    step_url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    load_seed()


def test_start_page_says_truthfully_where_answers_are_kept(client):
    response = client.get(START)
    content = response.content.decode()
    assert "kept on our server only while the check is in progress" in content
    assert "not linked to your name" in content
    assert "automatically after the session ends (2 hours" in content
    assert f'href="{step_url(STEPS[0].slug)}"'.encode() in response.content


def test_home_page_has_a_start_button(client):
    assert b'href="/check/"' in client.get("/").content


def test_full_walkthrough_ends_in_a_personal_result(client, seeded):
    answer_all(client)
    check = client.get(CHECK)
    assert check.status_code == HTTPStatus.OK
    assert b"Check your answers" in check.content
    assert b"99" in check.content

    result = client.get(RESULT)
    content = result.content.decode()
    assert result.status_code == HTTPStatus.OK
    # 99 / 33 = 3 times the lab's limit: mildly raised (ACG bands).
    assert "Your ALT is 99 U/L" in content
    # A whole multiple shows without ".0" (review 2026-11, words as typed).
    assert "about 3 times the upper limit" in content
    assert "mildly raised" in content
    assert "Why we show this:" in content
    # No claim that the order is likelihood (review 2026-11, finding 13).
    assert "most likely first" not in content
    assert "the order does not show how likely each one is" in content
    assert 'href="/articles/alcohol/"' in content
    assert "Questions to ask your doctor" in content
    assert "Looking after your liver" in content
    assert 'role="img"' in content
    assert "Start again and clear my answers" in content


@pytest.mark.parametrize(
    ("sex", "asked"),
    [("male", False), ("female", True), ("other", True), ("", True)],
)
def test_each_page_goes_to_the_next_then_to_check_answers(client, sex, asked):
    # The pregnancy page is asked of women, "other" and sex not given only.
    steps = [s for s in STEPS if asked or s.slug != "pregnancy"]
    answer(client, "warning-signs")
    answer(client, "test-result", sex=sex)
    for position, step in enumerate(steps[2:], start=2):
        response = answer(client, step.slug)
        expected = (
            step_url(steps[position + 1].slug) if position + 1 < len(steps) else CHECK
        )
        assert response["Location"] == expected
    assert (b"Pregnancy" in client.get(CHECK).content) is asked


def test_page_shows_progress_in_heading_and_title(client):
    answer(client, "warning-signs")
    content = client.get(step_url("test-result")).content.decode()
    assert f"Step 2 of {len(STEPS)}: Your test result" in content
    assert f"<title>Step 2 of {len(STEPS)}: Your test result" in content


def test_back_link_goes_to_previous_page_which_keeps_answers(client):
    answer(client, "warning-signs")
    answer(client, "test-result")
    page = client.get(step_url("sleep-and-exertion")).content.decode()
    assert f'href="{step_url("test-result")}"' in page
    previous = client.get(step_url("test-result")).content.decode()
    assert 'value="99"' in previous
    assert 'value="45"' in previous


def test_later_page_redirects_to_the_first_unanswered_page(client):
    answer(client, "warning-signs")
    response = client.get(step_url("alcohol"))
    assert response["Location"] == step_url("test-result")
    assert client.get(RESULT)["Location"] == step_url("test-result")
    assert client.get(CHECK)["Location"] == step_url("test-result")


def test_unknown_page_is_404(client):
    assert client.get("/check/no-such-step/").status_code == HTTPStatus.NOT_FOUND


def test_change_link_returns_to_check_answers(client):
    answer_all(client)
    response = client.post(
        f"{step_url('test-result')}?change=1", {**ANSWERS["test-result"], "age": "50"}
    )
    assert response["Location"] == CHECK
    assert b"50" in client.get(CHECK).content


def test_warning_sign_shows_urgent_advice_at_once_and_allows_continuing(client):
    response = answer(
        client, "warning-signs", warning_signs=["confusion-or-sleepiness"]
    )
    assert response["Location"] == "/check/urgent/"
    page = client.get("/check/urgent/").content.decode()
    assert "Get emergency help now" in page
    assert "Call your emergency number or go to the emergency department now." in page
    assert f'href="{step_url("test-result")}"' in page


@pytest.mark.parametrize(
    ("sign", "emergency"),
    [("fainting", True), ("severe-tummy-pain", True), ("jaundice", False)],
)
def test_urgent_page_for_an_emergency_does_not_invite_carrying_on(
    client, sign, emergency
):
    answer(client, "warning-signs", warning_signs=[sign])
    page = client.get("/check/urgent/").content.decode()
    assert "Continue the check" not in page
    assert "You can still finish the check" not in page
    assert ("You do not need to finish this check" in page) is emergency


@pytest.mark.parametrize(
    ("sign", "level"),
    [("fainting", "Get emergency help now"), ("jaundice", "See a doctor today")],
)
def test_warning_sign_advice_stays_first_on_every_later_page(client, sign, level):
    answer_all(client, **{"warning-signs": {"warning_signs": [sign]}})
    for step in STEPS[1:]:
        content = client.get(step_url(step.slug)).content
        banner = by_class(content, "warning-banner")
        assert level in text(banner)
        assert comes_before(content, "warning-banner", h1)
    assert comes_before(client.get(CHECK).content, "warning-banner", h1)


def test_no_warning_banner_without_a_warning_sign(client):
    answer(client, "warning-signs")
    content = client.get(step_url("test-result")).content.decode()
    assert "You told us about a warning sign" not in content


def test_urgent_page_uses_the_hospitals_emergency_number(client):
    site = SiteSettings.load()
    site.emergency_number = "999"
    site.save()
    answer(client, "warning-signs", warning_signs=["vomiting-blood-or-black-stools"])
    assert b'href="tel:999"' in client.get("/check/urgent/").content


def test_same_day_warning_sign_says_see_a_doctor_today(client):
    answer(client, "warning-signs", warning_signs=["jaundice"])
    assert b"See a doctor today" in client.get("/check/urgent/").content


def test_warning_sign_keeps_urgent_advice_on_result_whatever_the_alt(client, seeded):
    answer_all(
        client,
        **{
            "warning-signs": {"warning_signs": ["jaundice"]},
            "test-result": {"alt_value": "20"},
        },
    )
    content = client.get(RESULT).content.decode()
    assert "See a doctor today" in content
    # No "That is within your lab's range" beside a red flag (finding 4).
    headline = content.split('class="result-headline"')[1].split("</p>")[0]
    assert "within" not in headline
    assert "does not change the advice above" in headline


def test_under_18_goes_to_the_childs_doctor_page(client):
    answer(client, "warning-signs")
    response = answer(client, "test-result", age="15")
    assert response["Location"] == "/check/children/"
    assert b"talk to the child" in client.get("/check/children/").content


@pytest.mark.parametrize(("age", "shows_result"), [("17", False), ("18", True)])
def test_result_page_sends_an_under_18_to_the_childs_doctor_page(
    client, age, shows_result
):
    answer_all(client, **{"test-result": {"age": age}})
    response = client.get(RESULT)
    if shows_result:
        assert response.status_code == HTTPStatus.OK
    else:
        assert response["Location"] == "/check/children/"


def test_clear_answers_deletes_the_whole_server_side_session(client):
    answer_all(client)
    old_key = client.session.session_key
    response = client.post("/check/clear/")
    assert response["Location"] == START
    assert not Session.objects.filter(session_key=old_key).exists()
    assert client.get(RESULT)["Location"] == step_url("warning-signs")


def test_starting_the_check_gives_a_new_session_id(client):
    client.get(step_url("warning-signs"))
    client.session.save()
    before = client.cookies["sessionid"].value
    answer(client, "warning-signs")
    assert client.cookies["sessionid"].value != before


def test_a_planted_session_id_cannot_read_the_answers(client, seeded):
    # An attacker gets a session id and plants it in the patient's browser.
    attacker = Client()
    attacker.get(START)
    session = attacker.session
    session["planted"] = True
    session.save()
    planted = session.session_key
    client.cookies["sessionid"] = planted
    answer_all(client)
    assert client.get(RESULT).status_code == HTTPStatus.OK
    # The patient's answers moved to a new id; the planted one reads nothing.
    assert client.cookies["sessionid"].value != planted
    attacker.cookies["sessionid"] = planted
    assert attacker.get(CHECK)["Location"] == step_url("warning-signs")
    assert attacker.get(RESULT)["Location"] == step_url("warning-signs")


def test_each_page_is_kept_under_its_own_session_key(client):
    answer(client, "warning-signs")
    answer(client, "test-result")
    session = client.session
    assert session["check:warning-signs"] == {
        "warning_signs": ["none"],
        "feeling_unwell": ["no"],
    }
    assert session["check:test-result"]["alt_value"] == ["99"]
    assert "questionnaire" not in session


def test_a_man_is_not_asked_about_pregnancy(client):
    answer_all(client, **{"test-result": {"sex": "male"}})
    assert client.get(step_url("pregnancy"))["Location"] == step_url("medicines")
    content = client.get(CHECK).content.decode()
    assert "Pregnancy" not in content
    assert client.get(RESULT).status_code == HTTPStatus.OK


@pytest.mark.parametrize("sex", ["female", "other", ""])
def test_pregnancy_question_is_asked_of_women_and_anyone_else(client, seeded, sex):
    answer_all(
        client, **{"test-result": {"sex": sex}, "pregnancy": {"pregnant": "yes"}}
    )
    check = client.get(CHECK).content.decode()
    assert "Are you pregnant, or have you given birth in the last 6 weeks?" in check
    result = client.get(RESULT).content.decode()
    # 99 / 33 = 3x and pregnant: maternity today, with the pregnancy signs.
    assert "See a doctor today" in result
    assert "midwife or maternity unit today" in result
    assert "Pain just below your ribs" in result


def test_safety_net_lists_pregnancy_signs_only_when_pregnant(client, seeded):
    answer_all(client, **{"pregnancy": {"pregnant": "no"}})
    net = text(by_class(client.get(RESULT).content, "safety-net"))
    assert "If you are pregnant" not in net
    assert "Pain just below your ribs" not in net


def test_changing_sex_to_female_asks_the_pregnancy_question_next(client):
    answer_all(client, **{"test-result": {"sex": "male"}})
    response = client.post(
        step_url("test-result") + "?change=1",
        {**ANSWERS["test-result"], "sex": "female"},
    )
    assert response["Location"] == step_url("pregnancy")


def test_feeling_unwell_at_5_times_is_same_day_on_the_result(client, seeded):
    answer_all(
        client,
        **{
            "warning-signs": {"feeling_unwell": "yes"},
            "test-result": {"alt_value": "165"},  # 5x the lab's 33
        },
    )
    content = client.get(RESULT).content.decode()
    assert "See a doctor today" in content
    assert "you feel unwell" in content


def test_blank_age_is_read_as_an_adults_and_the_result_says_so(client, seeded):
    answer_all(client, **{"test-result": {"age": ""}})
    content = client.get(RESULT).content.decode()
    assert "we read this result as an adult" in content


def test_age_question_says_whose_age_it_asks_for(client):
    answer(client, "warning-signs")
    content = client.get(step_url("test-result")).content.decode()
    assert "Age in years of the person who had the test" in content
    assert "If this is your child" in content


def test_clear_answers_only_accepts_post(client):
    assert client.get("/check/clear/").status_code == HTTPStatus.METHOD_NOT_ALLOWED


def test_every_question_but_alt_can_be_skipped(client, seeded):
    client.post(step_url("warning-signs"), {})
    response = client.post(
        step_url("test-result"), {"alt_value": "50", "alt_unit": "U/L"}
    )
    assert response.status_code == HTTPStatus.FOUND
    for step in STEPS[2:]:
        assert client.post(step_url(step.slug), {}).status_code == HTTPStatus.FOUND
    content = client.get(RESULT).content.decode()
    # No lab limit, no sex: the ACG healthy limit of 33 U/L is used, and said so.
    assert "Your ALT is 50 U/L" in content
    assert "Not answered" in client.get(CHECK).content.decode()


def test_micro_katal_result_is_converted_to_units_per_litre(client, seeded):
    answer_all(
        client,
        **{
            "test-result": {
                "alt_value": "1,5",
                "alt_unit": "µkat/L",
                "lab_upper_limit": "",
            }
        },
    )
    content = client.get(RESULT).content.decode()
    assert "Your ALT is 90 U/L" in content
    # The patient's own value and unit stay beside the conversion (finding 17).
    assert "You entered 1.5 µkat/L" in content


def test_walkthrough_stores_no_answers_outside_the_session(client, seeded, caplog):
    caplog.set_level("DEBUG")
    counts_before = {
        model: model.objects.count()
        for model in apps.get_models()
        if model is not Session
    }
    answer_all(
        client, **{"test-result": {"alt_value": "4321", "confirm_alt_value": "on"}}
    )
    client.get(CHECK)
    client.get(RESULT)
    counts_after = {model: model.objects.count() for model in counts_before}
    assert counts_after == counts_before
    assert "4321" not in caplog.text


# Bad input ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"alt_value": ""}, "alt_value", "This field is required"),
        ({"alt_value": "abc"}, "alt_value", "Enter a number, like 56"),
        ({"alt_value": "0"}, "alt_value", "must be more than 0"),
        ({"alt_value": "-5"}, "alt_value", "must be more than 0"),
        ({"alt_value": "500000"}, "alt_value", "too high to be right"),
        ({"alt_value": "6000"}, "alt_value", "very high result"),
        ({"alt_value": "150", "alt_unit": "µkat/L"}, "alt_value", "Check the unit"),
        ({"alt_unit": ""}, "alt_unit", "Choose the unit printed next to your result"),
        ({"lab_upper_limit": "5"}, "lab_upper_limit", "upper limit is unusual"),
        ({"lab_upper_limit": "0"}, "lab_upper_limit", "must be more than 0"),
        ({"ast_value": "x"}, "ast_value", "Enter a number, like 40"),
        ({"platelets": "-1"}, "platelets", "must be more than 0"),
        ({"age": "old"}, "age", "Enter the age as a whole number, like 45"),
        ({"age": "150"}, "age", "120 or less"),
    ],
)
def test_bad_test_result_input_gets_a_specific_message_and_keeps_answers(
    client, changes, field, message
):
    answer(client, "warning-signs")
    response = answer(client, "test-result", **changes)
    content = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "There is a problem" in content
    assert "<title>Error:" in content
    assert message in content
    assert f'href="#id_{field}' in content  # the summary links to the field
    assert 'value="45"' in content or field == "age"  # other answers are kept


def test_unusual_value_is_accepted_once_the_patient_confirms_it(client):
    answer(client, "warning-signs")
    first = answer(client, "test-result", alt_value="6000")
    assert b"I have checked" in first.content
    second = answer(client, "test-result", alt_value="6000", confirm_alt_value="on")
    assert second.status_code == HTTPStatus.FOUND


@pytest.mark.parametrize(
    ("slug", "changes", "message"),
    [
        ("sleep-and-exertion", {"sleep_hours": "30"}, "from 0 to 24"),
        ("weight", {"height_cm": "5"}, "Enter your height in centimetres"),
        ("weight", {"weight_kg": "heavy"}, "Enter a number, like 72"),
        ("weight", {"waist_cm": "1000"}, "Enter your waist in centimetres"),
        ("medicines", {"medicines": ["none", "statins"]}, "on its own"),
        ("hepatitis", {"hepatitis_b_test": "maybe"}, "Select a valid choice"),
    ],
)
def test_bad_input_on_other_pages_gets_a_message_next_to_the_field(
    client, slug, changes, message
):
    position = [step.slug for step in STEPS].index(slug)
    for step in STEPS[:position]:
        answer(client, step.slug)
    response = answer(client, slug, **changes)
    assert response.status_code == HTTPStatus.OK
    assert message in response.content.decode()


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    slug=st.sampled_from([step.slug for step in STEPS]),
    data=st.dictionaries(
        st.sampled_from(
            sorted({name for step in STEPS for name in step.base_fields} | {"x"})
        ),
        st.one_of(st.text(max_size=12), st.lists(st.text(max_size=8), max_size=3)),
        max_size=6,
    ),
)
def test_no_input_on_any_page_causes_a_server_error(client, slug, data):
    for step in STEPS:
        answer(client, step.slug)
    response = client.post(step_url(slug), data)
    assert response.status_code in {HTTPStatus.OK, HTTPStatus.FOUND}
    assert client.get(RESULT).status_code in {HTTPStatus.OK, HTTPStatus.FOUND}


# Safety net on the result page ---------------------------------------------


def safety_net(content):
    return str(by_class(content, "safety-net"))


def h1(element):
    return element.name == "h1"


def comes_before(content, css_class, later):
    """Return True if the element with ``css_class`` comes before the first
    element matching ``later`` (a class name or a test)."""
    if isinstance(later, str):
        later_class = later

        def later(element):
            return has_class(element, later_class)

    return index_of(content, lambda e: has_class(e, css_class)) < index_of(
        content, later
    )


def test_mild_result_lists_every_warning_sign_under_the_care_card(client, seeded):
    answer_all(client)  # 99 / 33 U/L: mildly raised, see a doctor in 2-4 weeks
    content = client.get(RESULT).content.decode()
    assert "See a doctor within 2 to 4 weeks" in content
    net = safety_net(content)
    assert comes_before(content, "care-card", "safety-net")
    assert comes_before(content, "safety-net", "result-headline")
    assert "Get help straight away if you get any of these:" in net
    for sign in rules.WarningSign:
        assert escape(str(sign.label)) in net
    assert "call your local emergency number" in net
    assert "You did not answer the question about warning signs." not in content


def test_safety_net_uses_the_hospitals_emergency_number(client, seeded):
    site = SiteSettings.load()
    site.emergency_number = "112"
    site.save()
    answer_all(client, **{"test-result": {"alt_value": "20"}})
    net = safety_net(client.get(RESULT).content.decode())
    assert 'href="tel:112"' in net
    assert "local emergency number" not in net


def test_skipped_warning_signs_question_is_named_in_the_care_card(client, seeded):
    answer_all(client, **{"warning-signs": {"warning_signs": []}})
    content = client.get(RESULT).content.decode()
    card = text(by_class(content, "care-card"))
    assert "You did not answer the question about warning signs." in card
    assert "Get help straight away if you get any of these:" in content


# Band wording depends on where the upper limit came from --------------------


def test_within_range_says_lab_range_only_when_the_lab_limit_was_given(client, seeded):
    answer_all(client, **{"test-result": {"alt_value": "20"}})
    content = client.get(RESULT).content.decode()
    assert "That is <strong>within your lab&#x27;s range</strong>" in content
    assert "in the band “within your lab&#x27;s range”" in content

    answer(client, "test-result", alt_value="20", lab_upper_limit="")
    content = client.get(RESULT).content.decode()
    assert "lab&#x27;s range</strong>" not in content
    assert "That is <strong>within the range we used</strong>" in content
    assert "in the band “within the range we used”" in content
    assert "Within the range we used <strong>(your result)</strong>" in content
    assert "Within your lab" not in content


# Platelets and AST typing checks -------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "message", "confirm"),
    [
        ({"platelets": "150000"}, "platelets", "count per µL", "confirm_platelets"),
        ({"platelets": "2000.01"}, "platelets", "count per µL", "confirm_platelets"),
        ({"ast_value": "1.5"}, "ast_value", "same unit", "confirm_ast_value"),
        (
            {
                "alt_value": "1",
                "alt_unit": "µkat/L",
                "lab_upper_limit": "",
                "ast_value": "150",
            },
            "ast_value",
            "same unit",
            "confirm_ast_value",
        ),
    ],
)
def test_unlikely_platelets_or_ast_ask_to_check_then_accept_a_confirmation(
    client, changes, field, message, confirm
):
    answer(client, "warning-signs")
    first = answer(client, "test-result", **changes)
    content = first.content.decode()
    assert first.status_code == HTTPStatus.OK
    assert message in content
    assert f'href="#id_{field}"' in content
    assert f'name="{confirm}"' in content
    second = answer(client, "test-result", **changes, **{confirm: "on"})
    assert second.status_code == HTTPStatus.FOUND


@pytest.mark.parametrize(
    "changes",
    [{"platelets": "2000"}, {"platelets": "250"}, {"ast_value": "5"}],
)
def test_usual_platelets_and_ast_need_no_confirmation(client, changes):
    answer(client, "warning-signs")
    assert answer(client, "test-result", **changes).status_code == HTTPStatus.FOUND


def test_fib4_of_zero_is_shown(client, seeded):
    answer_all(
        client,
        **{
            "test-result": {
                "ast_value": "20",
                "platelets": "150000",
                "confirm_platelets": "on",
            }
        },
    )
    content = client.get(RESULT).content.decode()
    assert "FIB-4 liver scarring score</dt><dd>0.00 – Low" in content


# Never-drinkers ------------------------------------------------------------


def test_never_drinker_skipping_the_other_alcohol_questions_scores_0(client, seeded):
    answer_all(
        client,
        alcohol={
            "audit_c_frequency": "0",
            "audit_c_typical_drinks": "",
            "audit_c_binge": "",
        },
    )
    alcohol = text(section_after(client.get(CHECK).content, "Alcohol", "dl"))
    assert "1 or 2" not in alcohol
    assert alcohol.count("Not answered") == 2
    content = client.get(RESULT).content.decode()
    assert "Alcohol score (AUDIT-C, 0 to 12)</dt><dd>0</dd>" in content


# Error summary -------------------------------------------------------------


def test_error_summary_takes_focus_and_links_radio_groups_to_the_first_option(
    client,
):
    answer(client, "warning-signs")
    content = answer(client, "test-result", alt_unit="", alt_value="x").content
    summary = by_class(content, "error-summary")
    assert "autofocus" in dict(summary.attributes)
    links = [
        dict(e.attributes)["href"] for e in elements(str(summary)) if e.name == "a"
    ]
    assert "#id_alt_value" in links
    assert "#id_alt_unit_0" in links
    assert 'id="id_alt_unit_0"' in content.decode()


@pytest.mark.parametrize("extra", [0, 6])
def test_result_page_query_count_does_not_grow_with_content(
    client, extra, django_assert_num_queries
):
    load_seed()
    for number in range(extra):
        make_article(title=f"Extra cause {number}")
        make_tip(title=f"Extra tip {number}")
    answer_all(client)
    # The session, the cause pages and the tips (the site settings are kept
    # since the last page; tests/questionnaire/test_shared_parts.py: then 1).
    with django_assert_num_queries(3):
        assert client.get(RESULT).status_code == HTTPStatus.OK
