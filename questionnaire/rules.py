"""The questionnaire's clinical rules: answers in, a plain-language assessment out.

Pure Python: no request, no database, no templates. `assess(answers)` takes one
`Answers` and returns one `Assessment` that templates read directly. The form layer
calls `check_alt_value` and `check_upper_limit` before building `Answers`.

What the assessment means: how far ALT (alanine aminotransferase) is above the upper
limit of normal (ULN), how soon to see a doctor, and which common causes the answers
point to. It never diagnoses and never says there is nothing to worry about.

Every threshold is a named constant below, with its primary source. The figures
come from the project's sourced clinical reference (docs/clinical-reference.md);
"[U] clinician to confirm" marks an engineering or policy choice that no source fixes.
docs/clinical-rules.md lists them all for clinical review. Where a choice was
needed, the rules take the conservative one: earlier care, more causes checked.

Numbers are Decimal throughout, so unit conversion (x 60, exact) and band edges are
exact. Patient-facing text goes through gettext_lazy.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation
from types import MappingProxyType

from django.db import models
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _

from education.causes import Cause


def _format(message, **values):
    """Return `message % values`, evaluated only when the text is rendered."""
    return lazy(lambda: str(message) % values, str)()


# Units and adults
# ----------------
# 1 U = 1 µmol/min and 1 kat = 1 mol/s, so 1 µkat/L = 60 U/L exactly (SI definition
# of the katal). Never a rounded factor such as 0.017.
U_PER_L_PER_UKAT_PER_L = Decimal(60)
# Adults only: children have their own ALT ranges (DiaSys reference ranges); CDC 2020
# and 2023 screening also starts at 18.
ADULT_AGE = 18

# Upper limit of normal (ULN) when the lab's is not given
# --------------------------------------------------------
ACG_HEALTHY_ULN_MALE_U_PER_L = Decimal(33)  # Kwo et al., ACG Clinical Guideline 2017
ACG_HEALTHY_ULN_FEMALE_U_PER_L = Decimal(25)  # Kwo et al., ACG Clinical Guideline 2017
# Sex unknown: the male value, as R2 suggests; the explanation warns that women's
# limit is lower. [U] clinician to confirm.
UNKNOWN_SEX_ULN_U_PER_L = ACG_HEALTHY_ULN_MALE_U_PER_L
# Sex unknown, for the "above the healthy level" note on a result inside the range:
# the women's (lower) value, so the note errs towards mentioning the result.
# [U] clinician to confirm.
UNKNOWN_SEX_HEALTHY_ULN_U_PER_L = ACG_HEALTHY_ULN_FEMALE_U_PER_L

# Bands, on ALT / ULN (Kwo et al., ACG Clinical Guideline 2017 algorithm; the bands
# were read only in secondary sources [S]). Edges follow rule R3 exactly:
#   within range  multiple <= 1
#   borderline    1 < multiple < 2
#   mild          2 <= multiple < 5
#   moderate      5 <= multiple <= 15
#   severe        multiple > 15
#   massive       ALT > 10,000 U/L, whatever the multiple
# Bands use the exact multiple, not the rounded one shown to patients.
WITHIN_RANGE_MAX_MULTIPLE = Decimal(1)
BORDERLINE_BELOW_MULTIPLE = Decimal(2)
MILD_BELOW_MULTIPLE = Decimal(5)
MODERATE_MAX_MULTIPLE = Decimal(15)
MASSIVE_ABOVE_U_PER_L = Decimal(10000)
# ALT >= 1,000 U/L: the classic differential is ischaemic hepatitis, acute viral
# hepatitis and drug injury, above all paracetamol (multicentre study of severe acute
# liver injury with ALT/AST >= 1000 IU/L). Inclusive.
VERY_HIGH_ALT_U_PER_L = Decimal(1000)

# Urgency intervals
# -----------------
# "Within a few days" means within 7 days (rule R4.3). [U] clinician to confirm.
WITHIN_DAYS_MAX_DAYS = 7
# A mild rise (2-5x ULN) is seen within 2 to 4 weeks (rule R4.4); the only source is
# an AI-generated summary, so it is not cited. [U] clinician to confirm.
SOON_MIN_WEEKS = 2
SOON_MAX_WEEKS = 4
# Repeat a small rise in 4 to 12 weeks (rule R4.5). The UK intelligent-LFT pathway
# repeats at 3 months; the lower end is ours. [U] clinician to confirm.
REPEAT_TEST_MIN_WEEKS = 4
REPEAT_TEST_MAX_WEEKS = 12
# Refer if ALT stays raised for more than 6 months (AAFP 2011; AASLD 2023 [S]).
PERSISTENT_RAISE_MONTHS = 6

# AST/ALT ratio (De Ritis ratio)
# ------------------------------
# Ratio >= 2: pattern of alcohol-related or advanced liver disease (Torkadi et al.,
# Indian J Clin Biochem 2014; Nyblom et al., Alcohol Alcohol 2004). Inclusive.
AST_ALT_ALCOHOL_PATTERN_RATIO = Decimal(2)
# Ratio > 3 soon after muscle injury, e.g. extreme exercise (Nathwani et al.,
# Hepatology 2005). Strictly greater.
AST_ALT_MUSCLE_PATTERN_RATIO = Decimal(3)

# Alcohol
# -------
# Alcoholic hepatitis needs both AST and ALT < 400 U/L (NIAAA criteria, AAFP 2022),
# so ALT or AST at or above 400 U/L is never put down to alcohol alone.
ALCOHOL_ALONE_BELOW_U_PER_L = Decimal(400)
AUDIT_C_ITEM_MAX = 4  # each AUDIT-C answer scores 0-4, total 0-12 (Bush et al., 1998)
AUDIT_C_POSITIVE_MEN = 4  # Bush et al., Arch Intern Med 1998; Bradley et al., 2003
AUDIT_C_POSITIVE_WOMEN = 3  # Bush et al., Arch Intern Med 1998; Bradley et al., 2003
AUDIT_C_POSITIVE_UK = 5  # UK AUDIT-C (UK units), total >= 5, any sex
# Sex unknown: the women's (lower) cut-off. [U] clinician to confirm.
AUDIT_C_POSITIVE_UNKNOWN_SEX = AUDIT_C_POSITIVE_WOMEN

# Medicines
# ---------
# The eight medicine and supplement answers (rule R10); forms ask them in this order.
MEDICINE_FIELDS = (
    "new_or_changed_medicine",
    "regular_paracetamol",
    "recent_antibiotics",
    "tb_medicines",
    "statins",
    "seizure_medicines",
    "herbal_remedies",
    "bodybuilding_or_weight_loss_supplements",
)
PARACETAMOL_MAX_GRAMS_PER_DAY = 4  # adult maximum: Health Canada; NHS (8 x 500 mg)
# People with >= 3 drinks every day may need a lower paracetamol maximum (Health
# Canada acetaminophen label).
PARACETAMOL_CAUTION_DRINKS_PER_DAY = 3
# AUDIT-C question 2 scores 1 for 3-4 drinks on a typical drinking day, so a score
# >= 1 means "3 or more drinks" on a drinking day, not every day. Flagging on it is
# the conservative reading. [U] clinician to confirm.
AUDIT_C_TYPICAL_DRINKS_SCORE_FOR_3_OR_MORE = 1
# ALT >= 3x ULN with a suspect medicine or supplement brings care forward to within
# days (rule R4.3; 3x ULN as in Hy's law, FDA). [U] clinician to confirm.
DILI_SOONER_MULTIPLE = Decimal(3)
# The medicine questions ask about the last 6 months (rule R10). [U] clinician to
# confirm.
MEDICINE_LOOKBACK_MONTHS = 6
# Answers that make a medicine or supplement a suspect for the 3x rule above: new
# ones, and the groups most often behind drug injury (LiverTox; DILIN). Long-term
# statins, seizure medicines and regular paracetamol are flagged as causes but do not
# bring care forward on their own. [U] clinician to confirm.
SUSPECT_MEDICINE_FIELDS = (
    "new_or_changed_medicine",
    "recent_antibiotics",
    "tb_medicines",
    "herbal_remedies",
    "bodybuilding_or_weight_loss_supplements",
)

# Viral hepatitis
# ---------------
# ALT >= 10x ULN is in the acute viral hepatitis range: peaks of 500-10,000 IU/L
# (Sex Transm Infect (BMJ) table) and "5-10 to >10x" the upper limit (PMC5719197
# table). Inclusive.
VIRAL_ACUTE_MULTIPLE = Decimal(10)

# Fatty liver (MASLD) cardiometabolic criteria (Rinella et al., Hepatology 2023)
# -----------------------------------------------------------------------------
# BMI and waist use ">=": sources differ on ">" or ">=" for waist, and the inclusive
# form is the conservative one ([U] clinician to confirm). BMI is compared after
# rounding to 1 decimal (half up), the value the patient sees.
BMI_HIGH = Decimal(25)  # Rinella et al., Hepatology 2023
BMI_HIGH_ASIAN = Decimal(23)  # Rinella et al., Hepatology 2023
WAIST_HIGH_MALE_CM = Decimal(94)  # IDF 2005 (Europid); Rinella et al., 2023
WAIST_HIGH_FEMALE_CM = Decimal(80)  # IDF 2005 (Europid); Rinella et al., 2023
WAIST_HIGH_MALE_ASIAN_CM = Decimal(90)  # IDF 2005 (South Asian, Chinese, Japanese)
WAIST_HIGH_FEMALE_ASIAN_CM = Decimal(80)  # IDF 2005 (South Asian, Chinese, Japanese)
# Sex unknown: the women's (lower) waist cut-off. [U] clinician to confirm.
UNKNOWN_SEX_WAIST_HIGH_CM = WAIST_HIGH_FEMALE_CM
UNKNOWN_SEX_WAIST_HIGH_ASIAN_CM = WAIST_HIGH_FEMALE_ASIAN_CM

# FIB-4 = age x AST / (platelets x sqrt(ALT)) (Sterling et al., Hepatology 2006).
# ------------------------------------------------------------------------------
# Compared after rounding to 2 decimals, the value the patient sees.
#   age <= 35            not reliable (McPherson et al., Am J Gastroenterol 2017)
#   age < 65:  < 1.30 low, 1.30-2.67 indeterminate, > 2.67 high
#   age >= 65: < 2.0 low,  2.0-2.67 indeterminate,  > 2.67 high
FIB4_UNRELIABLE_MAX_AGE = 35  # McPherson et al., Am J Gastroenterol 2017
FIB4_LOW_BELOW = Decimal("1.30")  # McPherson et al., 2017; AASLD 2023 [S]
FIB4_OLDER_AGE = 65  # McPherson et al., Am J Gastroenterol 2017
FIB4_LOW_BELOW_OLDER = Decimal("2.0")  # McPherson et al., Am J Gastroenterol 2017
FIB4_HIGH_ABOVE = Decimal("2.67")  # McPherson et al., 2017; AASLD 2023 [S]

# Exertion and sleep
# ------------------
# Unaccustomed weightlifting kept ALT raised for at least 7 days (Pettersson et al.,
# Br J Clin Pharmacol 2008): the exercise question covers 7 days, and a repeat test
# waits 7 days without hard exercise.
EXERCISE_WASHOUT_DAYS = 7
# Exercise may be the main suggested explanation only below 5x ULN with no warning
# sign (rule R11); otherwise it is a possible contributor. [U] clinician to confirm.
EXERTION_MAIN_CAUSE_BELOW_MULTIPLE = Decimal(5)
# Short sleep counts only below 5 hours a night in the week before the test. No
# source gives a figure (the evidence is 76-80 h awake, or modest odds ratios); the
# low cut-off keeps sleep from being blamed too readily. Sleep is only ever a "small,
# uncertain contributor". [U] clinician to confirm.
SHORT_SLEEP_BELOW_HOURS = Decimal(5)

# Input checks for the form layer (rule R1; all engineering choices)
# ------------------------------------------------------------------
ALT_CONFIRM_ABOVE_U_PER_L = Decimal(5000)  # ask to check. [U] clinician to confirm
ALT_REJECT_ABOVE_U_PER_L = Decimal(50000)  # implausible. [U] clinician to confirm
# µkat/L value above 100 (6,000 U/L) or U/L value below 2 suggests the wrong unit.
# [U] clinician to confirm.
UNIT_MIX_UP_UKAT_PER_L_ABOVE = Decimal(100)
UNIT_MIX_UP_U_PER_L_BELOW = Decimal(2)
# A lab ULN outside 10-100 U/L asks to check. In µkat/L the value is converted first
# (x 60), so the range is 0.1667-1.6667 µkat/L; the reference's "0.17-1.67" are
# rounded. [U] clinician to confirm.
UPPER_LIMIT_MIN_U_PER_L = Decimal(10)
UPPER_LIMIT_MAX_U_PER_L = Decimal(100)
# AST uses the same unit mix-up test as ALT (UNIT_MIX_UP_* above), since AST is
# entered in the ALT's unit. [U] clinician to confirm.
# Platelets are asked for in 10⁹/L (the same number as ×10³/µL). A count above 2,000
# looks like a count per µL (for example 150000) and asks the patient to check.
# A typing and unit check, not a medical threshold. [U] clinician to confirm.
PLATELETS_CONFIRM_ABOVE_10E9_PER_L = Decimal(2000)
# Typing checks on the other answers: values outside these ranges are typing
# mistakes, not medical thresholds. All ends are allowed. [U] clinician to confirm.
AGE_MAX_YEARS = 120
SLEEP_HOURS_MIN = Decimal(0)
SLEEP_HOURS_MAX = Decimal(24)
HEIGHT_MIN_CM = Decimal(50)
HEIGHT_MAX_CM = Decimal(250)
WEIGHT_MIN_KG = Decimal(20)
WEIGHT_MAX_KG = Decimal(400)
WAIST_MIN_CM = Decimal(30)
WAIST_MAX_CM = Decimal(250)


# Choices
# -------
class YesNoUnknown(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("I don't know")


class WarningSign(models.TextChoices):
    JAUNDICE = "jaundice", _("Yellow skin, or yellow whites of the eyes (jaundice)")
    DARK_URINE_PALE_STOOLS = (
        "dark-urine-pale-stools",
        _("Dark pee (urine) together with pale poo (stools)"),
    )
    CONFUSION_OR_SLEEPINESS = (
        "confusion-or-sleepiness",
        _("New confusion, or feeling much sleepier than usual"),
    )
    VOMITING_BLOOD_OR_BLACK_STOOLS = (
        "vomiting-blood-or-black-stools",
        _("Being sick with blood in it, or black, sticky poo"),
    )
    SEVERE_TUMMY_PAIN = "severe-tummy-pain", _("Very bad pain in your tummy")
    PARACETAMOL_OVERDOSE = (
        "paracetamol-overdose",
        _format(
            _(
                "Taking more paracetamol (acetaminophen) than the label says, or "
                "more than %(grams)s g in 24 hours"
            ),
            grams=PARACETAMOL_MAX_GRAMS_PER_DAY,
        ),
    )


class AltUnit(models.TextChoices):
    U_PER_L = "U/L", _("U/L (units per litre, also written IU/L)")
    UKAT_PER_L = "\u00b5kat/L", _("\u00b5kat/L (microkatals per litre)")


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER_OR_NOT_SAID = "other", _("Other, or I'd rather not say")


class HepatitisTest(models.TextChoices):
    POSITIVE = "positive", _("Yes, and it was positive")
    NEGATIVE = "negative", _("Yes, and it was negative")
    NEVER_TESTED = "never-tested", _("No, never")
    UNKNOWN = "unknown", _("I don't know")


class HepatitisRisk(models.TextChoices):
    """Risks for hepatitis B or C from the CDC lists (CDC 2020 and 2023; ACG 2017)."""

    INJECTED_DRUGS = "injected-drugs", _("Injected drugs, even once or long ago")
    SNORTED_DRUGS = "snorted-drugs", _("Snorted drugs through the nose")
    BORN_WHERE_HEPATITIS_B_COMMON = (
        "born-where-hepatitis-b-common",
        _("Born in a country where hepatitis B is common"),
    )
    TRANSFUSION_BEFORE_1992 = (
        "transfusion-before-1992",
        _("A blood transfusion, organ transplant or clotting treatment before 1992"),
    )
    HAEMODIALYSIS = "haemodialysis", _("Kidney dialysis (haemodialysis)")
    HIV = "hiv", _("Living with HIV")
    HEPATITIS_B_CONTACT = (
        "hepatitis-b-contact",
        _("Living with, or having sex with, someone who has hepatitis B"),
    )
    MULTIPLE_PARTNERS_OR_STI = (
        "multiple-partners-or-sti",
        _("Several sexual partners, or a sexually transmitted infection"),
    )
    MEN_WHO_HAVE_SEX_WITH_MEN = (
        "men-who-have-sex-with-men",
        _("A man who has sex with men"),
    )
    PRISON = "prison", _("Time in prison")
    NEEDLESTICK = (
        "needlestick",
        _("A needle injury or a splash of someone's blood, for example at work"),
    )
    UNSTERILE_TATTOO_OR_PIERCING = (
        "unsterile-tattoo-or-piercing",
        _("A tattoo or piercing with equipment that may not have been clean"),
    )


class Diabetes(models.TextChoices):
    DIABETES = "diabetes", _("Yes, diabetes")
    PREDIABETES = "prediabetes", _("Yes, prediabetes (blood sugar a bit too high)")
    NO = "no", _("No")
    UNKNOWN = "unknown", _("I don't know")


class DrinkCountry(models.TextChoices):
    US = "us", _("United States")
    UK = "uk", _("United Kingdom")
    AU = "au", _("Australia")
    CA = "ca", _("Canada")
    INTERNATIONAL = "international", _("Another country")


# Grams of pure alcohol in one standard drink, for the UI to explain "a drink".
STANDARD_DRINK_GRAMS = MappingProxyType(
    {
        DrinkCountry.US: Decimal(14),  # NIAAA
        DrinkCountry.UK: Decimal(8),  # NHS: 1 UK unit = 10 ml = 8 g
        DrinkCountry.AU: Decimal(10),  # NHMRC 2020
        DrinkCountry.CA: Decimal("13.45"),  # Health Canada
        DrinkCountry.INTERNATIONAL: Decimal(10),  # WHO AUDIT form [S]
    }
)

# The ULN used when the lab's is not given (rule R2). Staff may pass their own to
# `assess(default_upper_limits=...)`; missing keys fall back to these.
DEFAULT_UPPER_LIMITS_U_PER_L = MappingProxyType(
    {
        Sex.MALE: ACG_HEALTHY_ULN_MALE_U_PER_L,
        Sex.FEMALE: ACG_HEALTHY_ULN_FEMALE_U_PER_L,
        Sex.OTHER_OR_NOT_SAID: UNKNOWN_SEX_ULN_U_PER_L,
    }
)


class Band(models.TextChoices):
    WITHIN_RANGE = "within-range", _("within your lab's range")
    BORDERLINE = "borderline", _("slightly raised")
    MILD = "mild", _("mildly raised")
    MODERATE = "moderate", _("moderately raised")
    SEVERE = "severe", _("severely raised")
    MASSIVE = "massive", _("very severely raised")


class Urgency(models.IntegerChoices):
    """How soon to see a doctor; a larger value is more urgent."""

    NEXT_VISIT = 1, _("At your next visit, with a repeat test")
    SOON = (
        2,
        _format(
            _("See a doctor within %(low)s to %(high)s weeks"),
            low=SOON_MIN_WEEKS,
            high=SOON_MAX_WEEKS,
        ),
    )
    WITHIN_DAYS = 3, _("See a doctor within a few days")
    TODAY = 4, _("See a doctor today")
    EMERGENCY = 5, _("Get emergency help now")


URGENCY_ADVICE = MappingProxyType(
    {
        Urgency.EMERGENCY: _(
            "Call your emergency number or go to the emergency department now."
        ),
        Urgency.TODAY: _(
            "Contact your doctor today. If you cannot, go to an urgent care service "
            "today."
        ),
        Urgency.WITHIN_DAYS: _format(
            _("Book an appointment with your doctor within the next %(days)s days."),
            days=WITHIN_DAYS_MAX_DAYS,
        ),
        Urgency.SOON: _format(
            _(
                "Book an appointment with your doctor in the next %(low)s to "
                "%(high)s weeks."
            ),
            low=SOON_MIN_WEEKS,
            high=SOON_MAX_WEEKS,
        ),
        Urgency.NEXT_VISIT: _(
            "Talk about your result at your next visit, and ask about a repeat test."
        ),
    }
)

# Emergency: signs of acute liver failure or bleeding, and paracetamol overdose
# (NHS; Mayo Clinic [S]; Barnsley Hospital and British Liver Trust on paracetamol).
# Same day: jaundice (NHS, NI Direct), dark urine with pale stools; severe tummy pain
# is [U] clinician to confirm (no NHS text retrieved).
WARNING_SIGN_URGENCY = MappingProxyType(
    {
        WarningSign.CONFUSION_OR_SLEEPINESS: Urgency.EMERGENCY,
        WarningSign.VOMITING_BLOOD_OR_BLACK_STOOLS: Urgency.EMERGENCY,
        WarningSign.PARACETAMOL_OVERDOSE: Urgency.EMERGENCY,
        WarningSign.JAUNDICE: Urgency.TODAY,
        WarningSign.DARK_URINE_PALE_STOOLS: Urgency.TODAY,
        WarningSign.SEVERE_TUMMY_PAIN: Urgency.TODAY,
    }
)


class UpperLimitSource(models.TextChoices):
    LAB = "lab", _("Your lab report")
    DEFAULT_BY_SEX = "default-by-sex", _("The usual limit for your sex")
    DEFAULT_UNKNOWN_SEX = "default-unknown-sex", _("The usual limit for adults")


class Fib4Band(models.TextChoices):
    NOT_RELIABLE = "not-reliable", _("Not reliable at your age")
    LOW = "low", _("Low")
    INDETERMINATE = "indeterminate", _("In between")
    HIGH = "high", _("High")


class CauseStrength(models.IntegerChoices):
    """How strongly the answers point to a cause; a larger value ranks first."""

    SMALL = 1, _("A small, uncertain contributor")
    SCREENING = 2, _("A common cause that is worth checking")
    POSSIBLE = 3, _("May be playing a part")
    HIGH = 4, _("Your answers point to this")


class AltValueProblem(models.TextChoices):
    NOT_POSITIVE = "not-positive", _("Enter your ALT result as a number above 0.")
    IMPLAUSIBLE = (
        "implausible",
        _(
            "This result is too high to be right. Check the number and the unit on "
            "your report."
        ),
    )
    LIKELY_UNIT_MIX_UP = (
        "likely-unit-mix-up",
        _(
            "Check the unit on your report. This number looks like it is in the other "
            "unit."
        ),
    )
    CONFIRM_VERY_HIGH = (
        "confirm-very-high",
        _("This is a very high result. Check the number on your report."),
    )


# Problems that stop the form; the others ask the patient to check and confirm.
BLOCKING_ALT_PROBLEMS = frozenset(
    {AltValueProblem.NOT_POSITIVE, AltValueProblem.IMPLAUSIBLE}
)


class UpperLimitProblem(models.TextChoices):
    NOT_POSITIVE = "not-positive", _("Enter the upper limit as a number above 0.")
    OUTSIDE_USUAL_RANGE = (
        "outside-usual-range",
        _("This upper limit is unusual. Check the number and the unit on your report."),
    )


BLOCKING_UPPER_LIMIT_PROBLEMS = frozenset({UpperLimitProblem.NOT_POSITIVE})


class AstValueProblem(models.TextChoices):
    NOT_POSITIVE = "not-positive", _("Enter your AST result as a number above 0.")
    LIKELY_UNIT_MIX_UP = (
        "likely-unit-mix-up",
        _(
            "Check the unit on your report. AST uses the same unit as your ALT, and "
            "this number looks like it is in the other unit."
        ),
    )


BLOCKING_AST_PROBLEMS = frozenset({AstValueProblem.NOT_POSITIVE})


class PlateletsProblem(models.TextChoices):
    NOT_POSITIVE = "not-positive", _("Enter your platelet count as a number above 0.")
    LIKELY_PER_MICROLITRE = (
        "likely-per-microlitre",
        _(
            "This looks like a count per µL. Enter it in 10⁹/L: for example, for "
            "250,000 per µL enter 250."
        ),
    )


BLOCKING_PLATELETS_PROBLEMS = frozenset({PlateletsProblem.NOT_POSITIVE})


# Numbers
# -------
def to_decimal(value) -> Decimal:
    """Return value (int, float, str or Decimal) as a finite Decimal."""
    if isinstance(value, bool):
        raise TypeError("Expected a number, got a bool.")
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, float | str):
        try:
            result = Decimal(str(value).strip())
        except InvalidOperation:
            raise ValueError("Not a number.") from None
    else:
        raise TypeError(f"Expected a number, got {type(value).__name__}.")
    if not result.is_finite():
        raise ValueError("Not a finite number.")
    return result


def to_u_per_l(value, unit) -> Decimal:
    """Return an enzyme value in U/L; µkat/L is multiplied by exactly 60."""
    value = to_decimal(value)
    if AltUnit(unit) == AltUnit.UKAT_PER_L:
        return value * U_PER_L_PER_UKAT_PER_L
    return value


def _round(value: Decimal, places: str) -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def _show(value) -> str:
    """Return a number for patient text: 10,000 / 66 / 13.45."""
    value = to_decimal(value).normalize()
    return f"{value:,f}"


# Input checks for the form layer
# -------------------------------
def check_alt_value(value, unit) -> AltValueProblem | None:
    """Return the problem with an ALT result as typed, or None if it looks right."""
    value = to_decimal(value)
    unit = AltUnit(unit)
    if value <= 0:
        return AltValueProblem.NOT_POSITIVE
    if _likely_unit_mix_up(value, unit):
        return AltValueProblem.LIKELY_UNIT_MIX_UP
    u_per_l = to_u_per_l(value, unit)
    if u_per_l > ALT_REJECT_ABOVE_U_PER_L:
        return AltValueProblem.IMPLAUSIBLE
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


def is_adult(age) -> bool:
    """Return True if age (whole years) is 18 or over."""
    return age is not None and age >= ADULT_AGE


def is_child(age) -> bool:
    """Return True if age (whole years) is given and under 18."""
    return age is not None and age < ADULT_AGE


# Scores
# ------
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
    return _round(to_decimal(weight_kg) / (height_m * height_m), "0.1")


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
    return _round(numerator / denominator, "0.01")


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


# Input and output
# ----------------
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
    **dict.fromkeys(MEDICINE_FIELDS, YesNoUnknown),
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
    the test; medicine questions cover the last 6 months. None means skipped.
    """

    alt_value: Decimal
    alt_unit: AltUnit
    # None when skipped: the check is still for adults, as its start page says.
    age: int | None = None
    warning_signs: frozenset[WarningSign] = frozenset()
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
    # Medicines and supplements
    new_or_changed_medicine: YesNoUnknown | None = None
    regular_paracetamol: YesNoUnknown | None = None
    recent_antibiotics: YesNoUnknown | None = None
    tb_medicines: YesNoUnknown | None = None
    statins: YesNoUnknown | None = None
    seizure_medicines: YesNoUnknown | None = None
    herbal_remedies: YesNoUnknown | None = None
    bodybuilding_or_weight_loss_supplements: YesNoUnknown | None = None

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
        put("use_asian_cutoffs", bool(self.use_asian_cutoffs))
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
class RelevantCause:
    """A cause the answers point to, with "you told us ..." reasons for it."""

    cause: Cause
    strength: CauseStrength
    reasons: tuple[Promise, ...]


@dataclass(frozen=True, kw_only=True)
class Assessment:
    """What the result page shows. Values in U/L; texts are lazy strings."""

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

    @property
    def multiple_of_upper_limit_display(self) -> Decimal:
        """Return the multiple cut to 1 decimal, so it never shows the next band's
        edge (1.97 shows as 1.9, still "slightly raised")."""
        return self.multiple_of_upper_limit.quantize(Decimal("0.1"), ROUND_DOWN)

    @property
    def ast_alt_ratio_display(self) -> Decimal | None:
        """Return the AST/ALT ratio to 1 decimal, or None."""
        if self.ast_alt_ratio is None:
            return None
        return _round(self.ast_alt_ratio, "0.1")

    @property
    def is_raised(self) -> bool:
        """Return True if ALT is above the upper limit used."""
        return self.band != Band.WITHIN_RANGE

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
        """Return True if the advice is to book an appointment: not for "today" or
        an emergency, when a booking page could offer a date far too late."""
        return self.urgency <= Urgency.WITHIN_DAYS


# Assessment
# ----------
@dataclass(frozen=True)
class _Facts:
    """Everything the rule sections below need, worked out once."""

    answers: Answers
    alt: Decimal
    ast: Decimal | None
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

    def said_yes(self, name) -> bool:
        return getattr(self.answers, name) == YesNoUnknown.YES

    @property
    def warning_signs(self):
        return self.answers.warning_signs

    @property
    def suspect_medicine(self) -> bool:
        return any(self.said_yes(name) for name in SUSPECT_MEDICINE_FIELDS)

    @property
    def any_medicine(self) -> bool:
        return any(self.said_yes(name) for name in MEDICINE_FIELDS)

    @property
    def very_high(self) -> bool:
        return self.alt >= VERY_HIGH_ALT_U_PER_L

    @property
    def above_alcohol_ceiling(self) -> bool:
        """Return True if ALT or AST is too high to put down to alcohol alone."""
        return self.alt >= ALCOHOL_ALONE_BELOW_U_PER_L or (
            self.ast is not None and self.ast >= ALCOHOL_ALONE_BELOW_U_PER_L
        )

    @property
    def metabolic_risk(self) -> bool:
        """Return True if any fatty-liver (MASLD) criterion is met."""
        answers = self.answers
        return bool(
            self.bmi_high
            or self.waist_high
            or answers.diabetes in (Diabetes.DIABETES, Diabetes.PREDIABETES)
            or answers.high_blood_pressure == YesNoUnknown.YES
            or answers.cholesterol_treatment == YesNoUnknown.YES
        )


_TESTED = frozenset({HepatitisTest.POSITIVE, HepatitisTest.NEGATIVE})


def assess(
    answers: Answers,
    *,
    drink_country=DrinkCountry.INTERNATIONAL,
    default_upper_limits: Mapping | None = None,
) -> Assessment:
    """Return the assessment for one adult's answers.

    Raise ValueError for anyone under 18: children have other ranges, and the UI
    sends them elsewhere before calling this. A skipped age is taken as an adult's.
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
    fib4 = None
    if None not in (ast, answers.platelets, answers.age):
        fib4 = calculate_fib4(answers.age, ast, alt, answers.platelets)
    healthy = healthy_upper_limit(answers.sex)
    facts = _Facts(
        answers=answers,
        alt=alt,
        ast=ast,
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
        fib4=fib4,
        fib4_band=None if fib4 is None else classify_fib4(fib4, answers.age),
        healthy_limit=healthy,
        both_hepatitis_tested=answers.hepatitis_b_test in _TESTED
        and answers.hepatitis_c_test in _TESTED,
    )
    urgency, urgency_reasons = _urgency(facts)
    return Assessment(
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
        causes=_causes(facts),
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
        notes=_notes(facts, urgency),
    )


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
        explanation = _format(
            _(
                "We compared your result with the upper limit on your lab report "
                "(%(limit)s %(unit)s). Labs use different ranges, so your lab's own "
                "range is the best guide."
            ),
            limit=_show(answers.lab_upper_limit),
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
        explanation = _format(message, limit=_show(uln))
        return uln, UpperLimitSource.DEFAULT_BY_SEX, explanation
    uln = limits[Sex.OTHER_OR_NOT_SAID]
    female = limits[Sex.FEMALE]
    if female < uln:
        explanation = _format(
            _(
                "You did not give your lab's upper limit or your sex. So we used "
                "%(limit)s U/L. For women the usual limit is lower (%(female)s U/L), "
                "so your result may be more raised than it looks here."
            ),
            limit=_show(uln),
            female=_show(female),
        )
    else:
        explanation = _format(
            _(
                "You did not give your lab's upper limit or your sex. So we used "
                "%(limit)s U/L. Your lab's range may be different."
            ),
            limit=_show(uln),
        )
    return uln, UpperLimitSource.DEFAULT_UNKNOWN_SEX, explanation


# Urgency (rule R4): every rule that fires adds a level and a reason; the most
# urgent level wins, and reasons are listed most urgent first.
_WARNING_SIGN_REASONS = {
    WarningSign.CONFUSION_OR_SLEEPINESS: _(
        "You told us you feel confused or much sleepier than usual. This can be a "
        "sign that the liver is badly affected."
    ),
    WarningSign.VOMITING_BLOOD_OR_BLACK_STOOLS: _(
        "You told us you have been sick with blood in it, or have black, sticky "
        "poo. This can be a sign of bleeding inside the body."
    ),
    WarningSign.PARACETAMOL_OVERDOSE: _(
        "You told us you may have taken too much paracetamol. Get help even if you "
        "feel well: treatment works best early, and signs can take a day to show."
    ),
    WarningSign.JAUNDICE: _(
        "You told us your skin or the whites of your eyes look yellow. This is "
        "called jaundice. It can be a sign of something serious."
    ),
    WarningSign.DARK_URINE_PALE_STOOLS: _(
        "You told us your pee is dark and your poo is pale. This can mean the "
        "liver or bile ducts are not working properly."
    ),
    WarningSign.SEVERE_TUMMY_PAIN: _(
        "You told us you have very bad pain in your tummy. This needs checking today."
    ),
}


def warning_sign_urgency(signs) -> Urgency | None:
    """Return how soon someone with these warning signs needs help, or None.

    Used for the interruption page shown as soon as a sign is ticked, before any
    lab value is known; assess() applies the same levels.
    """
    levels = [WARNING_SIGN_URGENCY[WarningSign(sign)] for sign in signs]
    return max(levels, default=None)


def _urgency(facts: _Facts) -> tuple[Urgency, tuple[Promise, ...]]:
    found: list[tuple[Urgency, Promise]] = []

    def flag(level, message, **values):
        found.append((level, _format(message, **values) if values else message))

    for sign in WarningSign:
        if sign in facts.warning_signs:
            flag(WARNING_SIGN_URGENCY[sign], _WARNING_SIGN_REASONS[sign])
    if facts.warning_signs:
        flag(
            Urgency.TODAY,
            _("Warning signs need a doctor, whatever your ALT result is."),
        )
    band = facts.band
    if band == Band.MASSIVE:
        flag(
            Urgency.TODAY,
            _("Your ALT is above %(limit)s U/L. This is very high."),
            limit=_show(MASSIVE_ABOVE_U_PER_L),
        )
    elif band == Band.SEVERE:
        flag(
            Urgency.TODAY,
            _("Your ALT is more than %(times)s times the upper limit."),
            times=_show(MODERATE_MAX_MULTIPLE),
        )
    if facts.very_high:
        flag(
            Urgency.TODAY,
            _(
                "Your ALT is %(limit)s U/L or more. Results this high are often "
                "linked to a virus, a medicine (most often paracetamol) or poor "
                "blood flow to the liver."
            ),
            limit=_show(VERY_HIGH_ALT_U_PER_L),
        )
    if band == Band.MODERATE:
        flag(
            Urgency.WITHIN_DAYS,
            _("Your ALT is %(low)s to %(high)s times the upper limit."),
            low=_show(MILD_BELOW_MULTIPLE),
            high=_show(MODERATE_MAX_MULTIPLE),
        )
    if facts.multiple >= DILI_SOONER_MULTIPLE and facts.suspect_medicine:
        flag(
            Urgency.WITHIN_DAYS,
            _(
                "Your ALT is %(times)s times the upper limit or more, and you told "
                "us about a new medicine, antibiotics, TB medicines or supplements. "
                "A doctor should check these soon."
            ),
            times=_show(DILI_SOONER_MULTIPLE),
        )
    if band == Band.MILD:
        flag(
            Urgency.SOON,
            _("Your ALT is %(low)s to %(high)s times the upper limit."),
            low=_show(BORDERLINE_BELOW_MULTIPLE),
            high=_show(MILD_BELOW_MULTIPLE),
        )
    elif band == Band.BORDERLINE:
        flag(
            Urgency.NEXT_VISIT,
            _("Your ALT is a little above the upper limit (under %(times)s times)."),
            times=_show(BORDERLINE_BELOW_MULTIPLE),
        )
    elif band == Band.WITHIN_RANGE:
        flag(Urgency.NEXT_VISIT, _("Your ALT is inside the range we compared it with."))
    # Most urgent first; a stable sort keeps the order above among equals.
    found.sort(key=lambda item: -item[0])
    return found[0][0], tuple(reason for _level, reason in found)


# Causes (rules R5, R7-R12)
@dataclass
class _Draft:
    strength: CauseStrength
    reasons: list
    red_flag: bool = False


# Order among equals: most common first (AAFP 2011: fatty liver is the most common
# cause of a mild rise). [U] clinician to confirm.
_CAUSE_ORDER = (
    Cause.FATTY_LIVER,
    Cause.ALCOHOL,
    Cause.VIRAL_HEPATITIS,
    Cause.DRUG_INJURY,
    Cause.SLEEP_AND_EXERTION,
)
# Shown whenever nothing liver-specific is flagged, and alongside sleep or exertion,
# which are never the only cause listed (rules R11, R12).
_SCREENING_CAUSES = (Cause.FATTY_LIVER, Cause.ALCOHOL, Cause.VIRAL_HEPATITIS)
_LIVER_CAUSES = frozenset(_CAUSE_ORDER) - {Cause.SLEEP_AND_EXERTION}


class _Causes:
    def __init__(self):
        self.drafts: dict[Cause, _Draft] = {}

    def add(self, cause, strength, reason=None, *, red_flag=False):
        draft = self.drafts.setdefault(cause, _Draft(strength, []))
        draft.strength = max(draft.strength, strength)
        draft.red_flag = draft.red_flag or red_flag
        if reason is not None and reason not in draft.reasons:
            draft.reasons.append(reason)

    def add_screening(self, cause):
        """List a common cause worth checking, unless the answers already flag it."""
        if cause not in self.drafts:
            self.add(cause, CauseStrength.SCREENING, _SCREENING_REASONS[cause])

    def result(self) -> tuple[RelevantCause, ...]:
        def rank(item):
            cause, draft = item
            return (
                not draft.red_flag,
                -draft.strength,
                -len(draft.reasons),
                _CAUSE_ORDER.index(cause),
            )

        return tuple(
            RelevantCause(cause, CauseStrength(draft.strength), tuple(draft.reasons))
            for cause, draft in sorted(self.drafts.items(), key=rank)
        )


def _causes(facts: _Facts) -> tuple[RelevantCause, ...]:
    causes = _Causes()
    _drug_causes(facts, causes)
    _viral_causes(facts, causes)
    _alcohol_causes(facts, causes)
    _fatty_liver_causes(facts, causes)
    _exertion_and_sleep_causes(facts, causes)
    flagged = set(causes.drafts)
    if (
        not flagged & _LIVER_CAUSES
        or Cause.SLEEP_AND_EXERTION in flagged
        # Alcohol alone does not explain ALT or AST >= 400 U/L (rule R5).
        or (Cause.ALCOHOL in flagged and facts.above_alcohol_ceiling)
    ):
        for cause in _SCREENING_CAUSES:
            causes.add_screening(cause)
    return causes.result()


_SCREENING_REASONS = {
    Cause.FATTY_LIVER: _(
        "Fat in the liver is the most common cause of a raised ALT. It is worth "
        "checking."
    ),
    Cause.ALCOHOL: _(
        "Alcohol is a common cause of a raised ALT. It is worth checking."
    ),
    Cause.VIRAL_HEPATITIS: _(
        "Hepatitis B and C often cause no symptoms for years. A blood test can check "
        "for them."
    ),
}


def _drug_causes(facts: _Facts, causes: _Causes):
    add = causes.add
    drug = Cause.DRUG_INJURY
    high = CauseStrength.HIGH
    possible = CauseStrength.POSSIBLE
    if WarningSign.PARACETAMOL_OVERDOSE in facts.warning_signs:
        add(
            drug,
            high,
            _(
                "You told us you may have taken too much paracetamol. Too much "
                "paracetamol can badly harm the liver."
            ),
            red_flag=True,
        )
    red_flag = facts.multiple >= DILI_SOONER_MULTIPLE
    if facts.said_yes("new_or_changed_medicine"):
        add(
            drug,
            high,
            _format(
                _(
                    "You told us you started or changed a medicine in the last "
                    "%(months)s months. Some medicines can raise ALT."
                ),
                months=MEDICINE_LOOKBACK_MONTHS,
            ),
            red_flag=red_flag,
        )
    if facts.said_yes("recent_antibiotics"):
        add(
            drug,
            high,
            _(
                "You told us you took antibiotics recently. Some antibiotics can "
                "raise ALT. Co-amoxiclav (amoxicillin with clavulanate) is the most "
                "common one to do this."
            ),
            red_flag=red_flag,
        )
    if facts.said_yes("tb_medicines"):
        add(
            drug,
            high,
            _(
                "You told us you take medicines for tuberculosis (TB). One of them, "
                "isoniazid, often raises ALT. Tell your TB team about your result."
            ),
            red_flag=red_flag,
        )
    if facts.said_yes("herbal_remedies"):
        add(
            drug,
            high,
            _(
                "You told us you take herbal or traditional remedies. Some, such as "
                "green tea extract, kava, or Chinese or Ayurvedic remedies, can harm "
                "the liver."
            ),
            red_flag=red_flag,
        )
    if facts.said_yes("bodybuilding_or_weight_loss_supplements"):
        add(
            drug,
            high,
            _(
                "You told us you take bodybuilding or weight-loss supplements. These "
                "are the supplements most often linked to liver harm."
            ),
            red_flag=red_flag,
        )
    if facts.said_yes("regular_paracetamol"):
        typical = facts.answers.audit_c_typical_drinks
        if (
            typical is not None
            and typical >= AUDIT_C_TYPICAL_DRINKS_SCORE_FOR_3_OR_MORE
        ):
            add(
                drug,
                high,
                _format(
                    _(
                        "You told us you take paracetamol regularly and often have "
                        "%(drinks)s or more drinks when you drink. Together these can "
                        "strain the liver. Ask a pharmacist or doctor about a safe "
                        "dose for you."
                    ),
                    drinks=PARACETAMOL_CAUTION_DRINKS_PER_DAY,
                ),
            )
        else:
            add(
                drug,
                possible,
                _format(
                    _(
                        "You told us you take paracetamol regularly. Within the label "
                        "dose it is usually safe, but more than %(grams)s g a day can "
                        "harm the liver."
                    ),
                    grams=PARACETAMOL_MAX_GRAMS_PER_DAY,
                ),
            )
    if facts.said_yes("statins"):
        add(
            drug,
            possible,
            _(
                "You told us you take a statin for cholesterol. Statins can cause a "
                "small rise in ALT in up to 3 in 100 people. This is usually mild."
            ),
        )
    if facts.said_yes("seizure_medicines"):
        add(
            drug,
            possible,
            _(
                "You told us you take medicines for seizures (fits). Some of these "
                "can raise ALT."
            ),
        )
    if facts.very_high:
        add(
            drug,
            high,
            _format(
                _(
                    "Your ALT is %(limit)s U/L or more. Results this high are often "
                    "caused by a medicine, most often paracetamol."
                ),
                limit=_show(VERY_HIGH_ALT_U_PER_L),
            ),
            red_flag=True,
        )
    elif facts.band in (Band.SEVERE, Band.MASSIVE):
        add(
            drug,
            possible,
            _(
                "At this level, medicines and supplements are one of the few common "
                "causes."
            ),
        )


def _viral_causes(facts: _Facts, causes: _Causes):
    viral = Cause.VIRAL_HEPATITIS
    high = CauseStrength.HIGH
    answers = facts.answers
    if answers.hepatitis_b_test == HepatitisTest.POSITIVE:
        causes.add(
            viral,
            high,
            _(
                "You told us a hepatitis B test was positive. Hepatitis B can "
                "raise ALT."
            ),
        )
    if answers.hepatitis_c_test == HepatitisTest.POSITIVE:
        causes.add(
            viral,
            high,
            _(
                "You told us a hepatitis C test was positive. Hepatitis C can "
                "raise ALT."
            ),
        )
    for risk in HepatitisRisk:
        if risk in answers.hepatitis_risks:
            causes.add(
                viral,
                high,
                _format(
                    _("You told us about a possible risk for hepatitis: %(risk)s."),
                    risk=risk.label,
                ),
            )
    if facts.multiple >= VIRAL_ACUTE_MULTIPLE:
        causes.add(
            viral,
            high,
            _format(
                _(
                    "Your ALT is %(times)s times the upper limit or more. A new "
                    "hepatitis virus infection often raises ALT this much."
                ),
                times=_show(VIRAL_ACUTE_MULTIPLE),
            ),
            red_flag=True,
        )
    elif facts.very_high:
        causes.add(
            viral,
            high,
            _format(
                _(
                    "Your ALT is %(limit)s U/L or more. A new hepatitis virus "
                    "infection can raise ALT this much."
                ),
                limit=_show(VERY_HIGH_ALT_U_PER_L),
            ),
            red_flag=True,
        )


def _alcohol_causes(facts: _Facts, causes: _Causes):
    alcohol = Cause.ALCOHOL
    if facts.audit_c_positive:
        causes.add(
            alcohol,
            CauseStrength.HIGH,
            _format(
                _(
                    "Your answers to the alcohol questions score %(score)s out of "
                    "12. A score of %(cutoff)s or more means drinking may be harming "
                    "your health. Alcohol can raise ALT."
                ),
                score=facts.audit_c_score,
                cutoff=facts.audit_c_cutoff,
            ),
        )
    if facts.ratio is not None and facts.ratio >= AST_ALT_ALCOHOL_PATTERN_RATIO:
        causes.add(
            alcohol,
            CauseStrength.POSSIBLE,
            _format(
                _(
                    "Your AST is at least %(times)s times your ALT. This pattern is "
                    "often seen when alcohol or long-term liver disease has affected "
                    "the liver. It does not prove either."
                ),
                times=_show(AST_ALT_ALCOHOL_PATTERN_RATIO),
            ),
        )
    if alcohol in causes.drafts and facts.above_alcohol_ceiling:
        causes.add(
            alcohol,
            CauseStrength.POSSIBLE,
            _format(
                _(
                    "Your ALT or AST is %(limit)s U/L or more. Alcohol alone does not "
                    "usually raise it this much, so other causes need checking too."
                ),
                limit=_show(ALCOHOL_ALONE_BELOW_U_PER_L),
            ),
        )


def _fatty_liver_causes(facts: _Facts, causes: _Causes):
    answers = facts.answers
    reasons = []
    if facts.bmi_high:
        reasons.append(
            _format(
                _(
                    "Your body mass index (BMI, your weight compared with your height) "
                    "is %(bmi)s. A BMI of %(cutoff)s or more is linked to fat in the "
                    "liver."
                ),
                bmi=_show(facts.bmi),
                cutoff=_show(BMI_HIGH_ASIAN if answers.use_asian_cutoffs else BMI_HIGH),
            )
        )
    if facts.waist_high:
        reasons.append(
            _format(
                _(
                    "Your waist is %(waist)s cm. A waist of %(cutoff)s cm or more is "
                    "linked to fat in the liver."
                ),
                waist=_show(answers.waist_cm),
                cutoff=_show(
                    waist_cutoff_cm(answers.sex, asian=answers.use_asian_cutoffs)
                ),
            )
        )
    if answers.diabetes == Diabetes.DIABETES:
        reasons.append(
            _("You told us you have diabetes. Diabetes is linked to fat in the liver.")
        )
    elif answers.diabetes == Diabetes.PREDIABETES:
        reasons.append(
            _(
                "You told us you have prediabetes (blood sugar a bit too high). This "
                "is linked to fat in the liver."
            )
        )
    if answers.high_blood_pressure == YesNoUnknown.YES:
        reasons.append(
            _(
                "You told us you have high blood pressure or take medicine for it. "
                "This is linked to fat in the liver."
            )
        )
    if answers.cholesterol_treatment == YesNoUnknown.YES:
        reasons.append(
            _(
                "You told us you take medicine for cholesterol or other blood fats. "
                "This is linked to fat in the liver."
            )
        )
    for reason in reasons:
        causes.add(Cause.FATTY_LIVER, CauseStrength.HIGH, reason)
    if reasons and facts.audit_c_positive:
        # MetALD: metabolic risk and alcohol together (Rinella et al., 2023).
        causes.add(
            Cause.FATTY_LIVER,
            CauseStrength.HIGH,
            _(
                "Alcohol and these health factors can add together to put fat in the "
                "liver."
            ),
        )


def _exertion_and_sleep_causes(facts: _Facts, causes: _Causes):
    answers = facts.answers
    cause = Cause.SLEEP_AND_EXERTION
    if answers.strenuous_exercise == YesNoUnknown.YES:
        main = (
            facts.multiple < EXERTION_MAIN_CAUSE_BELOW_MULTIPLE
            and not facts.warning_signs
        )
        causes.add(
            cause,
            CauseStrength.HIGH if main else CauseStrength.POSSIBLE,
            _format(
                _(
                    "You told us you did hard exercise or heavy physical work in the "
                    "%(days)s days before your test. This can raise ALT for about a "
                    "week."
                ),
                days=EXERCISE_WASHOUT_DAYS,
            ),
        )
        if not main:
            causes.add(
                cause,
                CauseStrength.POSSIBLE,
                _(
                    "Exercise is unlikely to explain all of your result, so a doctor "
                    "still needs to check it."
                ),
            )
        if facts.ratio is not None and facts.ratio > AST_ALT_MUSCLE_PATTERN_RATIO:
            causes.add(
                cause,
                CauseStrength.POSSIBLE,
                _format(
                    _(
                        "Your AST is more than %(times)s times your ALT. After hard "
                        "exercise, this pattern can come from the muscles rather "
                        "than the liver."
                    ),
                    times=_show(AST_ALT_MUSCLE_PATTERN_RATIO),
                ),
            )
    if (
        answers.sleep_hours is not None
        and answers.sleep_hours < SHORT_SLEEP_BELOW_HOURS
    ):
        causes.add(
            cause,
            CauseStrength.SMALL,
            _format(
                _(
                    "You told us you sleep about %(hours)s hours a night. Very short "
                    "sleep may have a small effect on ALT, but this is uncertain."
                ),
                hours=_show(answers.sleep_hours),
            ),
        )
    if answers.night_shifts == YesNoUnknown.YES:
        causes.add(
            cause,
            CauseStrength.SMALL,
            _(
                "You told us you work night shifts. Night work may have a small effect "
                "on ALT, but this is uncertain."
            ),
        )


# Notes
# -----
def _notes(facts: _Facts, urgency: Urgency) -> tuple[Promise, ...]:
    answers = facts.answers
    band = facts.band
    notes = []
    if band == Band.WITHIN_RANGE:
        notes.append(
            _(
                "A result inside the range does not rule out liver disease. Some "
                "liver problems, such as hepatitis C or scarring from alcohol, can "
                "show a normal ALT."
            )
        )
        if facts.alt > facts.healthy_limit:
            if answers.sex == Sex.MALE:
                message = _(
                    "Your ALT is inside the range we used, but above %(limit)s U/L, "
                    "the healthy level for men in a US expert guideline. Mention it "
                    "at your next visit."
                )
            elif answers.sex == Sex.FEMALE:
                message = _(
                    "Your ALT is inside the range we used, but above %(limit)s U/L, "
                    "the healthy level for women in a US expert guideline. Mention "
                    "it at your next visit."
                )
            else:
                message = _(
                    "Your ALT is inside the range we used, but above %(limit)s U/L, "
                    "the healthy level for women in a US expert guideline (%(male)s "
                    "U/L for men). Mention it at your next visit."
                )
            notes.append(
                _format(
                    message,
                    limit=_show(facts.healthy_limit),
                    male=_show(ACG_HEALTHY_ULN_MALE_U_PER_L),
                )
            )
    else:
        notes.append(
            _("How high your ALT is does not always show how serious the cause is.")
        )
    if band == Band.BORDERLINE:
        notes.append(
            _(
                "Small rises often settle. About 1 in 3 are back to normal on a "
                "repeat test."
            )
        )
    if facts.multiple >= VIRAL_ACUTE_MULTIPLE and urgency < Urgency.TODAY:
        notes.append(
            _(
                "If you feel unwell, for example sick, very tired or with tummy pain, "
                "see a doctor today."
            )
        )
    if answers.strenuous_exercise == YesNoUnknown.YES:
        notes.append(
            _format(
                _(
                    "Hard exercise can raise ALT for about a week. Ask for a repeat "
                    "test after at least %(days)s days without hard exercise. Your "
                    "doctor may also check CK, a blood test for muscle damage."
                ),
                days=EXERCISE_WASHOUT_DAYS,
            )
        )
    if band in (Band.WITHIN_RANGE, Band.BORDERLINE):
        notes.append(
            _format(
                _(
                    "A repeat test in about %(low)s to %(high)s weeks can show if your "
                    "ALT is going up or down. For %(days)s days before it, avoid hard "
                    "exercise and heavy drinking."
                ),
                low=REPEAT_TEST_MIN_WEEKS,
                high=REPEAT_TEST_MAX_WEEKS,
                days=EXERCISE_WASHOUT_DAYS,
            )
        )
    if band != Band.WITHIN_RANGE:
        notes.append(
            _format(
                _(
                    "If your ALT stays raised for more than %(months)s months, your "
                    "doctor may send you to a liver specialist."
                ),
                months=PERSISTENT_RAISE_MONTHS,
            )
        )
    if not facts.both_hepatitis_tested:
        if band == Band.WITHIN_RANGE:
            notes.append(
                _(
                    "Every adult should have a blood test for hepatitis B and "
                    "hepatitis C at least once. Ask your doctor if you have not had "
                    "both."
                )
            )
        else:
            notes.append(
                _(
                    "Every adult should have a blood test for hepatitis B and "
                    "hepatitis C at least once. A raised ALT is one more reason to "
                    "ask for them if you have not had both."
                )
            )
    if facts.metabolic_risk:
        notes.append(
            _(
                "Only a scan, such as an ultrasound, can show if there is fat in the "
                "liver."
            )
        )
    if facts.fib4_band is not None:
        notes.append(_fib4_note(facts))
    if facts.any_medicine:
        notes.append(
            _("Do not stop a prescribed medicine without talking to your doctor.")
        )
    notes.append(
        _(
            "Take a list of all your medicines, vitamins, herbal remedies and "
            "supplements to your appointment."
        )
    )
    notes.append(
        _("This tool cannot diagnose. Talk to a doctor or nurse about your result.")
    )
    return tuple(notes)


def _fib4_note(facts: _Facts) -> Promise:
    band = facts.fib4_band
    if band == Fib4Band.NOT_RELIABLE:
        message = _(
            "Your FIB-4 score is %(fib4)s. FIB-4 uses your age and blood tests to "
            "estimate scarring in the liver. It is not reliable at age %(age)s or "
            "under, so do not rely on it."
        )
    elif band == Fib4Band.LOW:
        message = _(
            "Your FIB-4 score is %(fib4)s. FIB-4 uses your age and blood tests to "
            "estimate scarring in the liver. A low score makes serious scarring less "
            "likely. It does not explain why your ALT is what it is."
        )
    else:
        message = _(
            "Your FIB-4 score is %(fib4)s. FIB-4 uses your age and blood tests to "
            "estimate scarring in the liver. Your score is not low, so ask your "
            "doctor about a liver stiffness scan (such as FibroScan)."
        )
    return _format(message, fib4=_show(facts.fib4), age=FIB4_UNRELIABLE_MAX_AGE)
