"""Scores and classifications: AUDIT-C, BMI, waist, FIB-4, the ALT band."""

from decimal import Decimal

from questionnaire.rules.choices import Band, DrinkCountry, Fib4Band, Sex
from questionnaire.rules.numbers import round_half_up, to_decimal
from questionnaire.rules.thresholds import (
    ACG_HEALTHY_ULN_FEMALE_U_PER_L,
    ACG_HEALTHY_ULN_MALE_U_PER_L,
    ALCOHOL_GRAMS_PER_ML,
    AUDIT_C_POSITIVE_MEN,
    AUDIT_C_POSITIVE_UK,
    AUDIT_C_POSITIVE_UNKNOWN_SEX,
    AUDIT_C_POSITIVE_WOMEN,
    BMI_HIGH,
    BMI_HIGH_ASIAN,
    BORDERLINE_BELOW_MULTIPLE,
    FIB4_HIGH_ABOVE,
    FIB4_LOW_BELOW,
    FIB4_LOW_BELOW_OLDER,
    FIB4_OLDER_AGE,
    FIB4_UNRELIABLE_MAX_AGE,
    MASSIVE_ABOVE_U_PER_L,
    MILD_BELOW_MULTIPLE,
    MODERATE_MAX_MULTIPLE,
    UNKNOWN_SEX_HEALTHY_ULN_U_PER_L,
    UNKNOWN_SEX_WAIST_HIGH_ASIAN_CM,
    UNKNOWN_SEX_WAIST_HIGH_CM,
    WAIST_HIGH_FEMALE_ASIAN_CM,
    WAIST_HIGH_FEMALE_CM,
    WAIST_HIGH_MALE_ASIAN_CM,
    WAIST_HIGH_MALE_CM,
    WITHIN_RANGE_MAX_MULTIPLE,
)


def calculate_audit_c(frequency, typical_drinks, binge) -> int | None:
    """Return the AUDIT-C total (0-12), or None if an answer is missing.

    Someone who never drinks (frequency 0) scores 0 on the other two questions,
    as on the AUDIT-C form, so the form may skip them.
    """
    if frequency == 0:
        typical_drinks = 0 if typical_drinks is None else typical_drinks
        binge = 0 if binge is None else binge
    items = (frequency, typical_drinks, binge)
    if any(item is None for item in items):
        return None
    return sum(items)


def alcohol_grams(ml, abv_percent) -> Decimal:
    """Return the grams of pure alcohol in ml of a drink of this strength (% ABV)."""
    return to_decimal(ml) * to_decimal(abv_percent) / 100 * ALCOHOL_GRAMS_PER_ML


def audit_c_cutoff(sex, drink_country) -> int:
    """Return the AUDIT-C total at or above which the screen is positive."""
    if DrinkCountry(drink_country) == DrinkCountry.UK:
        return AUDIT_C_POSITIVE_UK
    if sex == Sex.MALE:
        return AUDIT_C_POSITIVE_MEN
    if sex == Sex.FEMALE:
        return AUDIT_C_POSITIVE_WOMEN
    return AUDIT_C_POSITIVE_UNKNOWN_SEX


def calculate_bmi(height_cm, weight_kg) -> Decimal | None:
    """Return body mass index (kg/m²) to 1 decimal, or None if an input is missing."""
    if height_cm is None or weight_kg is None:
        return None
    height_m = to_decimal(height_cm) / 100
    return round_half_up(to_decimal(weight_kg) / (height_m * height_m), "0.1")


def bmi_is_high(bmi, *, asian=False) -> bool:
    """Return True if BMI meets the fatty-liver criterion (>= 25, or >= 23 Asian)."""
    return to_decimal(bmi) >= (BMI_HIGH_ASIAN if asian else BMI_HIGH)


def waist_cutoff_cm(sex, *, asian=False) -> Decimal:
    """Return the waist size (cm) at or above which the criterion is met."""
    if sex == Sex.MALE:
        return WAIST_HIGH_MALE_ASIAN_CM if asian else WAIST_HIGH_MALE_CM
    if sex == Sex.FEMALE:
        return WAIST_HIGH_FEMALE_ASIAN_CM if asian else WAIST_HIGH_FEMALE_CM
    return UNKNOWN_SEX_WAIST_HIGH_ASIAN_CM if asian else UNKNOWN_SEX_WAIST_HIGH_CM


def waist_is_high(waist_cm, sex, *, asian=False) -> bool:
    """Return True if the waist meets the fatty-liver criterion."""
    return to_decimal(waist_cm) >= waist_cutoff_cm(sex, asian=asian)


def calculate_fib4(age, ast_u_per_l, alt_u_per_l, platelets) -> Decimal:
    """Return FIB-4 to 2 decimals; AST and ALT in U/L, platelets in 10⁹/L."""
    numerator = Decimal(age) * to_decimal(ast_u_per_l)
    denominator = to_decimal(platelets) * to_decimal(alt_u_per_l).sqrt()
    return round_half_up(numerator / denominator, "0.01")


def classify_fib4(fib4, age) -> Fib4Band:
    """Return the FIB-4 band for this age, with the >= 65 low cut-off of 2.0."""
    if age <= FIB4_UNRELIABLE_MAX_AGE:
        return Fib4Band.NOT_RELIABLE
    fib4 = to_decimal(fib4)
    low_below = FIB4_LOW_BELOW_OLDER if age >= FIB4_OLDER_AGE else FIB4_LOW_BELOW
    if fib4 < low_below:
        return Fib4Band.LOW
    if fib4 > FIB4_HIGH_ABOVE:
        return Fib4Band.HIGH
    return Fib4Band.INDETERMINATE


def classify_band(alt_u_per_l, multiple) -> Band:
    """Return the band for an ALT (U/L) at this multiple of the ULN."""
    if to_decimal(alt_u_per_l) > MASSIVE_ABOVE_U_PER_L:
        return Band.MASSIVE
    multiple = to_decimal(multiple)
    if multiple <= WITHIN_RANGE_MAX_MULTIPLE:
        return Band.WITHIN_RANGE
    if multiple < BORDERLINE_BELOW_MULTIPLE:
        return Band.BORDERLINE
    if multiple < MILD_BELOW_MULTIPLE:
        return Band.MILD
    if multiple <= MODERATE_MAX_MULTIPLE:
        return Band.MODERATE
    return Band.SEVERE


def healthy_upper_limit(sex) -> Decimal:
    """Return the ACG healthy ULN for this sex; the lower one when sex is unknown."""
    if sex == Sex.MALE:
        return ACG_HEALTHY_ULN_MALE_U_PER_L
    if sex == Sex.FEMALE:
        return ACG_HEALTHY_ULN_FEMALE_U_PER_L
    return UNKNOWN_SEX_HEALTHY_ULN_U_PER_L
