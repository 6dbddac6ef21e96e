"""`assess(answers)`: one `Answers` in, one `Assessment` for the result page out."""

from collections.abc import Mapping
from dataclasses import dataclass, replace
from decimal import ROUND_DOWN, Decimal

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from questionnaire.rules.answers import Answers, Facts
from questionnaire.rules.causes import RelevantCause, rank_causes
from questionnaire.rules.checks import is_child
from questionnaire.rules.choices import (
    DEFAULT_UPPER_LIMITS_U_PER_L,
    PREGNANCY_WARNING_SIGNS,
    STANDARD_DRINK_GRAMS,
    AltUnit,
    Band,
    DrinkCountry,
    Fib4Band,
    HepatitisTest,
    Sex,
    UpperLimitSource,
    YesNoUnknown,
    to_u_per_l,
)
from questionnaire.rules.notes import build_notes
from questionnaire.rules.numbers import (
    lazy_format,
    round_half_up,
    show_number,
    to_decimal,
)
from questionnaire.rules.scores import (
    audit_c_cutoff,
    bmi_is_high,
    calculate_audit_c,
    calculate_bmi,
    calculate_fib4,
    classify_band,
    classify_fib4,
    healthy_upper_limit,
    waist_is_high,
)
from questionnaire.rules.thresholds import ADULT_AGE, FIB4_NOT_SHOWN_FROM_MULTIPLE
from questionnaire.rules.urgency import URGENCY_ADVICE, Urgency, assess_urgency


@dataclass(frozen=True, kw_only=True)
class Assessment:
    """What the result page shows. Values in U/L; texts are lazy strings."""

    # The ALT as the patient typed it, and its unit, shown beside any conversion.
    alt_value_typed: Decimal
    alt_unit: AltUnit
    alt_u_per_l: Decimal
    ast_u_per_l: Decimal | None
    upper_limit_u_per_l: Decimal
    upper_limit_source: UpperLimitSource
    upper_limit_explanation: Promise
    # Full precision; bands use this. See multiple_of_upper_limit_display.
    multiple_of_upper_limit: Decimal
    band: Band
    # ACG healthy ULN for the patient's sex (the lower one if unknown) and ALT / it.
    healthy_upper_limit_u_per_l: Decimal
    multiple_of_healthy_limit: Decimal
    urgency: Urgency
    urgency_advice: Promise
    urgency_reasons: tuple[Promise, ...]
    causes: tuple[RelevantCause, ...]
    audit_c_score: int | None
    audit_c_cutoff: int
    audit_c_positive: bool | None
    drink_country: DrinkCountry
    standard_drink_grams: Decimal
    bmi: Decimal | None
    bmi_high: bool | None
    waist_high: bool | None
    fib4: Decimal | None
    fib4_band: Fib4Band | None
    # Full precision AST/ALT, or None without AST.
    ast_alt_ratio: Decimal | None
    notes: tuple[Promise, ...]
    # No age given: assessed as an adult's, and the page says so.
    age_assumed_adult: bool = False
    # Pregnant or maybe: the safety net adds PREGNANCY_WARNING_SIGNS.
    shows_pregnancy_signs: bool = False
    warning_signs_skipped: bool = False

    @property
    def multiple_of_upper_limit_display(self) -> Decimal:
        """Return the multiple cut to 1 decimal, so it never shows the next band's
        edge (1.97 shows as 1.9, still "slightly raised"); a whole number shows
        without ".0" ("about 300 times")."""
        cut = self.multiple_of_upper_limit.quantize(Decimal("0.1"), ROUND_DOWN)
        if cut == cut.to_integral_value():
            return cut.quantize(Decimal(1))
        return cut

    @property
    def alt_was_converted(self) -> bool:
        """Return True if the patient typed µkat/L, so the page shows both."""
        return self.alt_unit != AltUnit.U_PER_L

    @property
    def ast_alt_ratio_display(self) -> Decimal | None:
        """Return the AST/ALT ratio to 1 decimal, or None."""
        if self.ast_alt_ratio is None:
            return None
        return round_half_up(self.ast_alt_ratio, "0.1")

    @property
    def is_raised(self) -> bool:
        """Return True if ALT is above the upper limit used."""
        return self.band != Band.WITHIN_RANGE

    @property
    def pregnancy_warning_signs(self) -> tuple[Promise, ...]:
        """Return the signs the safety net adds in pregnancy, or ()."""
        return PREGNANCY_WARNING_SIGNS if self.shows_pregnancy_signs else ()

    @property
    def has_figures(self) -> bool:
        """Return True if any of the "Your numbers" figures can be shown."""
        return any(
            figure is not None
            for figure in (self.audit_c_score, self.bmi, self.fib4, self.ast_alt_ratio)
        )

    @property
    def needs_care_today(self) -> bool:
        """Return True at "today" or an emergency: the page then says nothing
        that could reassure (no "within the range", no routine follow-up)."""
        return self.urgency >= Urgency.TODAY

    def label_for_band(self, band) -> Promise:
        """Return a band's words for this result. "Within your lab's range" only
        when the lab's upper limit was given; otherwise the range we used."""
        if (
            band == Band.WITHIN_RANGE
            and self.upper_limit_source != UpperLimitSource.LAB
        ):
            return _("within the range we used")
        return Band(band).label

    @property
    def band_label(self) -> Promise:
        """Return the words for this result's band (see label_for_band)."""
        return self.label_for_band(self.band)

    @property
    def advises_booking(self) -> bool:
        """Return True if the advice is to book an appointment: not for "today",
        an emergency or 1-2 days, when a booking page could offer a date too late."""
        return self.urgency <= Urgency.WITHIN_DAYS

    def booking_link(self, booking_url) -> str:
        """Return the hospital's booking page where the advice is to book, else ""."""
        return booking_url if self.advises_booking else ""


_TESTED = frozenset({HepatitisTest.POSITIVE, HepatitisTest.NEGATIVE})


def assess(
    answers: Answers,
    *,
    drink_country=DrinkCountry.INTERNATIONAL,
    default_upper_limits: Mapping | None = None,
) -> Assessment:
    """Return the assessment for one adult's answers.

    Raise ValueError for anyone under 18: children have other ranges, and the UI
    sends them elsewhere before calling this. A skipped age is taken as an adult's,
    and the assessment says so (`age_assumed_adult`).
    """
    if is_child(answers.age):
        raise ValueError(f"assess() is for adults ({ADULT_AGE}+).")
    drink_country = DrinkCountry(drink_country)
    limits = _default_limits(default_upper_limits)
    alt = to_u_per_l(answers.alt_value, answers.alt_unit)
    ast = None
    if answers.ast_value is not None:
        ast = to_u_per_l(answers.ast_value, answers.alt_unit)
    uln, source, explanation = _upper_limit(answers, limits)
    multiple = alt / uln
    score = calculate_audit_c(
        answers.audit_c_frequency, answers.audit_c_typical_drinks, answers.audit_c_binge
    )
    cutoff = audit_c_cutoff(answers.sex, drink_country)
    asian = answers.use_asian_cutoffs
    bmi = calculate_bmi(answers.height_cm, answers.weight_kg)
    healthy = healthy_upper_limit(answers.sex)
    facts = Facts(
        answers=answers,
        alt=alt,
        ast=ast,
        uln=uln,
        multiple=multiple,
        band=classify_band(alt, multiple),
        ratio=None if ast is None else ast / alt,
        audit_c_score=score,
        audit_c_cutoff=cutoff,
        audit_c_positive=None if score is None else score >= cutoff,
        bmi=bmi,
        bmi_high=None if bmi is None else bmi_is_high(bmi, asian=asian),
        waist_high=None
        if answers.waist_cm is None
        else waist_is_high(answers.waist_cm, answers.sex, asian=asian),
        fib4=None,
        fib4_band=None,
        healthy_limit=healthy,
        both_hepatitis_tested=answers.hepatitis_b_test in _TESTED
        and answers.hepatitis_c_test in _TESTED,
        drink_country=drink_country,
    )
    fib4 = _fib4(facts)
    facts = replace(
        facts,
        fib4=fib4,
        fib4_band=None if fib4 is None else classify_fib4(fib4, answers.age),
    )
    urgency, urgency_reasons = assess_urgency(facts)
    return Assessment(
        alt_value_typed=answers.alt_value,
        alt_unit=answers.alt_unit,
        alt_u_per_l=alt,
        ast_u_per_l=ast,
        upper_limit_u_per_l=uln,
        upper_limit_source=source,
        upper_limit_explanation=explanation,
        multiple_of_upper_limit=multiple,
        band=facts.band,
        healthy_upper_limit_u_per_l=healthy,
        multiple_of_healthy_limit=alt / healthy,
        urgency=urgency,
        urgency_advice=URGENCY_ADVICE[urgency],
        urgency_reasons=urgency_reasons,
        causes=rank_causes(facts),
        audit_c_score=score,
        audit_c_cutoff=cutoff,
        audit_c_positive=facts.audit_c_positive,
        drink_country=drink_country,
        standard_drink_grams=STANDARD_DRINK_GRAMS[drink_country],
        bmi=bmi,
        bmi_high=facts.bmi_high,
        waist_high=facts.waist_high,
        fib4=fib4,
        fib4_band=facts.fib4_band,
        ast_alt_ratio=facts.ratio,
        notes=build_notes(facts, urgency),
        age_assumed_adult=answers.age is None,
        shows_pregnancy_signs=answers.pregnant
        in (YesNoUnknown.YES, YesNoUnknown.UNKNOWN),
        warning_signs_skipped=answers.warning_signs_skipped,
    )


def _fib4(facts: Facts) -> Decimal | None:
    """Return FIB-4, or None without its inputs, in an acute rise (>= 5x ULN) or
    with a muscle pattern: it is validated for chronic liver disease only."""
    answers = facts.answers
    if None in (facts.ast, answers.platelets, answers.age):
        return None
    if facts.multiple >= FIB4_NOT_SHOWN_FROM_MULTIPLE or facts.muscle_pattern:
        return None
    return calculate_fib4(answers.age, facts.ast, facts.alt, answers.platelets)


def _default_limits(overrides) -> dict:
    limits = dict(DEFAULT_UPPER_LIMITS_U_PER_L)
    for sex, value in (overrides or {}).items():
        value = to_decimal(value)
        if value <= 0:
            raise ValueError(f"Default upper limit for {sex} must be above 0.")
        limits[Sex(sex)] = value
    return limits


def _upper_limit(answers, limits):
    """Return (ULN in U/L, its source, a sentence explaining it) (rule R2)."""
    if answers.lab_upper_limit is not None:
        uln = to_u_per_l(answers.lab_upper_limit, answers.alt_unit)
        explanation = lazy_format(
            _(
                "We compared your result with the upper limit on your lab report "
                "(%(limit)s %(unit)s). Labs use different ranges, so your lab's own "
                "range is the best guide."
            ),
            limit=show_number(answers.lab_upper_limit),
            unit=answers.alt_unit.value,
        )
        return uln, UpperLimitSource.LAB, explanation
    if answers.sex in (Sex.MALE, Sex.FEMALE):
        uln = limits[answers.sex]
        is_acg = uln == DEFAULT_UPPER_LIMITS_U_PER_L[answers.sex]
        if answers.sex == Sex.MALE:
            message = (
                _(
                    "You did not give your lab's upper limit. So we used %(limit)s "
                    "U/L, the healthy upper limit for men in a US expert guideline "
                    "(American College of Gastroenterology, 2017). Your lab's range "
                    "may be different."
                )
                if is_acg
                else _(
                    "You did not give your lab's upper limit. So we used %(limit)s "
                    "U/L, the usual upper limit for men set by your clinic. Your "
                    "lab's range may be different."
                )
            )
        else:
            message = (
                _(
                    "You did not give your lab's upper limit. So we used %(limit)s "
                    "U/L, the healthy upper limit for women in a US expert guideline "
                    "(American College of Gastroenterology, 2017). Your lab's range "
                    "may be different."
                )
                if is_acg
                else _(
                    "You did not give your lab's upper limit. So we used %(limit)s "
                    "U/L, the usual upper limit for women set by your clinic. Your "
                    "lab's range may be different."
                )
            )
        explanation = lazy_format(message, limit=show_number(uln))
        return uln, UpperLimitSource.DEFAULT_BY_SEX, explanation
    # Sex not given: the lower of the site's "not given" and women's limits, so a
    # raised result is never read against the men's limit. [U]
    uln = min(limits[Sex.OTHER_OR_NOT_SAID], limits[Sex.FEMALE])
    if answers.sex == Sex.OTHER_OR_NOT_SAID:
        message = _(
            "You did not give your lab's upper limit, and you chose “Other, or I'd "
            "rather not say” for sex. So we used %(limit)s U/L, the lower of the "
            "usual limits, so that a raised result is not missed. Your lab's range "
            "may be different."
        )
    else:
        message = _(
            "You did not give your lab's upper limit or your sex. So we used "
            "%(limit)s U/L, the lower of the usual limits, so that a raised result "
            "is not missed. Your lab's range may be different."
        )
    explanation = lazy_format(message, limit=show_number(uln))
    return uln, UpperLimitSource.DEFAULT_UNKNOWN_SEX, explanation
