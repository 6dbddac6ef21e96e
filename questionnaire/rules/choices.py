"""The answer choices and result categories the rules use, as Django choices."""

from decimal import Decimal
from types import MappingProxyType

from django.db import models
from django.utils.translation import gettext_lazy as _

from questionnaire.rules.numbers import lazy_format, to_decimal
from questionnaire.rules.thresholds import (
    ACG_HEALTHY_ULN_FEMALE_U_PER_L,
    ACG_HEALTHY_ULN_MALE_U_PER_L,
    PARACETAMOL_MAX_GRAMS_PER_DAY,
    U_PER_L_PER_UKAT_PER_L,
)


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
    FAINTING = "fainting", _("Fainting, or nearly fainting")
    VOMITING_BLOOD_OR_BLACK_STOOLS = (
        "vomiting-blood-or-black-stools",
        _("Being sick with blood in it, or black, sticky poo"),
    )
    SEVERE_TUMMY_PAIN = (
        "severe-tummy-pain",
        _("Sudden, very bad pain in your tummy"),
    )
    FEVER_WITH_PAIN_OR_JAUNDICE = (
        "fever-with-pain-or-jaundice",
        _("A high temperature or shivering, together with tummy pain or yellow skin"),
    )
    REPEATED_VOMITING = (
        "repeated-vomiting",
        _("Being sick again and again, so you cannot keep food or drink down"),
    )
    SWOLLEN_TUMMY = "swollen-tummy", _("A tummy that has become swollen")
    BRUISING_OR_BLEEDING = (
        "bruising-or-bleeding",
        _("Bruising very easily, or bleeding that is hard to stop"),
    )
    PARACETAMOL_OVERDOSE = (
        "paracetamol-overdose",
        lazy_format(
            _(
                "Taking more paracetamol (acetaminophen) than the label says, or "
                "more than %(grams)s g in 24 hours"
            ),
            grams=PARACETAMOL_MAX_GRAMS_PER_DAY,
        ),
    )


class Medicine(models.TextChoices):
    """The medicine and supplement answers (rule R10), in the order asked."""

    NEW_OR_CHANGED = (
        "new_or_changed_medicine",
        _("Started or changed a medicine in the past 6 months"),
    )
    REGULAR_PARACETAMOL = (
        "regular_paracetamol",
        _("Take paracetamol (acetaminophen) regularly"),
    )
    ANTIBIOTICS = "recent_antibiotics", _("Took antibiotics in the past 6 months")
    TB_MEDICINES = "tb_medicines", _("Take medicines for tuberculosis (TB)")
    STATINS = (
        "statins",
        _("Take a statin for cholesterol, like atorvastatin or simvastatin"),
    )
    SEIZURE_MEDICINES = (
        "seizure_medicines",
        _("Take medicines for epilepsy or seizures"),
    )
    HERBAL_REMEDIES = "herbal_remedies", _("Take herbal or traditional remedies")
    SUPPLEMENTS = (
        "bodybuilding_or_weight_loss_supplements",
        _("Take bodybuilding or weight-loss supplements"),
    )
    ANABOLIC_STEROIDS = (
        "anabolic_steroids",
        _("Take anabolic steroids (muscle-building hormones), even now and then"),
    )


# Answers that make a medicine or supplement a suspect for the 3x rule: new ones,
# and the groups most often behind drug injury (LiverTox; DILIN; anabolic steroids,
# clinical reference §7). Long-term statins, seizure medicines and regular
# paracetamol are flagged as causes but do not bring care forward on their own.
# [U] clinician to confirm.
SUSPECT_MEDICINES = frozenset(
    {
        Medicine.NEW_OR_CHANGED,
        Medicine.ANTIBIOTICS,
        Medicine.TB_MEDICINES,
        Medicine.HERBAL_REMEDIES,
        Medicine.SUPPLEMENTS,
        Medicine.ANABOLIC_STEROIDS,
    }
)


class AltUnit(models.TextChoices):
    U_PER_L = "U/L", _("U/L (units per litre, also written IU/L)")
    UKAT_PER_L = "\u00b5kat/L", _("µkat/L (microkatals per litre)")


def to_u_per_l(value, unit) -> Decimal:
    """Return an enzyme value in U/L; µkat/L is multiplied by exactly 60."""
    value = to_decimal(value)
    if AltUnit(unit) == AltUnit.UKAT_PER_L:
        return value * U_PER_L_PER_UKAT_PER_L
    return value


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    OTHER_OR_NOT_SAID = "other", _("Other, or I'd rather not say")


class HepatitisTest(models.TextChoices):
    # Worded by what the test found, so a positive immunity test after a
    # vaccine is not read as an infection (clinical review 2026-11, finding 13).
    POSITIVE = "positive", _("Yes, and it found the virus (an infection)")
    NEGATIVE = "negative", _("Yes, and it did not find the virus")
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
    CN = "cn", _("China")
    INTERNATIONAL = "international", _("Another country")


# Grams of pure alcohol in one standard drink, for the UI to explain "a drink".
STANDARD_DRINK_GRAMS = MappingProxyType(
    {
        DrinkCountry.US: Decimal(14),  # NIAAA
        DrinkCountry.UK: Decimal(8),  # NHS: 1 UK unit = 10 ml = 8 g
        DrinkCountry.AU: Decimal(10),  # NHMRC 2020
        DrinkCountry.CA: Decimal("13.45"),  # Health Canada
        # China has no official standard drink: its dietary guidelines (中国居民膳食
        # 指南 2022) count grams. AUDIT questions 2 and 3 assume 10 g (WHO AUDIT
        # guidelines, Babor et al. 2001), as Chinese AUDIT-C versions do. [U] clinician
        # to confirm; docs/china.md.
        DrinkCountry.CN: Decimal(10),
        DrinkCountry.INTERNATIONAL: Decimal(10),  # WHO AUDIT form [S]
    }
)

# The ULN used when the lab's is not given (rule R2). Staff may pass their own to
# `assess(default_upper_limits=...)`; missing keys fall back to these.
DEFAULT_UPPER_LIMITS_U_PER_L = MappingProxyType(
    {
        Sex.MALE: ACG_HEALTHY_ULN_MALE_U_PER_L,
        Sex.FEMALE: ACG_HEALTHY_ULN_FEMALE_U_PER_L,
        # The lower (women's) limit: the earlier care when sex is unknown. The
        # rule also caps a site's own setting at the women's limit (_upper_limit).
        Sex.OTHER_OR_NOT_SAID: ACG_HEALTHY_ULN_FEMALE_U_PER_L,
    }
)


class Band(models.TextChoices):
    WITHIN_RANGE = "within-range", _("within your lab's range")
    BORDERLINE = "borderline", _("slightly raised")
    MILD = "mild", _("mildly raised")
    MODERATE = "moderate", _("moderately raised")
    SEVERE = "severe", _("severely raised")
    MASSIVE = "massive", _("very severely raised")


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
    IMPLAUSIBLE = (
        "implausible",
        _(
            "This AST result is too high to be right. Check the number and the unit "
            "on your report."
        ),
    )
    LIKELY_UNIT_MIX_UP = (
        "likely-unit-mix-up",
        _(
            "Check the unit on your report. AST uses the same unit as your ALT, and "
            "this number looks like it is in the other unit."
        ),
    )


BLOCKING_AST_PROBLEMS = frozenset(
    {AstValueProblem.NOT_POSITIVE, AstValueProblem.IMPLAUSIBLE}
)


class PlateletsProblem(models.TextChoices):
    NOT_POSITIVE = "not-positive", _("Enter your platelet count as a number above 0.")
    LIKELY_PER_MICROLITRE = (
        "likely-per-microlitre",
        _(
            "This looks like a count per µL. Enter it in 10⁹/L: for example, for "
            "250,000 per µL enter 250."
        ),
    )
    LIKELY_PER_10E4_MICROLITRE = (
        "likely-per-10e4-microlitre",
        _(
            "This platelet count is low. Check the unit on your report: if it says "
            "×10⁴/µL, multiply by 10 (for 25 ×10⁴/µL enter 250)."
        ),
    )


BLOCKING_PLATELETS_PROBLEMS = frozenset({PlateletsProblem.NOT_POSITIVE})


# Signs of pre-eclampsia, HELLP or obstetric cholestasis that need the maternity
# team straight away (NICE NG133 [S]; clinical review 2026-11, finding 2). Shown in
# the result page's safety net to anyone who is or may be pregnant.
PREGNANCY_WARNING_SIGNS = (
    _("A bad headache that does not go away"),
    _("Problems with your eyesight, such as blurring or flashing lights"),
    _("Pain just below your ribs"),
    _("Sudden swelling of your face, hands or feet"),
    _("Itching, especially on your hands and feet"),
)
