"""Input checks for the form layer: is a typed value impossible, or worth a
second look (rule R1)? Typing checks, not medical thresholds."""

from decimal import Decimal

from questionnaire.rules.choices import (
    AltUnit,
    AltValueProblem,
    AstValueProblem,
    PlateletsProblem,
    UpperLimitProblem,
    to_u_per_l,
)
from questionnaire.rules.numbers import to_decimal
from questionnaire.rules.thresholds import (
    ADULT_AGE,
    ALT_CONFIRM_ABOVE_U_PER_L,
    ALT_REJECT_ABOVE_U_PER_L,
    PLATELETS_CONFIRM_ABOVE_10E9_PER_L,
    PLATELETS_CONFIRM_BELOW_10E9_PER_L,
    UNIT_MIX_UP_U_PER_L_BELOW,
    UNIT_MIX_UP_UKAT_PER_L_ABOVE,
    UPPER_LIMIT_MAX_U_PER_L,
    UPPER_LIMIT_MIN_U_PER_L,
)


def check_alt_value(value, unit) -> AltValueProblem | None:
    """Return the problem with an ALT result as typed, or None if it looks right."""
    value = to_decimal(value)
    unit = AltUnit(unit)
    if value <= 0:
        return AltValueProblem.NOT_POSITIVE
    u_per_l = to_u_per_l(value, unit)
    # Impossible first, so ticking "I have checked" never lets it through.
    if u_per_l > ALT_REJECT_ABOVE_U_PER_L:
        return AltValueProblem.IMPLAUSIBLE
    if _likely_unit_mix_up(value, unit):
        return AltValueProblem.LIKELY_UNIT_MIX_UP
    if u_per_l > ALT_CONFIRM_ABOVE_U_PER_L:
        return AltValueProblem.CONFIRM_VERY_HIGH
    return None


def _likely_unit_mix_up(value: Decimal, unit: AltUnit) -> bool:
    """Return True if an enzyme value (ALT or AST) looks typed in the other unit."""
    if unit == AltUnit.UKAT_PER_L:
        return value > UNIT_MIX_UP_UKAT_PER_L_ABOVE
    return value < UNIT_MIX_UP_U_PER_L_BELOW


def check_ast_value(value, unit) -> AstValueProblem | None:
    """Return the problem with an AST result as typed (in the ALT's unit), or None."""
    value = to_decimal(value)
    if value <= 0:
        return AstValueProblem.NOT_POSITIVE
    if to_u_per_l(value, unit) > ALT_REJECT_ABOVE_U_PER_L:
        return AstValueProblem.IMPLAUSIBLE
    if _likely_unit_mix_up(value, AltUnit(unit)):
        return AstValueProblem.LIKELY_UNIT_MIX_UP
    return None


def check_platelets(value) -> PlateletsProblem | None:
    """Return the problem with a platelet count (10⁹/L) as typed, or None."""
    value = to_decimal(value)
    if value <= 0:
        return PlateletsProblem.NOT_POSITIVE
    if value > PLATELETS_CONFIRM_ABOVE_10E9_PER_L:
        return PlateletsProblem.LIKELY_PER_MICROLITRE
    if value < PLATELETS_CONFIRM_BELOW_10E9_PER_L:
        return PlateletsProblem.LIKELY_PER_10E4_MICROLITRE
    return None


def check_upper_limit(value, unit) -> UpperLimitProblem | None:
    """Return the problem with a lab's upper limit as typed, or None."""
    value = to_decimal(value)
    if value <= 0:
        return UpperLimitProblem.NOT_POSITIVE
    u_per_l = to_u_per_l(value, unit)
    if not UPPER_LIMIT_MIN_U_PER_L <= u_per_l <= UPPER_LIMIT_MAX_U_PER_L:
        return UpperLimitProblem.OUTSIDE_USUAL_RANGE
    return None


def is_child(age) -> bool:
    """Return True if age (whole years) is given and under 18."""
    return age is not None and age < ADULT_AGE
