"""What patients type on each page, and the typed values each form returns.

One table per form: the text as sent by the browser in, ``form.answers()`` out.
Blank is None, a typed 0 is 0, and numbers are read the way people write them.
"""

from decimal import Decimal as D

import pytest

from questionnaire import rules
from questionnaire.forms import (
    AlcoholForm,
    HepatitisForm,
    MedicinesForm,
    PregnancyForm,
    SleepAndExertionForm,
    WarningSignsForm,
    WeightForm,
)
from questionnaire.forms import (
    TestResultForm as AltResultForm,
)

TEST_RESULT = {"alt_value": "56", "alt_unit": "U/L"}


def answers(form_class, data):
    form = form_class(data)
    assert form.is_valid(), form.errors
    return form.answers()


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ({"warning_signs": ["none"]}, (frozenset(), False, None)),
        ({}, (frozenset(), True, None)),  # skipped: nothing ticked
        (
            {"warning_signs": ["fainting", "jaundice"], "feeling_unwell": "yes"},
            (
                frozenset({rules.WarningSign.FAINTING, rules.WarningSign.JAUNDICE}),
                False,
                rules.YesNoUnknown.YES,
            ),
        ),
        (
            {"warning_signs": ["none"], "feeling_unwell": "unknown"},
            (frozenset(), False, rules.YesNoUnknown.UNKNOWN),
        ),
    ],
)
def test_warning_signs_form(typed, expected):
    result = answers(WarningSignsForm, typed)
    signs, skipped, unwell = expected
    assert result == {
        "warning_signs": signs,
        "warning_signs_skipped": skipped,
        "feeling_unwell": unwell,
    }


@pytest.mark.parametrize(
    ("typed", "field", "expected"),
    [
        ({"alt_value": "56"}, "alt_value", D(56)),
        ({"alt_value": " 1 000 "}, "alt_value", D(1000)),
        ({"alt_value": "1,200"}, "alt_value", D(1200)),
        ({"alt_value": "1000"}, "alt_value", D(1000)),
        # A decimal comma, as on European reports (review 2026-11, finding 5).
        ({"alt_value": "0,93", "alt_unit": "µkat/L"}, "alt_value", D("0.93")),
        ({"alt_value": "0,930", "alt_unit": "µkat/L"}, "alt_value", D("0.930")),
        ({"alt_value": "1,5", "alt_unit": "µkat/L"}, "alt_value", D("1.5")),
        (
            {"alt_unit": "µkat/L", "alt_value": "1"},
            "alt_unit",
            rules.AltUnit.UKAT_PER_L,
        ),
        ({"lab_upper_limit": ""}, "lab_upper_limit", None),
        ({"lab_upper_limit": "45"}, "lab_upper_limit", D(45)),
        ({"age": ""}, "age", None),
        ({"age": "0"}, "age", 0),
        ({"age": "45"}, "age", 45),
        ({"sex": ""}, "sex", None),
        ({"sex": "other"}, "sex", rules.Sex.OTHER_OR_NOT_SAID),
        ({"platelets": "250"}, "platelets", D(250)),
    ],
)
def test_test_result_form(typed, field, expected):
    assert answers(AltResultForm, {**TEST_RESULT, **typed})[field] == expected


@pytest.mark.parametrize(
    ("sex", "asked"), [("male", False), ("female", True), ("other", True), ("", True)]
)
def test_pregnancy_page_is_asked_unless_male(sex, asked):
    form = AltResultForm({**TEST_RESULT, "sex": sex})
    assert form.is_valid()
    assert PregnancyForm.applies(form) is asked


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ({}, None),
        ({"pregnant": "yes"}, rules.YesNoUnknown.YES),
        ({"pregnant": "no"}, rules.YesNoUnknown.NO),
        ({"pregnant": "unknown"}, rules.YesNoUnknown.UNKNOWN),
    ],
)
def test_pregnancy_form(typed, expected):
    assert answers(PregnancyForm, typed) == {"pregnant": expected}


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ({}, {"sleep_hours": None, "night_shifts": None, "strenuous_exercise": None}),
        # A typed 0 is an answer, not "skipped" (review 2026-11, finding 16).
        (
            {"sleep_hours": "0", "night_shifts": "no"},
            {"sleep_hours": D(0), "night_shifts": "no", "strenuous_exercise": None},
        ),
        (
            {"sleep_hours": "6,5", "strenuous_exercise": "yes"},
            {
                "sleep_hours": D("6.5"),
                "night_shifts": None,
                "strenuous_exercise": "yes",
            },
        ),
    ],
)
def test_sleep_form(typed, expected):
    assert answers(SleepAndExertionForm, typed) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ({}, (None, None, None)),
        ({"audit_c_frequency": "0"}, (0, None, None)),
        (
            {
                "audit_c_frequency": "4",
                "audit_c_typical_drinks": "0",
                "audit_c_binge": "2",
            },
            (4, 0, 2),
        ),
    ],
)
def test_alcohol_form(typed, expected):
    result = answers(AlcoholForm, typed)
    assert (
        result["audit_c_frequency"],
        result["audit_c_typical_drinks"],
        result["audit_c_binge"],
    ) == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ({}, (None, None, frozenset())),
        (
            {
                "hepatitis_b_test": "positive",
                "hepatitis_c_test": "never-tested",
                "hepatitis_risks": ["prison", "hiv"],
            },
            (
                rules.HepatitisTest.POSITIVE,
                rules.HepatitisTest.NEVER_TESTED,
                frozenset({rules.HepatitisRisk.PRISON, rules.HepatitisRisk.HIV}),
            ),
        ),
        ({"hepatitis_risks": ["unknown"]}, (None, None, frozenset())),
    ],
)
def test_hepatitis_form(typed, expected):
    result = answers(HepatitisForm, typed)
    assert (
        result["hepatitis_b_test"],
        result["hepatitis_c_test"],
        result["hepatitis_risks"],
    ) == expected


@pytest.mark.parametrize(
    ("typed", "field", "expected"),
    [
        ({}, "height_cm", None),
        ({"height_cm": "170"}, "height_cm", D(170)),
        ({"weight_kg": "72,5"}, "weight_kg", D("72.5")),
        ({}, "use_asian_cutoffs", False),
        ({"use_asian_cutoffs": "on"}, "use_asian_cutoffs", True),
        ({"cholesterol_treatment": "yes"}, "cholesterol_treatment", "yes"),
        ({}, "diabetes", None),
    ],
)
def test_weight_form(typed, field, expected):
    assert answers(WeightForm, typed)[field] == expected


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ({}, frozenset()),
        ({"medicines": ["none"]}, frozenset()),
        ({"medicines": ["unknown"]}, frozenset()),
        (
            {"medicines": ["statins", "anabolic_steroids"]},
            frozenset({rules.Medicine.STATINS, rules.Medicine.ANABOLIC_STEROIDS}),
        ),
    ],
)
def test_medicines_form(typed, expected):
    assert answers(MedicinesForm, typed) == {"medicines": expected}


@pytest.mark.parametrize(
    ("form_class", "typed", "field", "shown"),
    [
        # Numbers as typed, not as Python prints them (1E+3).
        (AltResultForm, {**TEST_RESULT, "alt_value": "1000"}, "alt_value", "1000"),
        (AltResultForm, {**TEST_RESULT, "alt_value": "1e3"}, "alt_value", "1e3"),
        (SleepAndExertionForm, {"sleep_hours": "0"}, "sleep_hours", "0"),
        # Typed on a Chinese keyboard: as typed, in ASCII digits.
        (AltResultForm, {**TEST_RESULT, "alt_value": "１２０"}, "alt_value", "120"),
        (WeightForm, {"weight_kg": "７２，５"}, "weight_kg", "72,5"),
        # An untouched box is "Not answered", not "No".
        (WeightForm, {}, "use_asian_cutoffs", "Not answered"),
        (WeightForm, {"use_asian_cutoffs": "on"}, "use_asian_cutoffs", "Yes"),
        (WeightForm, {}, "height_cm", "Not answered"),
    ],
)
def test_check_your_answers_shows_what_the_patient_did(form_class, typed, field, shown):
    form = form_class(typed)
    assert form.is_valid(), form.errors
    rows = {anchor: str(answer) for _question, answer, anchor in form.summary_rows()}
    anchor = next(key for key in rows if key.startswith(f"id_{field}"))
    assert rows[anchor] == shown


def shown_boxes(form):
    form.is_valid()
    return {field.name: box.name for field, box in form.rows() if box is not None}


def test_no_i_have_checked_box_for_usual_numbers():
    assert shown_boxes(AltResultForm(TEST_RESULT)) == {}


def test_an_unusual_number_shows_its_box_under_the_unit():
    form = AltResultForm({**TEST_RESULT, "alt_value": "6000"})
    assert shown_boxes(form) == {"alt_unit": "confirm_alt_value"}


def test_a_ticked_box_stays_shown_and_is_not_a_summary_row():
    form = AltResultForm(
        {**TEST_RESULT, "platelets": "150000", "confirm_platelets": "on"}
    )
    assert shown_boxes(form) == {"platelets": "confirm_platelets"}
    assert "confirm_platelets" not in {
        field_id for _, _, field_id in form.summary_rows()
    }


# Numbers typed on a Chinese keyboard (issue 11, item 2). One rule, in
# fields.read_typed_number: NFKC first (full-width digits, "．", "，", spaces),
# "。" is a decimal point, then a comma before exactly three digits (after a first
# group of 1-3 digits not starting with 0) separates thousands, any other comma is
# a decimal comma.
@pytest.mark.parametrize(
    ("form_class", "field", "typed", "expected"),
    [
        (AltResultForm, "alt_value", "７２", D(72)),
        (AltResultForm, "alt_value", "７２．５", D("72.5")),
        (AltResultForm, "alt_value", "７２，５", D("72.5")),
        (AltResultForm, "alt_value", "72，5", D("72.5")),
        (AltResultForm, "alt_value", "72,5", D("72.5")),
        (AltResultForm, "alt_value", "72。5", D("72.5")),
        (AltResultForm, "alt_value", "\u3000７２\u3000", D(72)),
        # Thousands keep today's meaning, full-width or not.
        (AltResultForm, "alt_value", "1,200", D(1200)),
        (AltResultForm, "alt_value", "１，２００", D(1200)),
        (AltResultForm, "alt_value", "1，200．5", D("1200.5")),
        (AltResultForm, "alt_value", "２，５００", D(2500)),
        # A leading 0 or not three digits after the comma: a decimal comma.
        (AltResultForm, "alt_value", "０，９３０ µkat/L", D("0.930")),
        (AltResultForm, "alt_value", "１，２０ µkat/L", D("1.20")),
        (AltResultForm, "alt_value", "1,25 µkat/L", D("1.25")),
        (AltResultForm, "lab_upper_limit", "５０", D(50)),
        (AltResultForm, "lab_upper_limit", "４０．０", D(40)),
        (AltResultForm, "ast_value", "３５", D(35)),
        (AltResultForm, "platelets", "２５０", D(250)),
        (AltResultForm, "age", "４５", 45),
        (SleepAndExertionForm, "sleep_hours", "６。５", D("6.5")),
        (WeightForm, "height_cm", "１７０", D(170)),
        (WeightForm, "weight_kg", "７２，５", D("72.5")),
        (WeightForm, "waist_cm", "８５．５", D("85.5")),
    ],
)
def test_numbers_typed_on_a_chinese_keyboard(form_class, field, typed, expected):
    data = dict(TEST_RESULT) if form_class is AltResultForm else {}
    if typed.endswith(" µkat/L"):  # small values: typed in µkat/L, as reports do
        typed, data["alt_unit"] = typed.removesuffix(" µkat/L"), "µkat/L"
    assert answers(form_class, {**data, field: typed})[field] == expected


@pytest.mark.parametrize(
    ("form_class", "field", "typed", "message"),
    [
        # Not numbers by the rule: the field's own "like ..." example, never a guess.
        (AltResultForm, "alt_value", "七十二", "Enter a number, like 56"),
        (AltResultForm, "alt_value", "1.200,5", "Enter a number, like 56"),
        (AltResultForm, "alt_value", "1,2,3", "Enter a number, like 56"),
        (AltResultForm, "alt_value", "７２、５", "Enter a number, like 56"),
        (AltResultForm, "alt_value", "72 U/L", "Enter a number, like 56"),
        (AltResultForm, "lab_upper_limit", "５０，０，０", "Enter a number, like 45"),
        (WeightForm, "weight_kg", "七十", "Enter a number, like 72"),
        # Full-width minus: read, then refused as not above 0.
        (AltResultForm, "alt_value", "－５", "Your ALT result must be more than 0"),
        (AltResultForm, "age", "四十五", "Enter the age as a whole number, like 45"),
    ],
)
def test_numbers_that_break_the_rule_get_a_clear_message(
    form_class, field, typed, message
):
    base = TEST_RESULT if form_class is AltResultForm else {}
    form = form_class({**base, field: typed})
    assert not form.is_valid()
    assert [str(error) for error in form.errors[field]] == [message]
