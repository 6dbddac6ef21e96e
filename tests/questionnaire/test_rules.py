"""Table-driven tests for questionnaire.rules: cases below, at and above each edge."""

from decimal import Decimal as D

import pytest

from education.causes import Cause
from questionnaire.forms import AlcoholForm
from questionnaire.rules import (
    ACG_HEALTHY_ULN_FEMALE_U_PER_L,
    ACG_HEALTHY_ULN_MALE_U_PER_L,
    BLOCKING_ALT_PROBLEMS,
    BLOCKING_AST_PROBLEMS,
    BLOCKING_PLATELETS_PROBLEMS,
    BLOCKING_UPPER_LIMIT_PROBLEMS,
    PLATELETS_CONFIRM_ABOVE_10E9_PER_L,
    SLEEP_HOURS_MAX,
    SLEEP_HOURS_MIN,
    STANDARD_DRINK_GRAMS,
    SUSPECT_MEDICINES,
    UNKNOWN_SEX_HEALTHY_ULN_U_PER_L,
    UNKNOWN_SEX_WAIST_HIGH_ASIAN_CM,
    UNKNOWN_SEX_WAIST_HIGH_CM,
    WARNING_SIGN_URGENCY,
    AltUnit,
    AltValueProblem,
    Answers,
    AstValueProblem,
    Band,
    CauseStrength,
    Diabetes,
    DrinkCountry,
    Fib4Band,
    HepatitisRisk,
    HepatitisTest,
    Medicine,
    PlateletsProblem,
    Sex,
    UpperLimitProblem,
    UpperLimitSource,
    Urgency,
    WarningSign,
    YesNoUnknown,
    assess,
    audit_c_cutoff,
    bmi_is_high,
    calculate_audit_c,
    calculate_bmi,
    calculate_fib4,
    check_alt_value,
    check_ast_value,
    check_platelets,
    check_upper_limit,
    classify_band,
    classify_fib4,
    healthy_upper_limit,
    is_child,
    to_u_per_l,
    waist_cutoff_cm,
    waist_is_high,
)

U_PER_L = AltUnit.U_PER_L
UKAT = AltUnit.UKAT_PER_L
YES = YesNoUnknown.YES
NO = YesNoUnknown.NO


def make_answers(**overrides):
    """Return Answers for a 45-year-old man, ALT 60 U/L against a lab ULN of 40.

    A medicine may be given as its name, ``statins=YES``: YES ticks it."""
    medicines = set(overrides.pop("medicines", ()))
    for medicine in Medicine:
        if overrides.pop(medicine.value, None) == YES:
            medicines.add(medicine)
    overrides["medicines"] = medicines
    overrides.setdefault("alt_value", D(60))
    overrides.setdefault("alt_unit", U_PER_L)
    overrides.setdefault("lab_upper_limit", D(40))
    overrides.setdefault("age", 45)
    overrides.setdefault("sex", Sex.MALE)
    return Answers(**overrides)


def run(**overrides):
    drink_country = overrides.pop("drink_country", DrinkCountry.INTERNATIONAL)
    return assess(make_answers(**overrides), drink_country=drink_country)


def causes_of(assessment):
    return {relevant.cause: relevant for relevant in assessment.causes}


def texts(items):
    return [str(item) for item in items]


def any_text(items, fragment):
    return any(fragment in text for text in texts(items))


# Units
# -----
@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (D(1), UKAT, D(60)),
        (D("0.5"), UKAT, D(30)),
        (D("1.1"), UKAT, D(66)),
        (D("0.55"), UKAT, D(33)),
        (D("166.67"), UKAT, D("10000.20")),
        (D(56), U_PER_L, D(56)),
        ("1.2", "\u00b5kat/L", D(72)),
        (2, "U/L", D(2)),
    ],
)
def test_to_u_per_l_multiplies_ukat_by_exactly_60(value, unit, expected):
    assert to_u_per_l(value, unit) == expected


def test_assess_converts_ukat_values_and_keeps_the_multiple():
    result = run(alt_value=D("1.1"), alt_unit=UKAT, lab_upper_limit=D("0.55"))
    assert result.alt_u_per_l == D(66)
    assert result.upper_limit_u_per_l == D(33)
    assert result.multiple_of_upper_limit == D(2)
    assert result.band == Band.MILD


def test_ast_uses_the_alt_unit():
    result = run(
        alt_value=D("0.5"), alt_unit=UKAT, ast_value=D(1), lab_upper_limit=None
    )
    assert result.ast_u_per_l == D(60)
    assert result.ast_alt_ratio == D(2)


# Bands (lab ULN 40 U/L: 2x = 80, 5x = 200, 15x = 600)
# -----------------------------------------------------
@pytest.mark.parametrize(
    ("alt", "uln", "band"),
    [
        (D(39), D(40), Band.WITHIN_RANGE),
        (D(40), D(40), Band.WITHIN_RANGE),
        (D("40.01"), D(40), Band.BORDERLINE),
        (D(41), D(40), Band.BORDERLINE),
        (D(79), D(40), Band.BORDERLINE),
        (D("79.99"), D(40), Band.BORDERLINE),
        (D(80), D(40), Band.MILD),
        (D(81), D(40), Band.MILD),
        (D(199), D(40), Band.MILD),
        (D(200), D(40), Band.MODERATE),
        (D(201), D(40), Band.MODERATE),
        (D(599), D(40), Band.MODERATE),
        (D(600), D(40), Band.MODERATE),
        (D("600.01"), D(40), Band.SEVERE),
        (D(601), D(40), Band.SEVERE),
        (D(9999), D(40), Band.SEVERE),
        (D(10000), D(40), Band.SEVERE),
        (D("10000.01"), D(40), Band.MASSIVE),
        (D(10001), D(40), Band.MASSIVE),
        # Massive is on U/L alone, whatever the multiple.
        (D(10001), D(5000), Band.MASSIVE),
        (D(10000), D(5000), Band.MILD),
    ],
)
def test_band_edges(alt, uln, band):
    assert run(alt_value=alt, lab_upper_limit=uln).band == band


@pytest.mark.parametrize(
    ("multiple", "band"),
    [
        (D("0.5"), Band.WITHIN_RANGE),
        (D(1), Band.WITHIN_RANGE),
        (D("1.0001"), Band.BORDERLINE),
        (D("1.9999"), Band.BORDERLINE),
        (D(2), Band.MILD),
        (D("4.9999"), Band.MILD),
        (D(5), Band.MODERATE),
        (D(15), Band.MODERATE),
        (D("15.0001"), Band.SEVERE),
    ],
)
def test_classify_band_on_the_multiple(multiple, band):
    assert classify_band(D(100), multiple) == band


def test_band_labels_are_plain_words():
    assert Band.WITHIN_RANGE.label == "within your lab's range"
    assert Band.BORDERLINE.label == "slightly raised"
    assert Band.MASSIVE.label == "very severely raised"


@pytest.mark.parametrize(
    ("alt", "uln", "shown"),
    [
        (D(79), D(40), D("1.9")),  # 1.975: cut, never shown as the next band's 2.0
        (D(80), D(40), D("2.0")),
        (D(66), D(33), D("2.0")),
        (D(100), D(30), D("3.3")),
    ],
)
def test_multiple_display_is_cut_to_one_decimal(alt, uln, shown):
    result = run(alt_value=alt, lab_upper_limit=uln)
    assert result.multiple_of_upper_limit == alt / uln
    assert result.multiple_of_upper_limit_display == shown


# Upper limit choice (rule R2)
# ----------------------------
@pytest.mark.parametrize(
    ("sex", "lab", "uln", "source"),
    [
        (Sex.MALE, D(45), D(45), UpperLimitSource.LAB),
        (Sex.FEMALE, D(34), D(34), UpperLimitSource.LAB),
        (None, D(56), D(56), UpperLimitSource.LAB),
        (Sex.MALE, None, D(33), UpperLimitSource.DEFAULT_BY_SEX),
        (Sex.FEMALE, None, D(25), UpperLimitSource.DEFAULT_BY_SEX),
        # Sex not given: the women's (lower) limit (review 2026-11, finding 11).
        (Sex.OTHER_OR_NOT_SAID, None, D(25), UpperLimitSource.DEFAULT_UNKNOWN_SEX),
        (None, None, D(25), UpperLimitSource.DEFAULT_UNKNOWN_SEX),
    ],
)
def test_upper_limit_choice(sex, lab, uln, source):
    result = run(sex=sex, lab_upper_limit=lab)
    assert result.upper_limit_u_per_l == uln
    assert result.upper_limit_source == source
    assert str(result.upper_limit_explanation)


def test_lab_upper_limit_in_ukat_is_converted():
    result = run(alt_value=D(1), alt_unit=UKAT, lab_upper_limit=D("0.5"))
    assert result.upper_limit_u_per_l == D(30)
    assert "0.5 \u00b5kat/L" in str(result.upper_limit_explanation)


@pytest.mark.parametrize(
    ("sex", "alt", "band"),
    [
        (Sex.MALE, D(32), Band.WITHIN_RANGE),
        (Sex.MALE, D(33), Band.WITHIN_RANGE),
        (Sex.MALE, D(34), Band.BORDERLINE),
        (Sex.FEMALE, D(24), Band.WITHIN_RANGE),
        (Sex.FEMALE, D(25), Band.WITHIN_RANGE),
        (Sex.FEMALE, D(26), Band.BORDERLINE),
        (None, D(25), Band.WITHIN_RANGE),
        (None, D(26), Band.BORDERLINE),
    ],
)
def test_default_upper_limit_edges_by_sex(sex, alt, band):
    assert run(sex=sex, alt_value=alt, lab_upper_limit=None).band == band


def test_staff_can_configure_default_upper_limits():
    answers = make_answers(sex=Sex.FEMALE, lab_upper_limit=None, alt_value=D(28))
    result = assess(answers, default_upper_limits={Sex.FEMALE: 30})
    assert result.upper_limit_u_per_l == D(30)
    assert result.band == Band.WITHIN_RANGE
    assert "set by your clinic" in str(result.upper_limit_explanation)
    male = assess(
        make_answers(lab_upper_limit=None), default_upper_limits={Sex.FEMALE: 30}
    )
    assert male.upper_limit_u_per_l == D(33)


def test_unknown_sex_explanation_says_the_lower_limit_was_used():
    result = run(sex=None, lab_upper_limit=None)
    assert "25 U/L" in str(result.upper_limit_explanation)
    assert "the lower of the usual limits" in str(result.upper_limit_explanation)


def test_configured_default_upper_limit_must_be_positive():
    with pytest.raises(ValueError):
        assess(make_answers(), default_upper_limits={Sex.MALE: 0})


# Urgency (rule R4)
# -----------------
@pytest.mark.parametrize(
    ("overrides", "urgency"),
    [
        ({"alt_value": D(30)}, Urgency.NEXT_VISIT),
        ({"alt_value": D(40)}, Urgency.NEXT_VISIT),
        ({"alt_value": D(41)}, Urgency.ROUTINE),
        ({"alt_value": D(79)}, Urgency.ROUTINE),
        ({"alt_value": D(80)}, Urgency.SOON),
        ({"alt_value": D(199)}, Urgency.SOON),
        ({"alt_value": D(200)}, Urgency.WITHIN_DAYS),
        ({"alt_value": D(399)}, Urgency.WITHIN_DAYS),
        # >= 10x is same-day (review 2026-11, finding 1): 40 x 10 = 400.
        ({"alt_value": D(400)}, Urgency.TODAY),
        ({"alt_value": D(600)}, Urgency.TODAY),
        ({"alt_value": D(601)}, Urgency.TODAY),
        ({"alt_value": D(10000)}, Urgency.TODAY),
        # > 10,000 U/L is an emergency (review 2026-11, finding 7).
        ({"alt_value": D(10001)}, Urgency.EMERGENCY),
        # ALT >= 1,000 U/L is same-day even when only "moderate" for a high ULN.
        ({"alt_value": D(999), "lab_upper_limit": D(100)}, Urgency.WITHIN_DAYS),
        ({"alt_value": D(1000), "lab_upper_limit": D(100)}, Urgency.TODAY),
        ({"alt_value": D(1001), "lab_upper_limit": D(100)}, Urgency.TODAY),
        # >= 3x ULN with a suspect medicine: within days (40 x 3 = 120).
        ({"alt_value": D(119), "new_or_changed_medicine": YES}, Urgency.SOON),
        ({"alt_value": D(120), "new_or_changed_medicine": YES}, Urgency.WITHIN_DAYS),
        ({"alt_value": D(121), "new_or_changed_medicine": YES}, Urgency.WITHIN_DAYS),
        ({"alt_value": D(120), "new_or_changed_medicine": NO}, Urgency.SOON),
        ({"alt_value": D(120), "statins": YES}, Urgency.SOON),
        ({"alt_value": D(120), "seizure_medicines": YES}, Urgency.SOON),
        ({"alt_value": D(120), "regular_paracetamol": YES}, Urgency.SOON),
    ],
)
def test_urgency_levels(overrides, urgency):
    result = run(**overrides)
    assert result.urgency == urgency
    assert result.urgency_reasons
    assert str(result.urgency_advice)


@pytest.mark.parametrize(
    "medicine", sorted(SUSPECT_MEDICINES - {Medicine.TB_MEDICINES})
)
def test_each_suspect_medicine_brings_care_forward_at_3x(medicine):
    assert run(alt_value=D(120), medicines={medicine}).urgency == Urgency.WITHIN_DAYS
    assert run(alt_value=D(119), medicines={medicine}).urgency == Urgency.SOON


def test_urgency_is_ordered():
    assert (
        Urgency.EMERGENCY
        > Urgency.TODAY
        > Urgency.WITHIN_TWO_DAYS
        > Urgency.WITHIN_DAYS
        > Urgency.SOON
        > Urgency.ROUTINE
        > Urgency.NEXT_VISIT
    )


EMERGENCY_SIGNS = [
    WarningSign.CONFUSION_OR_SLEEPINESS,
    WarningSign.FAINTING,
    WarningSign.VOMITING_BLOOD_OR_BLACK_STOOLS,
    WarningSign.PARACETAMOL_OVERDOSE,
    WarningSign.SEVERE_TUMMY_PAIN,
    WarningSign.FEVER_WITH_PAIN_OR_JAUNDICE,
]
SAME_DAY_SIGNS = [
    WarningSign.JAUNDICE,
    WarningSign.DARK_URINE_PALE_STOOLS,
    WarningSign.REPEATED_VOMITING,
    WarningSign.SWOLLEN_TUMMY,
    WarningSign.BRUISING_OR_BLEEDING,
]


def test_every_warning_sign_has_a_level():
    assert set(WARNING_SIGN_URGENCY) == set(WarningSign)


@pytest.mark.parametrize(
    ("sign", "urgency"),
    [(sign, Urgency.EMERGENCY) for sign in EMERGENCY_SIGNS]
    + [(sign, Urgency.TODAY) for sign in SAME_DAY_SIGNS],
)
@pytest.mark.parametrize("alt", [D(10), D(40), D(79), D(200), D(700)])
def test_warning_sign_overrides_a_reassuring_result(sign, urgency, alt):
    result = run(alt_value=alt, warning_signs=frozenset({sign}))
    assert result.urgency == urgency
    assert result.urgency >= Urgency.TODAY
    assert any_text(result.urgency_reasons, "whatever your ALT result is")


def test_warning_sign_overrides_other_answers():
    result = run(
        alt_value=D(20),
        warning_signs={WarningSign.JAUNDICE},
        strenuous_exercise=YES,
        sleep_hours=D(3),
    )
    assert result.urgency == Urgency.TODAY
    # Exercise is then only a possible contributor, never the main explanation.
    assert causes_of(result)[Cause.SLEEP_AND_EXERTION].strength == (
        CauseStrength.POSSIBLE
    )


def test_emergency_sign_wins_over_same_day_sign():
    signs = {WarningSign.JAUNDICE, WarningSign.CONFUSION_OR_SLEEPINESS}
    result = run(warning_signs=signs)
    assert result.urgency == Urgency.EMERGENCY
    assert "confused" in str(result.urgency_reasons[0])


def test_urgency_reasons_list_the_most_urgent_first():
    result = run(alt_value=D(300), warning_signs={WarningSign.JAUNDICE})
    reasons = texts(result.urgency_reasons)
    assert "yellow" in reasons[0]
    assert "5 to 10 times" in reasons[-1]


@pytest.mark.parametrize(
    ("alt", "note"), [(D(199), False), (D(200), True), (D(399), True), (D(400), False)]
)
def test_from_5x_below_today_says_see_today_if_you_start_to_feel_unwell(alt, note):
    # At 10x (400) the advice is already "today", so the note is not needed.
    assert any_text(run(alt_value=alt).notes, "If you start to feel unwell") is note


# Within range is never "nothing to worry about"
# ----------------------------------------------
@pytest.mark.parametrize("alt", [D(5), D(25), D(40)])
def test_within_range_gets_the_does_not_rule_out_note_and_next_visit(alt):
    result = run(alt_value=alt)
    assert result.band == Band.WITHIN_RANGE
    assert result.urgency == Urgency.NEXT_VISIT
    assert any_text(result.notes, "does not rule out liver disease")
    assert result.causes


def test_raised_result_does_not_get_the_within_range_note():
    assert not any_text(run(alt_value=D(41)).notes, "does not rule out")


@pytest.mark.parametrize(
    ("sex", "alt", "expected"),
    [
        (Sex.MALE, D(33), False),
        (Sex.MALE, D(34), True),
        (Sex.FEMALE, D(25), False),
        (Sex.FEMALE, D(26), True),
        (None, D(25), False),
        (None, D(26), True),  # sex unknown: the lower (women's) healthy level
    ],
)
def test_within_lab_range_but_above_acg_healthy_level(sex, alt, expected):
    result = run(sex=sex, alt_value=alt, lab_upper_limit=D(45))
    assert result.band == Band.WITHIN_RANGE
    assert any_text(result.notes, "healthy level") is expected


def test_healthy_limit_is_reported_alongside():
    result = run(sex=Sex.FEMALE, alt_value=D(50))
    assert result.healthy_upper_limit_u_per_l == ACG_HEALTHY_ULN_FEMALE_U_PER_L
    assert result.multiple_of_healthy_limit == D(2)
    male = run(alt_value=D(66))
    assert male.healthy_upper_limit_u_per_l == ACG_HEALTHY_ULN_MALE_U_PER_L


# AUDIT-C (rule R7)
# -----------------
@pytest.mark.parametrize(
    ("sex", "country", "items", "positive"),
    [
        (Sex.MALE, DrinkCountry.INTERNATIONAL, (1, 1, 1), False),
        (Sex.MALE, DrinkCountry.INTERNATIONAL, (2, 1, 1), True),
        (Sex.MALE, DrinkCountry.INTERNATIONAL, (2, 2, 1), True),
        (Sex.FEMALE, DrinkCountry.INTERNATIONAL, (1, 1, 0), False),
        (Sex.FEMALE, DrinkCountry.INTERNATIONAL, (1, 1, 1), True),
        (Sex.FEMALE, DrinkCountry.INTERNATIONAL, (2, 1, 1), True),
        (Sex.OTHER_OR_NOT_SAID, DrinkCountry.US, (1, 1, 0), False),
        (Sex.OTHER_OR_NOT_SAID, DrinkCountry.US, (1, 1, 1), True),
        (None, DrinkCountry.AU, (1, 1, 0), False),
        (None, DrinkCountry.AU, (1, 1, 1), True),
        (Sex.MALE, DrinkCountry.US, (1, 1, 1), False),
        (Sex.MALE, DrinkCountry.CA, (2, 1, 1), True),
        (Sex.FEMALE, DrinkCountry.CA, (1, 1, 1), True),
        (Sex.MALE, DrinkCountry.UK, (2, 1, 1), False),
        (Sex.MALE, DrinkCountry.UK, (2, 2, 1), True),
        (Sex.MALE, DrinkCountry.UK, (2, 2, 2), True),
        (Sex.FEMALE, DrinkCountry.UK, (2, 1, 1), False),
        (Sex.FEMALE, DrinkCountry.UK, (2, 2, 1), True),
        (None, DrinkCountry.UK, (2, 1, 1), False),
        (None, DrinkCountry.UK, (3, 1, 1), True),
        # China: the Bush et al. cut-offs, as elsewhere (docs/china.md, [U]).
        (Sex.MALE, DrinkCountry.CN, (1, 1, 1), False),
        (Sex.MALE, DrinkCountry.CN, (2, 1, 1), True),
        (Sex.FEMALE, DrinkCountry.CN, (1, 1, 0), False),
        (Sex.FEMALE, DrinkCountry.CN, (1, 1, 1), True),
        (None, DrinkCountry.CN, (1, 1, 1), True),
    ],
)
def test_audit_c_cut_offs(sex, country, items, positive):
    frequency, typical, binge = items
    result = run(
        sex=sex,
        drink_country=country,
        audit_c_frequency=frequency,
        audit_c_typical_drinks=typical,
        audit_c_binge=binge,
    )
    assert result.audit_c_score == sum(items)
    assert result.audit_c_positive is positive
    alcohol = causes_of(result).get(Cause.ALCOHOL)
    if positive:
        # Without a matching AST/ALT pattern, a positive screen is "possible".
        assert alcohol.strength == CauseStrength.POSSIBLE
    else:
        assert alcohol is None or alcohol.strength == CauseStrength.SCREENING


@pytest.mark.parametrize(
    ("sex", "country", "cutoff"),
    [
        (Sex.MALE, DrinkCountry.INTERNATIONAL, 4),
        (Sex.FEMALE, DrinkCountry.INTERNATIONAL, 3),
        (Sex.OTHER_OR_NOT_SAID, DrinkCountry.US, 3),
        (None, DrinkCountry.CA, 3),
        (Sex.MALE, DrinkCountry.UK, 5),
        (Sex.FEMALE, DrinkCountry.UK, 5),
        (Sex.MALE, DrinkCountry.CN, 4),
        (Sex.FEMALE, DrinkCountry.CN, 3),
        (Sex.OTHER_OR_NOT_SAID, DrinkCountry.CN, 3),
    ],
)
def test_audit_c_cutoff(sex, country, cutoff):
    assert audit_c_cutoff(sex, country) == cutoff


@pytest.mark.parametrize(
    ("items", "score"),
    [
        ((None, 1, 1), None),
        ((1, None, 1), None),
        ((1, 1, None), None),
        ((0, None, None), 0),  # never drinks: the other two score 0
        ((0, 0, 0), 0),
        ((4, 4, 4), 12),
    ],
)
def test_audit_c_score(items, score):
    assert calculate_audit_c(*items) == score


def test_missing_audit_c_gives_no_screen_result():
    result = run(audit_c_frequency=3, audit_c_typical_drinks=None)
    assert result.audit_c_score is None
    assert result.audit_c_positive is None


@pytest.mark.parametrize(
    ("country", "grams"),
    [
        (DrinkCountry.US, D(14)),
        (DrinkCountry.UK, D(8)),
        (DrinkCountry.AU, D(10)),
        (DrinkCountry.CA, D("13.45")),
        (DrinkCountry.CN, D(10)),
        (DrinkCountry.INTERNATIONAL, D(10)),
    ],
)
def test_standard_drink_grams(country, grams):
    assert STANDARD_DRINK_GRAMS[country] == grams
    assert run(drink_country=country).standard_drink_grams == grams


# AST/ALT ratio (rule R5)
# -----------------------
@pytest.mark.parametrize(
    ("ast", "flagged"),
    [(D(199), False), (D(200), True), (D(201), True)],
)
def test_ast_alt_ratio_2_raises_alcohol(ast, flagged):
    result = run(alt_value=D(100), ast_value=ast)
    assert result.ast_alt_ratio == ast / D(100)
    alcohol = causes_of(result).get(Cause.ALCOHOL)
    has_reason = alcohol is not None and any_text(alcohol.reasons, "pattern")
    assert has_reason is flagged
    if flagged:
        assert alcohol.strength >= CauseStrength.POSSIBLE
        assert any_text(alcohol.reasons, "does not prove")


@pytest.mark.parametrize(
    ("ast", "flagged"),
    [(D(299), False), (D(300), False), (D(301), True)],
)
def test_ast_alt_ratio_above_3_after_exercise_points_to_muscle(ast, flagged):
    result = run(alt_value=D(100), ast_value=ast, strenuous_exercise=YES)
    exertion = causes_of(result)[Cause.SLEEP_AND_EXERTION]
    assert any_text(exertion.reasons, "from the muscles") is flagged


def test_ratio_above_3_without_exercise_says_nothing_about_muscle():
    result = run(alt_value=D(100), ast_value=D(350))
    exertion = causes_of(result).get(Cause.SLEEP_AND_EXERTION)
    assert exertion is None


def test_ratio_is_none_without_ast():
    result = run()
    assert result.ast_alt_ratio is None
    assert result.ast_alt_ratio_display is None


# Alcohol ceiling, very high values, acute viral range
# ---------------------------------------------------
POSITIVE_AUDIT = {
    "audit_c_frequency": 3,
    "audit_c_typical_drinks": 2,
    "audit_c_binge": 1,
}


@pytest.mark.parametrize(
    ("alt", "ast", "ceiling"),
    [
        (D(399), None, False),
        (D(400), None, True),
        (D(401), None, True),
        (D(100), D(399), False),
        (D(100), D(400), True),
    ],
)
def test_alt_or_ast_400_is_not_put_down_to_alcohol_alone(alt, ast, ceiling):
    result = run(alt_value=alt, ast_value=ast, lab_upper_limit=D(100), **POSITIVE_AUDIT)
    causes = causes_of(result)
    # A positive AUDIT-C alone is one risk factor: "may be playing a part"; with
    # the matching AST/ALT >= 2 pattern it points to alcohol.
    matching = ast is not None and ast / alt >= 2
    expected = CauseStrength.HIGH if matching else CauseStrength.POSSIBLE
    assert causes[Cause.ALCOHOL].strength == expected
    assert any_text(causes[Cause.ALCOHOL].reasons, "Alcohol alone") is ceiling
    # The other common causes are always listed too (finding 8).
    assert Cause.FATTY_LIVER in causes
    assert Cause.VIRAL_HEPATITIS in causes


@pytest.mark.parametrize(
    ("alt", "very_high"),
    [(D(999), False), (D(1000), True), (D(1001), True)],
)
def test_alt_1000_lists_virus_and_medicines_first(alt, very_high):
    result = run(alt_value=alt, lab_upper_limit=D(100))
    first_two = {relevant.cause for relevant in result.causes[:2]}
    if very_high:
        assert first_two == {Cause.DRUG_INJURY, Cause.VIRAL_HEPATITIS}
        assert all(c.strength == CauseStrength.HIGH for c in result.causes[:2])
        assert result.urgency == Urgency.TODAY
    else:
        assert Cause.DRUG_INJURY not in causes_of(result)


@pytest.mark.parametrize(
    ("alt", "acute"),
    [(D(399), False), (D(400), True), (D(401), True)],
)
def test_alt_10x_uln_ranks_viral_hepatitis_first(alt, acute):
    result = run(alt_value=alt, **POSITIVE_AUDIT)
    viral = causes_of(result).get(Cause.VIRAL_HEPATITIS)
    if acute:
        assert result.causes[0].cause == Cause.VIRAL_HEPATITIS
        assert viral.strength == CauseStrength.HIGH
    else:
        assert viral is None or viral.strength == CauseStrength.SCREENING


def test_severe_band_lists_medicines_as_possible():
    result = run(alt_value=D(700))
    assert causes_of(result)[Cause.DRUG_INJURY].strength == CauseStrength.POSSIBLE


# Fatty liver criteria (rule R8)
# ------------------------------
@pytest.mark.parametrize(
    ("weight", "asian", "bmi", "high"),
    [
        (D("99.6"), False, D("24.9"), False),
        (D("99.78"), False, D("24.9"), False),  # 24.945 rounds down
        (D("99.8"), False, D("25.0"), True),  # 24.95 rounds up: conservative
        (D(100), False, D("25.0"), True),
        (D("100.4"), False, D("25.1"), True),
        (D("91.6"), True, D("22.9"), False),
        (D(92), True, D("23.0"), True),
        (D("92.4"), True, D("23.1"), True),
        (D(92), False, D("23.0"), False),
    ],
)
def test_bmi_edges(weight, asian, bmi, high):
    result = run(height_cm=D(200), weight_kg=weight, use_asian_cutoffs=asian)
    assert result.bmi == bmi
    assert result.bmi_high is high
    fatty = causes_of(result)[Cause.FATTY_LIVER]
    # One criterion: "may be playing a part"; none: the screening entry.
    expected = CauseStrength.POSSIBLE if high else CauseStrength.SCREENING
    assert fatty.strength == expected


def test_bmi_needs_height_and_weight():
    assert calculate_bmi(None, D(80)) is None
    assert calculate_bmi(D(180), None) is None
    assert calculate_bmi(D(180), D(81)) == D(25)
    assert run(weight_kg=D(80)).bmi is None
    assert run(weight_kg=D(80)).bmi_high is None


@pytest.mark.parametrize(
    ("bmi", "asian", "high"),
    [(D("24.9"), False, False), (D(25), False, True), (D("22.9"), True, False)],
)
def test_bmi_is_high(bmi, asian, high):
    assert bmi_is_high(bmi, asian=asian) is high


@pytest.mark.parametrize(
    ("sex", "asian", "waist", "high"),
    [
        (Sex.MALE, False, D(93), False),
        (Sex.MALE, False, D(94), True),
        (Sex.MALE, False, D(95), True),
        (Sex.FEMALE, False, D(79), False),
        (Sex.FEMALE, False, D(80), True),
        (Sex.FEMALE, False, D(81), True),
        (Sex.MALE, True, D(89), False),
        (Sex.MALE, True, D(90), True),
        (Sex.MALE, True, D(91), True),
        (Sex.FEMALE, True, D(79), False),
        (Sex.FEMALE, True, D(80), True),
        (None, False, D(79), False),
        (None, False, D(80), True),  # sex unknown: the lower cut-off
        (Sex.OTHER_OR_NOT_SAID, True, D(80), True),
    ],
)
def test_waist_edges(sex, asian, waist, high):
    assert waist_is_high(waist, sex, asian=asian) is high
    result = run(sex=sex, waist_cm=waist, use_asian_cutoffs=asian)
    assert result.waist_high is high
    assert any_text(causes_of(result)[Cause.FATTY_LIVER].reasons, "waist") is high


@pytest.mark.parametrize(
    ("overrides", "flagged"),
    [
        ({"diabetes": Diabetes.DIABETES}, True),
        ({"diabetes": Diabetes.PREDIABETES}, True),
        ({"diabetes": Diabetes.NO}, False),
        ({"diabetes": Diabetes.UNKNOWN}, False),
        ({"high_blood_pressure": YES}, True),
        ({"high_blood_pressure": YesNoUnknown.UNKNOWN}, False),
        ({"cholesterol_treatment": YES}, True),
        ({"cholesterol_treatment": NO}, False),
    ],
)
def test_metabolic_answers_flag_fatty_liver(overrides, flagged):
    result = run(**overrides)
    fatty = causes_of(result)[Cause.FATTY_LIVER]
    assert (fatty.strength == CauseStrength.POSSIBLE) is flagged
    assert any_text(result.notes, "Only a scan") is flagged


def test_alcohol_and_metabolic_risk_together_mention_both():
    result = run(diabetes=Diabetes.DIABETES, **POSITIVE_AUDIT)
    fatty = causes_of(result)[Cause.FATTY_LIVER]
    assert any_text(fatty.reasons, "add together")


# FIB-4 (rule R6)
# ---------------
def test_calculate_fib4():
    # 50 x 26 / (100 x sqrt(100)) = 1.30
    assert calculate_fib4(50, D(26), D(100), D(100)) == D("1.30")
    # 60 x 40 / (200 x sqrt(49)) = 1.714...
    assert calculate_fib4(60, D(40), D(49), D(200)) == D("1.71")


@pytest.mark.parametrize(
    ("fib4", "age", "band"),
    [
        (D("1.29"), 50, Fib4Band.LOW),
        (D("1.30"), 50, Fib4Band.INDETERMINATE),
        (D("1.31"), 50, Fib4Band.INDETERMINATE),
        (D("2.66"), 50, Fib4Band.INDETERMINATE),
        (D("2.67"), 50, Fib4Band.INDETERMINATE),
        (D("2.68"), 50, Fib4Band.HIGH),
        (D("1.99"), 64, Fib4Band.INDETERMINATE),
        (D("1.99"), 65, Fib4Band.LOW),
        (D("1.30"), 65, Fib4Band.LOW),
        (D("2.00"), 65, Fib4Band.INDETERMINATE),
        (D("2.01"), 65, Fib4Band.INDETERMINATE),
        (D("2.67"), 65, Fib4Band.INDETERMINATE),
        (D("2.68"), 65, Fib4Band.HIGH),
        (D("1.99"), 80, Fib4Band.LOW),
        (D("0.50"), 34, Fib4Band.NOT_RELIABLE),
        (D("5.00"), 35, Fib4Band.NOT_RELIABLE),
        (D("0.50"), 36, Fib4Band.LOW),
        (D("5.00"), 36, Fib4Band.HIGH),
    ],
)
def test_fib4_bands_with_age(fib4, age, band):
    assert classify_fib4(fib4, age) == band


@pytest.mark.parametrize(
    ("ast", "fib4", "band"),
    [
        (D("25.8"), D("1.29"), Fib4Band.LOW),
        (D(26), D("1.30"), Fib4Band.INDETERMINATE),
        (D("53.4"), D("2.67"), Fib4Band.INDETERMINATE),
        (D("53.6"), D("2.68"), Fib4Band.HIGH),
    ],
)
def test_fib4_in_assessment(ast, fib4, band):
    # age 50, ALT 100, platelets 100: FIB-4 = AST / 20
    result = run(age=50, alt_value=D(100), ast_value=ast, platelets=D(100))
    assert result.fib4 == fib4
    assert result.fib4_band == band
    stiffness = any_text(result.notes, "liver stiffness")
    assert stiffness is (band != Fib4Band.LOW)


def test_fib4_uses_u_per_l_when_given_ukat():
    # 60 x 30 / (100 x sqrt(36)) = 3.00, from 0.5 and 0.6 µkat/L
    result = run(
        age=60,
        alt_value=D("0.6"),
        ast_value=D("0.5"),
        alt_unit=UKAT,
        lab_upper_limit=D("0.5"),
        platelets=D(100),
    )
    assert result.fib4 == D("3.00")
    assert result.fib4_band == Fib4Band.HIGH


@pytest.mark.parametrize(
    "overrides",
    [{"ast_value": D(30)}, {"platelets": D(200)}, {}],
)
def test_fib4_needs_ast_and_platelets(overrides):
    result = run(**overrides)
    assert result.fib4 is None
    assert result.fib4_band is None


def test_fib4_not_reliable_at_35_says_so():
    result = run(age=35, ast_value=D(30), platelets=D(200))
    assert result.fib4_band == Fib4Band.NOT_RELIABLE
    assert any_text(result.notes, "not reliable")


# Hepatitis (rule R9)
# -------------------
T = HepatitisTest


@pytest.mark.parametrize(
    ("b", "c", "note"),
    [
        (T.NEGATIVE, T.NEGATIVE, False),
        (T.POSITIVE, T.NEGATIVE, False),
        (T.NEGATIVE, T.POSITIVE, False),
        (T.NEGATIVE, T.NEVER_TESTED, True),
        (T.NEVER_TESTED, T.NEGATIVE, True),
        (T.UNKNOWN, T.NEGATIVE, True),
        (None, None, True),
        (T.NEGATIVE, None, True),
    ],
)
@pytest.mark.parametrize(
    ("country", "fragment"),
    [
        (DrinkCountry.US, "US health advice is that every adult"),
        (DrinkCountry.UK, "Ask your doctor about these blood tests"),
        (DrinkCountry.INTERNATIONAL, "Ask your doctor about these blood tests"),
    ],
)
def test_hepatitis_testing_message_unless_both_tested(b, c, note, country, fragment):
    result = run(hepatitis_b_test=b, hepatitis_c_test=c, drink_country=country)
    assert any_text(result.notes, fragment) is note
    # Universal one-off testing is US policy only (review 2026-11, finding 14).
    if country != DrinkCountry.US:
        assert not any_text(result.notes, "every adult")


@pytest.mark.parametrize(
    ("overrides", "fragment", "strength"),
    [
        ({"hepatitis_b_test": T.POSITIVE}, "hepatitis B test found the virus", 4),
        ({"hepatitis_c_test": T.POSITIVE}, "hepatitis C test found the virus", 4),
        ({"hepatitis_risks": {HepatitisRisk.INJECTED_DRUGS}}, "Injected drugs", 3),
        ({"hepatitis_risks": {HepatitisRisk.PRISON}}, "prison", 3),
    ],
)
def test_hepatitis_answers_flag_viral_hepatitis(overrides, fragment, strength):
    # A positive test points to it; one risk factor only "may be playing a part"
    # (review 2026-11, finding 13).
    viral = causes_of(run(**overrides))[Cause.VIRAL_HEPATITIS]
    assert viral.strength == strength
    assert any_text(viral.reasons, fragment)


@pytest.mark.parametrize("risk", list(HepatitisRisk))
def test_every_hepatitis_risk_flags_viral_hepatitis(risk):
    viral = causes_of(run(hepatitis_risks={risk}))[Cause.VIRAL_HEPATITIS]
    assert viral.strength == CauseStrength.POSSIBLE
    assert any_text(viral.reasons, str(risk.label))


# Medicines (rule R10)
# --------------------
@pytest.mark.parametrize(
    ("medicine", "strength_below_3x", "strength_at_3x"),
    [
        (Medicine.NEW_OR_CHANGED, CauseStrength.POSSIBLE, CauseStrength.HIGH),
        (Medicine.ANTIBIOTICS, CauseStrength.POSSIBLE, CauseStrength.HIGH),
        (Medicine.TB_MEDICINES, CauseStrength.POSSIBLE, CauseStrength.HIGH),
        (Medicine.HERBAL_REMEDIES, CauseStrength.POSSIBLE, CauseStrength.HIGH),
        (Medicine.SUPPLEMENTS, CauseStrength.POSSIBLE, CauseStrength.HIGH),
        (Medicine.ANABOLIC_STEROIDS, CauseStrength.POSSIBLE, CauseStrength.HIGH),
        (Medicine.STATINS, CauseStrength.POSSIBLE, CauseStrength.POSSIBLE),
        (Medicine.SEIZURE_MEDICINES, CauseStrength.POSSIBLE, CauseStrength.POSSIBLE),
        (Medicine.REGULAR_PARACETAMOL, CauseStrength.POSSIBLE, CauseStrength.POSSIBLE),
    ],
)
def test_medicine_answers_flag_drug_injury(medicine, strength_below_3x, strength_at_3x):
    # A suspect medicine "points to" drug injury only with ALT >= 3x (40 x 3).
    below = run(alt_value=D(119), medicines={medicine})
    at = run(alt_value=D(120), medicines={medicine})
    assert causes_of(below)[Cause.DRUG_INJURY].strength == strength_below_3x
    assert causes_of(at)[Cause.DRUG_INJURY].strength == strength_at_3x
    assert any_text(below.notes, "Do not stop a prescribed medicine")


@pytest.mark.parametrize("medicines", [set(), None])
def test_medicine_not_taken_does_not_flag_drug_injury(medicines):
    result = run(medicines=medicines or set())
    assert Cause.DRUG_INJURY not in causes_of(result)
    assert not any_text(result.notes, "Do not stop")


@pytest.mark.parametrize(
    ("typical_drinks", "fragment"),
    [
        (None, "Within the label dose"),
        (0, "Within the label dose"),
        (1, "3 or more drinks when you drink"),
    ],
)
def test_regular_paracetamol_with_3_or_more_drinks(typical_drinks, fragment):
    result = run(
        regular_paracetamol=YES,
        audit_c_frequency=2,
        audit_c_typical_drinks=typical_drinks,
    )
    drug = causes_of(result)[Cause.DRUG_INJURY]
    assert drug.strength == CauseStrength.POSSIBLE
    assert any_text(drug.reasons, fragment)
    # The < 50 kg caveat (British Liver Trust; review 2026-11, finding 15).
    assert any_text(drug.reasons, "under 50 kg")


def test_paracetamol_overdose_ranks_drug_injury_first():
    result = run(
        warning_signs={WarningSign.PARACETAMOL_OVERDOSE},
        diabetes=Diabetes.DIABETES,
        height_cm=D(170),
        weight_kg=D(100),
        **POSITIVE_AUDIT,
    )
    assert result.urgency == Urgency.EMERGENCY
    assert result.causes[0].cause == Cause.DRUG_INJURY
    assert result.causes[0].strength == CauseStrength.HIGH


def test_list_of_medicines_note_is_always_there():
    assert any_text(run().notes, "list of all your medicines")


# Exertion and sleep (rule R11)
# -----------------------------
@pytest.mark.parametrize(
    ("alt", "strength"),
    [
        (D(60), CauseStrength.HIGH),
        (D(199), CauseStrength.HIGH),
        (D("199.99"), CauseStrength.HIGH),
        (D(200), CauseStrength.POSSIBLE),  # 5x ULN: no longer the main explanation
        (D(201), CauseStrength.POSSIBLE),
    ],
)
def test_exercise_with_muscle_pattern_is_main_explanation_only_below_5x(alt, strength):
    # AST more than 3x ALT after exercise: the muscle pattern.
    result = run(alt_value=alt, ast_value=alt * 4, strenuous_exercise=YES)
    assert causes_of(result)[Cause.SLEEP_AND_EXERTION].strength == strength


@pytest.mark.parametrize("alt", [D(60), D(199), D(200)])
def test_exercise_alone_is_only_possible(alt):
    # One risk factor is not strong evidence (review 2026-11, finding 13).
    result = run(alt_value=alt, strenuous_exercise=YES)
    exertion = causes_of(result)[Cause.SLEEP_AND_EXERTION]
    assert exertion.strength == CauseStrength.POSSIBLE
    assert any_text(result.notes, "at least 7 days without hard exercise")


def test_exercise_never_hides_the_common_causes():
    causes = causes_of(run(strenuous_exercise=YES))
    assert {Cause.FATTY_LIVER, Cause.ALCOHOL, Cause.VIRAL_HEPATITIS} <= set(causes)


@pytest.mark.parametrize("answer", [NO, YesNoUnknown.UNKNOWN, None])
def test_no_exercise_no_exertion_cause(answer):
    assert Cause.SLEEP_AND_EXERTION not in causes_of(run(strenuous_exercise=answer))


@pytest.mark.parametrize(
    ("hours", "flagged"),
    [(D("4.9"), True), (D(5), False), (D("5.1"), False), (D(0), True), (D(8), False)],
)
def test_short_sleep_is_a_small_uncertain_contributor(hours, flagged):
    causes = causes_of(run(sleep_hours=hours))
    assert (Cause.SLEEP_AND_EXERTION in causes) is flagged
    if flagged:
        assert causes[Cause.SLEEP_AND_EXERTION].strength == CauseStrength.SMALL


@pytest.mark.parametrize(
    "overrides",
    [
        {"night_shifts": YES},
        {"sleep_hours": D(3)},
        # Even beside a flagged liver cause, the common causes are listed too.
        {"night_shifts": YES, "statins": YES},
    ],
)
def test_sleep_is_never_the_only_cause(overrides):
    result = run(**overrides)
    causes = causes_of(result)
    assert causes[Cause.SLEEP_AND_EXERTION].strength == CauseStrength.SMALL
    assert {Cause.FATTY_LIVER, Cause.ALCOHOL, Cause.VIRAL_HEPATITIS} <= set(causes)
    assert result.causes[-1].cause == Cause.SLEEP_AND_EXERTION


# Cause ordering (rule R12) and missing inputs
# -------------------------------------------
def test_only_required_answers_give_the_common_causes_most_common_first():
    answers = Answers(alt_value=D(50), alt_unit=U_PER_L, age=40)
    result = assess(answers)
    assert [c.cause for c in result.causes] == [
        Cause.FATTY_LIVER,
        Cause.ALCOHOL,
        Cause.VIRAL_HEPATITIS,
    ]
    assert all(c.strength == CauseStrength.SCREENING for c in result.causes)
    assert result.upper_limit_source == UpperLimitSource.DEFAULT_UNKNOWN_SEX
    assert result.audit_c_score is None
    assert result.bmi is None
    assert result.waist_high is None
    assert result.fib4 is None
    assert result.ast_alt_ratio is None
    assert result.notes


def test_screening_trio_is_listed_beside_a_flagged_cause():
    causes = causes_of(run(**POSITIVE_AUDIT))
    assert set(causes) == {Cause.ALCOHOL, Cause.FATTY_LIVER, Cause.VIRAL_HEPATITIS}
    assert causes[Cause.FATTY_LIVER].strength == CauseStrength.SCREENING


def test_stronger_causes_rank_first():
    # A statin and diabetes: two fatty-liver criteria (the statin counts as
    # cholesterol treatment), so fatty liver "points to this".
    result = run(statins=YES, diabetes=Diabetes.DIABETES)
    assert [c.cause for c in result.causes] == [
        Cause.FATTY_LIVER,
        Cause.DRUG_INJURY,
        Cause.ALCOHOL,
        Cause.VIRAL_HEPATITIS,
    ]
    assert result.causes[0].strength == CauseStrength.HIGH


# Notes
# -----
@pytest.mark.parametrize(
    ("alt", "fragment", "present"),
    [
        (D(40), "About 1 in 3", False),
        (D(41), "About 1 in 3", True),
        (D(80), "About 1 in 3", False),
        (D(40), "repeat test in about 4 to 12 weeks", True),
        (D(79), "repeat test in about 4 to 12 weeks", True),
        (D(80), "repeat test in about 4 to 12 weeks", False),
        (D(40), "more than 6 months", False),
        (D(41), "more than 6 months", True),
        (D(41), "does not always show how serious", True),
        (D(40), "does not always show how serious", False),
    ],
)
def test_notes_by_band(alt, fragment, present):
    assert any_text(run(alt_value=alt).notes, fragment) is present


@pytest.mark.parametrize("alt", [D(20), D(60), D(300), D(20000)])
def test_every_assessment_says_it_cannot_diagnose(alt):
    assert any_text(run(alt_value=alt).notes, "cannot diagnose")


# Input checks (rule R1)
# ----------------------
P = AltValueProblem


@pytest.mark.parametrize(
    ("value", "unit", "problem"),
    [
        (D(0), U_PER_L, P.NOT_POSITIVE),
        (D(-5), U_PER_L, P.NOT_POSITIVE),
        (D(0), UKAT, P.NOT_POSITIVE),
        # Below about 5 U/L asks about the unit (review 2026-11, finding 5).
        (D("3.5"), U_PER_L, P.LIKELY_UNIT_MIX_UP),
        (D("4.99"), U_PER_L, P.LIKELY_UNIT_MIX_UP),
        (D(5), U_PER_L, None),
        (D("5.01"), U_PER_L, None),
        (D(56), U_PER_L, None),
        (D("4999.99"), U_PER_L, None),
        (D(5000), U_PER_L, None),
        (D("5000.01"), U_PER_L, P.CONFIRM_VERY_HIGH),
        (D("49999.99"), U_PER_L, P.CONFIRM_VERY_HIGH),
        (D(50000), U_PER_L, P.CONFIRM_VERY_HIGH),
        (D("50000.01"), U_PER_L, P.IMPLAUSIBLE),
        (D("0.01"), UKAT, None),
        (D("0.93"), UKAT, None),
        (D("14.99"), UKAT, None),
        (D(15), UKAT, None),  # 900 U/L
        # Above about 15 µkat/L asks about the unit: 45 µkat/L is 2,700 U/L.
        (D("15.01"), UKAT, P.LIKELY_UNIT_MIX_UP),
        (D(45), UKAT, P.LIKELY_UNIT_MIX_UP),
        (D("833.33"), UKAT, P.LIKELY_UNIT_MIX_UP),  # 49,999.8 U/L
        # Impossible in either unit is blocked before the mix-up prompt.
        (D("833.34"), UKAT, P.IMPLAUSIBLE),  # 50,000.4 U/L
        (D(999999999), UKAT, P.IMPLAUSIBLE),
        ("56", "U/L", None),
        (56.0, "U/L", None),
    ],
)
def test_check_alt_value(value, unit, problem):
    assert check_alt_value(value, unit) == problem


def test_only_non_positive_and_implausible_alt_block_the_form():
    assert BLOCKING_ALT_PROBLEMS == {P.NOT_POSITIVE, P.IMPLAUSIBLE}


@pytest.mark.parametrize(
    ("value", "unit", "problem"),
    [
        (D(0), U_PER_L, UpperLimitProblem.NOT_POSITIVE),
        (D("9.99"), U_PER_L, UpperLimitProblem.OUTSIDE_USUAL_RANGE),
        (D(10), U_PER_L, None),
        (D("10.01"), U_PER_L, None),
        (D(56), U_PER_L, None),
        (D("99.99"), U_PER_L, None),
        (D(100), U_PER_L, None),
        (D("100.01"), U_PER_L, UpperLimitProblem.OUTSIDE_USUAL_RANGE),
        (D("0.1666"), UKAT, UpperLimitProblem.OUTSIDE_USUAL_RANGE),  # 9.996 U/L
        (D("0.17"), UKAT, None),  # 10.2 U/L
        (D("0.75"), UKAT, None),
        (D("1.66"), UKAT, None),  # 99.6 U/L
        (D("1.6666"), UKAT, None),  # 99.996 U/L
        (D("1.67"), UKAT, UpperLimitProblem.OUTSIDE_USUAL_RANGE),  # 100.2 U/L
        (D(-1), UKAT, UpperLimitProblem.NOT_POSITIVE),
    ],
)
def test_check_upper_limit(value, unit, problem):
    assert check_upper_limit(value, unit) == problem


def test_only_a_non_positive_upper_limit_blocks_the_form():
    assert BLOCKING_UPPER_LIMIT_PROBLEMS == {UpperLimitProblem.NOT_POSITIVE}


# Adults only and answer checks
# -----------------------------
@pytest.mark.parametrize("age", [0, 12, 17])
def test_assess_refuses_under_18(age):
    with pytest.raises(ValueError):
        assess(make_answers(age=age))


def test_assess_accepts_18():
    assert assess(make_answers(age=18)).band == Band.BORDERLINE


@pytest.mark.parametrize(
    "overrides",
    [
        {"alt_value": D(0)},
        {"alt_value": D(-1)},
        {"alt_value": None},
        {"alt_value": "abc"},
        {"alt_value": float("nan")},
        {"lab_upper_limit": D(0)},
        {"ast_value": D(-3)},
        {"platelets": D(0)},
        {"height_cm": D(0)},
        {"sleep_hours": D(-1)},
        {"sleep_hours": D(25)},
        {"audit_c_frequency": 5},
        {"audit_c_binge": -1},
        {"audit_c_typical_drinks": 1.5},
        {"age": -1},
        {"age": 40.5},
        {"alt_unit": "mmol/L"},
        {"sex": "unknown-value"},
        {"warning_signs": {"not-a-sign"}},
    ],
)
def test_answers_reject_invalid_input(overrides):
    with pytest.raises((ValueError, TypeError)):
        make_answers(**overrides)


def test_answers_accept_form_strings_and_lists():
    answers = make_answers(
        alt_value="56",
        alt_unit="U/L",
        sex="female",
        strenuous_exercise="yes",
        warning_signs=["jaundice"],
        hepatitis_risks=["prison"],
        diabetes="prediabetes",
        height_cm=172.5,
    )
    assert answers.alt_value == D(56)
    assert answers.sex is Sex.FEMALE
    assert answers.strenuous_exercise is YES
    assert answers.warning_signs == frozenset({WarningSign.JAUNDICE})
    assert answers.hepatitis_risks == frozenset({HepatitisRisk.PRISON})
    assert answers.diabetes is Diabetes.PREDIABETES
    assert answers.height_cm == D("172.5")


def test_assessment_texts_render_without_missing_placeholders():
    result = run(
        alt_value=D(300),
        ast_value=D(700),
        platelets=D(150),
        warning_signs=set(WarningSign),
        strenuous_exercise=YES,
        sleep_hours=D(4),
        night_shifts=YES,
        hepatitis_risks=set(HepatitisRisk),
        hepatitis_b_test=T.POSITIVE,
        hepatitis_c_test=T.POSITIVE,
        height_cm=D(160),
        weight_kg=D(90),
        waist_cm=D(100),
        diabetes=Diabetes.DIABETES,
        high_blood_pressure=YES,
        cholesterol_treatment=YES,
        medicines=set(Medicine),
        **POSITIVE_AUDIT,
    )
    rendered = texts(result.notes) + texts(result.urgency_reasons)
    rendered += [str(result.upper_limit_explanation), str(result.urgency_advice)]
    for relevant in result.causes:
        rendered += texts(relevant.reasons)
        rendered.append(str(relevant.strength.label))
    assert all(text and "%(" not in text for text in rendered)
    assert len({c.cause for c in result.causes}) == len(result.causes) == 5
    assert result.urgency == Urgency.EMERGENCY


# Platelet and AST typing checks ----------------------------------------------
@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (D(0), PlateletsProblem.NOT_POSITIVE),
        (D(-1), PlateletsProblem.NOT_POSITIVE),
        # Below 50 may be ×10⁴/µL (25 there is 250): asks (finding 15).
        (D("0.1"), PlateletsProblem.LIKELY_PER_10E4_MICROLITRE),
        (D(25), PlateletsProblem.LIKELY_PER_10E4_MICROLITRE),
        (D("49.9"), PlateletsProblem.LIKELY_PER_10E4_MICROLITRE),
        (D(50), None),
        (D("50.1"), None),
        (D(250), None),
        (D(2000), None),
        (D("2000.01"), PlateletsProblem.LIKELY_PER_MICROLITRE),
        (D(150000), PlateletsProblem.LIKELY_PER_MICROLITRE),
        ("250", None),
    ],
)
def test_check_platelets(value, problem):
    assert PLATELETS_CONFIRM_ABOVE_10E9_PER_L == D(2000)
    assert check_platelets(value) == problem


def test_only_non_positive_platelets_and_ast_block_the_form():
    assert BLOCKING_PLATELETS_PROBLEMS == {PlateletsProblem.NOT_POSITIVE}
    assert BLOCKING_AST_PROBLEMS == {
        AstValueProblem.NOT_POSITIVE,
        AstValueProblem.IMPLAUSIBLE,
    }


@pytest.mark.parametrize(
    ("value", "unit", "problem"),
    [
        (D(0), U_PER_L, AstValueProblem.NOT_POSITIVE),
        (D(-3), UKAT, AstValueProblem.NOT_POSITIVE),
        (D("4.99"), U_PER_L, AstValueProblem.LIKELY_UNIT_MIX_UP),
        (D(5), U_PER_L, None),
        (D(40), U_PER_L, None),
        (D(50000), U_PER_L, None),
        (D("50000.01"), U_PER_L, AstValueProblem.IMPLAUSIBLE),
        (D("0.01"), UKAT, None),
        (D(15), UKAT, None),
        (D("15.01"), UKAT, AstValueProblem.LIKELY_UNIT_MIX_UP),
        (D(999999), UKAT, AstValueProblem.IMPLAUSIBLE),
    ],
)
def test_check_ast_value_uses_the_alt_unit_mix_up_edges(value, unit, problem):
    assert check_ast_value(value, unit) == problem


@pytest.mark.parametrize(
    ("value", "unit"), [(D("1.99"), U_PER_L), (D("100.01"), UKAT), (D(2), U_PER_L)]
)
def test_ast_and_alt_unit_checks_agree(value, unit):
    alt_mix_up = check_alt_value(value, unit) == AltValueProblem.LIKELY_UNIT_MIX_UP
    ast_mix_up = check_ast_value(value, unit) == AstValueProblem.LIKELY_UNIT_MIX_UP
    assert alt_mix_up == ast_mix_up


# Children, booking, band wording ---------------------------------------------
@pytest.mark.parametrize(
    ("age", "child"), [(None, False), (0, True), (17, True), (18, False), (90, False)]
)
def test_is_child(age, child):
    assert is_child(age) is child


@pytest.mark.parametrize(
    ("overrides", "booking"),
    [
        ({"alt_value": D(30)}, True),  # next visit
        ({"alt_value": D(100)}, True),  # 2.5x: soon
        ({"alt_value": D(300)}, True),  # 7.5x: within days
        ({"alt_value": D(1000)}, False),  # today
        ({"warning_signs": {WarningSign.JAUNDICE}}, False),  # today
        ({"warning_signs": {WarningSign.PARACETAMOL_OVERDOSE}}, False),  # emergency
    ],
)
def test_advises_booking_only_up_to_within_days(overrides, booking):
    result = run(**overrides)
    assert result.advises_booking is booking
    expected = "https://book.example" if booking else ""
    assert result.booking_link("https://book.example") == expected


@pytest.mark.parametrize("urgency", list(Urgency))
def test_only_the_emergency_level_is_an_emergency(urgency):
    assert urgency.is_emergency is (urgency == Urgency.EMERGENCY)


@pytest.mark.parametrize(
    ("overrides", "shown"),
    [
        ({}, False),
        ({"ast_value": D(40)}, True),
        ({"height_cm": D(170), "weight_kg": D(70)}, True),
        ({"audit_c_frequency": 0}, True),
    ],
)
def test_has_figures_when_any_number_can_be_shown(overrides, shown):
    assert run(**overrides).has_figures is shown


@pytest.mark.parametrize(
    ("lab", "sex", "label"),
    [
        (D(40), Sex.MALE, "within your lab's range"),
        (None, Sex.MALE, "within the range we used"),
        (None, Sex.FEMALE, "within the range we used"),
        (None, None, "within the range we used"),
    ],
)
def test_within_range_wording_depends_on_the_upper_limit_source(lab, sex, label):
    result = run(alt_value=D(20), lab_upper_limit=lab, sex=sex)
    assert result.band == Band.WITHIN_RANGE
    assert str(result.band_label) == label
    assert str(result.label_for_band(Band.WITHIN_RANGE)) == label
    assert result.label_for_band(Band.MILD) == Band.MILD.label


def test_raised_band_label_is_the_band_label():
    result = run(alt_value=D(100), lab_upper_limit=None)
    assert result.band_label == Band.MILD.label


# Named constants and single lists --------------------------------------------
def test_unknown_sex_uses_the_named_lower_values():
    assert UNKNOWN_SEX_HEALTHY_ULN_U_PER_L == ACG_HEALTHY_ULN_FEMALE_U_PER_L
    assert healthy_upper_limit(None) == UNKNOWN_SEX_HEALTHY_ULN_U_PER_L
    assert waist_cutoff_cm(None) == UNKNOWN_SEX_WAIST_HIGH_CM == D(80)
    assert waist_cutoff_cm(Sex.OTHER_OR_NOT_SAID, asian=True) == (
        UNKNOWN_SEX_WAIST_HIGH_ASIAN_CM
    )


def test_medicines_are_read_from_their_values():
    answers = make_answers(medicines={"statins", "anabolic_steroids"})
    assert answers.medicines == {Medicine.STATINS, Medicine.ANABOLIC_STEROIDS}


def test_never_drinker_with_skipped_questions_scores_0():
    result = run(audit_c_frequency=0, audit_c_typical_drinks=None, audit_c_binge=None)
    assert result.audit_c_score == 0
    assert result.audit_c_positive is False


@pytest.mark.parametrize(
    "sleep", [SLEEP_HOURS_MIN, SLEEP_HOURS_MAX, D("23.9"), D("0.5")]
)
def test_sleep_hours_limits_are_the_named_typing_checks(sleep):
    assert make_answers(sleep_hours=sleep).sleep_hours == sleep


@pytest.mark.parametrize("country", list(DrinkCountry))
def test_standard_drink_text_takes_grams_from_the_rules(country):
    grams = f"{STANDARD_DRINK_GRAMS[country].normalize():f}"
    text = AlcoholForm(drink_country=country).standard_drink()
    assert f"{grams} grams" in text
    assert "%" not in text.replace("% ", "")


# Privacy: errors name the field, never the patient's value ---------------------
@pytest.mark.parametrize(
    ("overrides", "secret"),
    [
        ({"alt_value": "4321abc"}, "4321"),
        ({"alt_value": float("nan")}, "nan"),
        ({"ast_value": D("-4321")}, "4321"),
        ({"sleep_hours": D("43.21")}, "43.21"),
        ({"audit_c_binge": 4321}, "4321"),
        ({"age": 43.21}, "43.21"),
        ({"age": -4321}, "4321"),
        ({"age": 13}, "13"),
    ],
)
def test_error_messages_do_not_contain_the_patients_value(overrides, secret):
    with pytest.raises(ValueError) as error:
        assess(make_answers(**overrides))
    assert secret not in str(error.value).lower()
