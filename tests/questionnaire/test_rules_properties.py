"""Property tests for questionnaire.rules: any valid answers give a safe assessment."""

from dataclasses import replace
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from questionnaire.rules import (
    WARNING_SIGN_URGENCY,
    AltUnit,
    Answers,
    Assessment,
    Band,
    Diabetes,
    DrinkCountry,
    HepatitisRisk,
    HepatitisTest,
    Medicine,
    Sex,
    Urgency,
    WarningSign,
    YesNoUnknown,
    assess,
)

SETTINGS = settings(max_examples=300, deadline=None)


def decimals(low, high, places=2):
    return st.decimals(
        min_value=Decimal(low),
        max_value=Decimal(high),
        places=places,
        allow_nan=False,
        allow_infinity=False,
    )


def maybe(strategy):
    return st.none() | strategy


yes_no = maybe(st.sampled_from(YesNoUnknown))
audit_item = maybe(st.integers(0, 4))

answers_strategy = st.builds(
    Answers,
    alt_value=decimals("0.01", "60000"),
    alt_unit=st.sampled_from(AltUnit),
    age=st.integers(18, 110),
    warning_signs=st.frozensets(st.sampled_from(WarningSign)),
    lab_upper_limit=maybe(decimals("0.01", "200")),
    ast_value=maybe(decimals("0.01", "20000")),
    platelets=maybe(decimals("1", "1000", places=0)),
    sex=maybe(st.sampled_from(Sex)),
    sleep_hours=maybe(decimals("0", "24", places=1)),
    night_shifts=yes_no,
    strenuous_exercise=yes_no,
    audit_c_frequency=audit_item,
    audit_c_typical_drinks=audit_item,
    audit_c_binge=audit_item,
    hepatitis_b_test=maybe(st.sampled_from(HepatitisTest)),
    hepatitis_c_test=maybe(st.sampled_from(HepatitisTest)),
    hepatitis_risks=st.frozensets(st.sampled_from(HepatitisRisk)),
    height_cm=maybe(decimals("50", "250", places=1)),
    weight_kg=maybe(decimals("20", "300", places=1)),
    use_asian_cutoffs=st.booleans(),
    waist_cm=maybe(decimals("40", "200", places=1)),
    diabetes=maybe(st.sampled_from(Diabetes)),
    high_blood_pressure=yes_no,
    cholesterol_treatment=yes_no,
    medicines=st.frozensets(st.sampled_from(Medicine)),
    pregnant=yes_no,
    feeling_unwell=yes_no,
    warning_signs_skipped=st.booleans(),
)
countries = st.sampled_from(DrinkCountry)
default_limits = maybe(
    st.dictionaries(st.sampled_from(Sex), decimals("10", "100", places=0))
)


def all_texts(result: Assessment):
    texts = [*result.notes, *result.urgency_reasons]
    texts += [result.upper_limit_explanation, result.urgency_advice]
    for relevant in result.causes:
        texts += relevant.reasons
    return [str(text) for text in texts]


@SETTINGS
@given(answers_strategy, countries, default_limits)
def test_any_valid_answers_give_an_assessment(answers, country, limits):
    result = assess(answers, drink_country=country, default_upper_limits=limits)
    assert result.urgency_reasons
    assert result.causes
    assert len({c.cause for c in result.causes}) == len(result.causes)
    texts = all_texts(result)
    assert all(text and "%(" not in text for text in texts)
    assert not any("nothing to worry" in text.lower() for text in texts)


@SETTINGS
@given(answers_strategy, countries)
def test_notes_are_never_empty_and_always_say_it_cannot_diagnose(answers, country):
    result = assess(answers, drink_country=country)
    assert result.notes
    assert any("cannot diagnose" in str(note) for note in result.notes)


@SETTINGS
@given(answers_strategy, default_limits)
def test_shown_multiple_is_cut_never_rounded_up(answers, limits):
    # Rounding up could show the next band's edge (1.97 as 2.0).
    result = assess(answers, default_upper_limits=limits)
    cut = result.multiple_of_upper_limit - result.multiple_of_upper_limit_display
    assert 0 <= cut < Decimal("0.1")


@SETTINGS
@given(answers_strategy, st.frozensets(st.sampled_from(WarningSign), min_size=1))
def test_any_warning_sign_means_today_or_sooner(answers, signs):
    result = assess(replace(answers, warning_signs=signs))
    assert result.urgency >= Urgency.TODAY
    assert result.urgency >= max(WARNING_SIGN_URGENCY[sign] for sign in signs)


# What a routine note says; none may sit beside a same-day or emergency advice.
ROUTINE_WORDS = (
    "next visit",
    "repeat test",
    "4 to 12 weeks",
    "inside the range we",
    "within the range",
)


@SETTINGS
@given(answers_strategy, st.frozensets(st.sampled_from(WarningSign), min_size=1))
def test_a_red_flag_never_shows_routine_notes(answers, signs):
    result = assess(replace(answers, warning_signs=signs))
    shown = [str(text) for text in (*result.notes, *result.urgency_reasons)]
    assert not [text for text in shown if any(w in text for w in ROUTINE_WORDS)]
    assert result.needs_care_today


@SETTINGS
@given(answers_strategy)
def test_today_or_sooner_never_shows_routine_notes(answers):
    result = assess(answers)
    if result.urgency >= Urgency.TODAY:
        shown = [str(text) for text in (*result.notes, *result.urgency_reasons)]
        assert not [t for t in shown if any(w in t for w in ROUTINE_WORDS)]


@SETTINGS
@given(answers_strategy)
def test_within_range_still_warns_and_advises_a_visit(answers):
    result = assess(answers)
    if result.band == Band.WITHIN_RANGE:
        assert any("does not rule out" in str(note) for note in result.notes)
    if result.band == Band.SEVERE:
        assert result.urgency >= Urgency.TODAY
    if result.band == Band.MASSIVE:
        assert result.urgency == Urgency.EMERGENCY


@SETTINGS
@given(answers_strategy, decimals("1.01", "50", places=2))
def test_a_higher_alt_never_lowers_urgency(answers, factor):
    lower = assess(answers)
    higher = assess(replace(answers, alt_value=answers.alt_value * factor))
    assert higher.urgency >= lower.urgency


@SETTINGS
@given(answers_strategy, decimals("1.01", "50", places=2))
def test_a_higher_ast_never_lowers_urgency(answers, factor):
    if answers.ast_value is None:
        answers = replace(answers, ast_value=Decimal(30))
    lower = assess(answers)
    higher = assess(replace(answers, ast_value=answers.ast_value * factor))
    assert higher.urgency >= lower.urgency


@SETTINGS
@given(answers_strategy)
def test_feeling_unwell_or_pregnancy_never_lowers_urgency(answers):
    base = replace(answers, feeling_unwell=None, pregnant=None)
    for changed in (
        replace(base, feeling_unwell=YesNoUnknown.YES),
        replace(base, pregnant=YesNoUnknown.YES),
    ):
        assert assess(changed).urgency >= assess(base).urgency


@SETTINGS
@given(answers_strategy, st.sampled_from(WarningSign))
def test_adding_a_warning_sign_never_lowers_urgency(answers, sign):
    before = assess(answers)
    after = assess(replace(answers, warning_signs=answers.warning_signs | {sign}))
    assert after.urgency >= before.urgency


@SETTINGS
@given(answers_strategy)
def test_sleep_or_exertion_is_never_the_only_cause(answers):
    causes = [relevant.cause for relevant in assess(answers).causes]
    if "sleep-exertion" in causes:
        assert len(causes) > 1
