"""One patient's validated answers (`Answers`), and the facts worked out from
them once for the rules (`Facts`)."""

from dataclasses import dataclass
from decimal import Decimal

from questionnaire.rules.choices import (
    SUSPECT_MEDICINES,
    AltUnit,
    Band,
    Diabetes,
    DrinkCountry,
    Fib4Band,
    HepatitisRisk,
    HepatitisTest,
    Medicine,
    Sex,
    WarningSign,
    YesNoUnknown,
)
from questionnaire.rules.numbers import to_decimal
from questionnaire.rules.thresholds import (
    ALCOHOL_ALONE_BELOW_U_PER_L,
    AST_ALT_MUSCLE_PATTERN_RATIO,
    AUDIT_C_ITEM_MAX,
    DILI_SOONER_MULTIPLE,
    SLEEP_HOURS_MAX,
    SLEEP_HOURS_MIN,
    VERY_HIGH_ALT_U_PER_L,
)

_ENUM_FIELDS = {
    "alt_unit": AltUnit,
    "sex": Sex,
    "night_shifts": YesNoUnknown,
    "strenuous_exercise": YesNoUnknown,
    "hepatitis_b_test": HepatitisTest,
    "hepatitis_c_test": HepatitisTest,
    "diabetes": Diabetes,
    "high_blood_pressure": YesNoUnknown,
    "cholesterol_treatment": YesNoUnknown,
    "pregnant": YesNoUnknown,
    "feeling_unwell": YesNoUnknown,
}
_POSITIVE_NUMBER_FIELDS = (
    "alt_value",
    "lab_upper_limit",
    "ast_value",
    "platelets",
    "height_cm",
    "weight_kg",
    "waist_cm",
)
_AUDIT_C_FIELDS = ("audit_c_frequency", "audit_c_typical_drinks", "audit_c_binge")


@dataclass(frozen=True, kw_only=True)
class Answers:
    """One patient's answers. Strings from a form are turned into the enums.

    Numbers become Decimal. lab_upper_limit and ast_value are in alt_unit;
    platelets in 10⁹/L; sleep_hours is the usual hours a night in the week before
    the test; medicine questions cover the last 6 months. None means skipped, and
    0 is an answer.
    """

    alt_value: Decimal
    alt_unit: AltUnit
    # None when skipped: assessed as an adult's, and the result page says so.
    age: int | None = None
    warning_signs: frozenset[WarningSign] = frozenset()
    # True when the warning-sign question was left blank (not even "none").
    warning_signs_skipped: bool = False
    # Sick, being sick, very tired, tummy pain or a fever, right now.
    feeling_unwell: YesNoUnknown | None = None
    # Pregnant, or gave birth in the last 6 weeks (asked of women and "other").
    pregnant: YesNoUnknown | None = None
    lab_upper_limit: Decimal | None = None
    ast_value: Decimal | None = None
    platelets: Decimal | None = None
    sex: Sex | None = None
    # Sleep and exertion
    sleep_hours: Decimal | None = None
    night_shifts: YesNoUnknown | None = None
    strenuous_exercise: YesNoUnknown | None = None
    # Alcohol: AUDIT-C answer scores, 0-4 each
    audit_c_frequency: int | None = None
    audit_c_typical_drinks: int | None = None
    audit_c_binge: int | None = None
    # Hepatitis
    hepatitis_b_test: HepatitisTest | None = None
    hepatitis_c_test: HepatitisTest | None = None
    hepatitis_risks: frozenset[HepatitisRisk] = frozenset()
    # Weight and metabolic health
    height_cm: Decimal | None = None
    weight_kg: Decimal | None = None
    use_asian_cutoffs: bool = False
    waist_cm: Decimal | None = None
    diabetes: Diabetes | None = None
    high_blood_pressure: YesNoUnknown | None = None
    cholesterol_treatment: YesNoUnknown | None = None
    # Medicines and supplements ticked (none ticked, "none" and "not sure" alike)
    medicines: frozenset[Medicine] = frozenset()

    def __post_init__(self):
        def put(name, value):
            object.__setattr__(self, name, value)

        for name, choices in _ENUM_FIELDS.items():
            value = getattr(self, name)
            if value is not None:
                put(name, choices(value))
        put("warning_signs", frozenset(WarningSign(s) for s in self.warning_signs))
        put(
            "hepatitis_risks", frozenset(HepatitisRisk(r) for r in self.hepatitis_risks)
        )
        put("medicines", frozenset(Medicine(m) for m in self.medicines))
        put("use_asian_cutoffs", bool(self.use_asian_cutoffs))
        put("warning_signs_skipped", bool(self.warning_signs_skipped))
        if self.alt_value is None:
            raise ValueError("alt_value is required.")
        for name in _POSITIVE_NUMBER_FIELDS:
            value = getattr(self, name)
            if value is not None:
                value = to_decimal(value)
                if value <= 0:
                    raise ValueError(f"{name} must be above 0.")
                put(name, value)
        if self.sleep_hours is not None:
            hours = to_decimal(self.sleep_hours)
            if not SLEEP_HOURS_MIN <= hours <= SLEEP_HOURS_MAX:
                raise ValueError(
                    f"sleep_hours must be {SLEEP_HOURS_MIN}-{SLEEP_HOURS_MAX}."
                )
            put("sleep_hours", hours)
        for name in _AUDIT_C_FIELDS:
            value = getattr(self, name)
            if value is not None and (
                isinstance(value, bool)
                or not isinstance(value, int)
                or not 0 <= value <= AUDIT_C_ITEM_MAX
            ):
                raise ValueError(f"{name} must be a whole number 0-{AUDIT_C_ITEM_MAX}.")
        if self.age is None:
            return
        if isinstance(self.age, bool) or not isinstance(self.age, int):
            raise ValueError("age must be whole years.")
        if self.age < 0:
            raise ValueError("age must not be negative.")


@dataclass(frozen=True)
class Facts:
    """What the rules need from the answers, worked out once."""

    answers: Answers
    alt: Decimal
    ast: Decimal | None
    uln: Decimal
    multiple: Decimal
    band: Band
    ratio: Decimal | None
    audit_c_score: int | None
    audit_c_cutoff: int
    audit_c_positive: bool | None
    bmi: Decimal | None
    bmi_high: bool | None
    waist_high: bool | None
    fib4: Decimal | None
    fib4_band: Fib4Band | None
    healthy_limit: Decimal
    both_hepatitis_tested: bool
    drink_country: DrinkCountry

    def took(self, medicine) -> bool:
        return medicine in self.answers.medicines

    @property
    def warning_signs(self):
        return self.answers.warning_signs

    @property
    def suspect_medicine(self) -> bool:
        return bool(self.answers.medicines & SUSPECT_MEDICINES)

    @property
    def suspect_at_3x(self) -> bool:
        return self.suspect_medicine and self.multiple >= DILI_SOONER_MULTIPLE

    @property
    def any_medicine(self) -> bool:
        return bool(self.answers.medicines)

    @property
    def raised(self) -> bool:
        return self.band != Band.WITHIN_RANGE

    @property
    def very_high(self) -> bool:
        return self.alt >= VERY_HIGH_ALT_U_PER_L

    @property
    def ast_multiple(self) -> Decimal | None:
        return None if self.ast is None else self.ast / self.uln

    @property
    def unwell(self) -> bool:
        """Feeling unwell, or not sure: "not sure" counts, the safer reading. [U]"""
        return self.answers.feeling_unwell in (YesNoUnknown.YES, YesNoUnknown.UNKNOWN)

    @property
    def pregnant(self) -> bool:
        return self.answers.pregnant == YesNoUnknown.YES

    @property
    def exercised(self) -> bool:
        return self.answers.strenuous_exercise == YesNoUnknown.YES

    @property
    def muscle_pattern(self) -> bool:
        """AST more than 3x ALT after hard exercise: may come from the muscles."""
        return (
            self.exercised
            and self.ratio is not None
            and self.ratio > AST_ALT_MUSCLE_PATTERN_RATIO
        )

    @property
    def above_alcohol_ceiling(self) -> bool:
        """Return True if ALT or AST is too high to put down to alcohol alone."""
        return self.alt >= ALCOHOL_ALONE_BELOW_U_PER_L or (
            self.ast is not None and self.ast >= ALCOHOL_ALONE_BELOW_U_PER_L
        )

    @property
    def takes_cholesterol_medicine(self) -> bool:
        """A statin is a cholesterol treatment, whichever question was ticked."""
        return self.answers.cholesterol_treatment == YesNoUnknown.YES or self.took(
            Medicine.STATINS
        )

    @property
    def metabolic_count(self) -> int:
        """Return how many fatty-liver (MASLD) criteria are met."""
        answers = self.answers
        return sum(
            (
                bool(self.bmi_high or self.waist_high),
                answers.diabetes in (Diabetes.DIABETES, Diabetes.PREDIABETES),
                answers.high_blood_pressure == YesNoUnknown.YES,
                self.takes_cholesterol_medicine,
            )
        )

    @property
    def metabolic_risk(self) -> bool:
        return self.metabolic_count > 0
