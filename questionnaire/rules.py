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

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation
from types import MappingProxyType

from django.db import models
from django.utils.functional import Promise, lazy
from django.utils.translation import gettext_lazy as _

from education.topics import Cause


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
# Sex unknown: the lower of the "sex not given" and women's limits (25 U/L by
# default), so a raised result is never under-read (clinical review 2026-11,
# finding 11; R2 suggested the men's). See _upper_limit(). [U] clinician to confirm.
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

# Urgency (rule R4) beyond the bands
# ----------------------------------
# ALT > 10,000 U/L (massive) is an emergency, not only "today" (clinical review
# 2026-11, finding 7). [U] clinician to confirm.
# ALT >= 10x ULN is seen today, well or not: R4.2 sends >= 10x with feeling unwell
# the same day, and the review found 10-15x waiting 7 days (finding 1). [U]
TODAY_FROM_MULTIPLE = Decimal(10)
# Feeling unwell at >= 5x ULN: today. Primary-care pathways admit systemically
# unwell patients with ALT > 500 [S] (clinical review 2026-11, finding 1). [U]
UNWELL_TODAY_FROM_MULTIPLE = Decimal(5)
# AST counts like ALT for urgency: the >= 1,000 U/L differential is for ALT *or*
# AST (multicentre study of ALT/AST >= 1000 IU/L), and AST > 15x the upper limit
# is read against the ALT's upper limit (labs' AST limits are similar). [U]
AST_TODAY_ABOVE_MULTIPLE = Decimal(15)
# Pregnancy, or birth in the last 6 weeks: a raised ALT can mean pre-eclampsia,
# HELLP, acute fatty liver of pregnancy or obstetric cholestasis. NICE NG133 counts
# ALT or AST > 70 IU/L as liver involvement in pre-eclampsia [S]. Raised (above the
# upper limit used) or > 70 U/L: contact the midwife or maternity unit today. [U]
POSTNATAL_WEEKS = 6
PREGNANCY_LIVER_INVOLVEMENT_ABOVE_U_PER_L = Decimal(70)  # NICE NG133 [S]
# TB medicines (isoniazid): stop if > 3x ULN with symptoms or > 5x without (ATS
# 2006 [S]). Any raised ALT on TB medicines: contact the TB team within 1-2 days;
# today if unwell or >= 5x ULN. [U] clinician to confirm.
TB_TEAM_WITHIN_DAYS = 2
TB_TODAY_FROM_MULTIPLE = Decimal(5)
# Everything that sends someone to care today also sends them to urgent care or
# A&E if no doctor can be seen today (clinical review 2026-11, finding 7).

# Urgency intervals
# -----------------
# "Within a few days" means within 7 days (rule R4.3). [U] clinician to confirm.
WITHIN_DAYS_MAX_DAYS = 7
# A mild rise (2-5x ULN) is seen within 2 to 4 weeks (rule R4.4); the only source is
# an AI-generated summary, so it is not cited. [U] clinician to confirm.
SOON_MIN_WEEKS = 2
SOON_MAX_WEEKS = 4
# A slightly raised result: book a routine appointment within about 3 months, so
# "at your next visit" does not mean never (UK intelligent-LFT pathway repeats at
# 3 months [C]; clinical review 2026-11, finding 12). [U] clinician to confirm.
ROUTINE_WITHIN_MONTHS = 3
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

# Medicines (rule R10; the choices are the `Medicine` enum below)
# ---------
PARACETAMOL_MAX_GRAMS_PER_DAY = 4  # adult maximum: Health Canada; NHS (8 x 500 mg)
# People with >= 3 drinks every day may need a lower paracetamol maximum (Health
# Canada acetaminophen label).
PARACETAMOL_CAUTION_DRINKS_PER_DAY = 3
# Under 50 kg body weight: ask a doctor or pharmacist about a safe dose (British
# Liver Trust).
PARACETAMOL_ASK_BELOW_KG = 50
# AUDIT-C question 2 scores 1 for 3-4 drinks on a typical drinking day, so a score
# >= 1 means "3 or more drinks" on a drinking day, not every day. Flagging on it is
# the conservative reading. [U] clinician to confirm.
AUDIT_C_TYPICAL_DRINKS_SCORE_FOR_3_OR_MORE = 1
# ALT >= 3x ULN with a suspect medicine or supplement brings care forward to within
# days (rule R4.3; 3x ULN as in Hy's law, FDA). [U] clinician to confirm.
DILI_SOONER_MULTIPLE = Decimal(3)
# ... and with that, feeling unwell brings it to today (ATS 2006 [S]: > 3x with
# symptoms). [U] clinician to confirm.
# The medicine questions ask about the last 6 months (rule R10). [U] clinician to
# confirm.
MEDICINE_LOOKBACK_MONTHS = 6

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
FIB4_LOW_BELOW = Decimal("1.30")  # Shah et al., Clin Gastroenterol Hepatol 2009
FIB4_OLDER_AGE = 65  # McPherson et al., Am J Gastroenterol 2017
FIB4_LOW_BELOW_OLDER = Decimal("2.0")  # McPherson et al., Am J Gastroenterol 2017
FIB4_HIGH_ABOVE = Decimal("2.67")  # Shah et al., Clin Gastroenterol Hepatol 2009
# FIB-4 is validated for chronic liver disease only: not shown at ALT >= 5x ULN
# (an acute rise) or with a muscle pattern after exercise (clinical review
# 2026-11, finding 9). [U] clinician to confirm.
FIB4_NOT_SHOWN_FROM_MULTIPLE = Decimal(5)

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
# Implausible, in either unit (after conversion), and checked before the unit
# mix-up prompt so a tick can never let it through. [U] clinician to confirm
ALT_REJECT_ABOVE_U_PER_L = Decimal(50000)
# A µkat/L value above 15 (900 U/L) or a U/L value below 5 suggests the wrong unit:
# healthy adults are in single digits to ~50 U/L, i.e. about 0.1-0.8 µkat/L
# (clinical reference §2; clinical review 2026-11, finding 5). Asks, never blocks.
# [U] clinician to confirm.
UNIT_MIX_UP_UKAT_PER_L_ABOVE = Decimal(15)
UNIT_MIX_UP_U_PER_L_BELOW = Decimal(5)
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
# A count below 50 may be in ×10⁴/µL (25 there is 250 ×10⁹/L; FIB-4 would be 10x
# too high). Real counts this low exist, so it asks, never blocks. [U]
PLATELETS_CONFIRM_BELOW_10E9_PER_L = Decimal(50)
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
        _format(
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
    UKAT_PER_L = "\u00b5kat/L", _("\u00b5kat/L (microkatals per litre)")


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
        # The site setting's stored starting value (education.SiteSettings) is
        # still the men's 33: changing it needs a migration in the app that owns
        # SiteSettings. The rule never uses more than the women's limit for an
        # unknown sex (see _upper_limit), so 33 here cannot under-triage.
        Sex.OTHER_OR_NOT_SAID: ACG_HEALTHY_ULN_MALE_U_PER_L,
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

    NEXT_VISIT = 1, _("Talk about it at your next visit")
    ROUTINE = (
        2,
        _format(
            _("Book a routine appointment within about %(months)s months"),
            months=ROUTINE_WITHIN_MONTHS,
        ),
    )
    SOON = (
        3,
        _format(
            _("See a doctor within %(low)s to %(high)s weeks"),
            low=SOON_MIN_WEEKS,
            high=SOON_MAX_WEEKS,
        ),
    )
    WITHIN_DAYS = 4, _("See a doctor within a few days")
    WITHIN_TWO_DAYS = (
        5,
        _format(
            _("Contact your doctor or care team within %(days)s days"),
            days=TB_TEAM_WITHIN_DAYS,
        ),
    )
    TODAY = 6, _("See a doctor today")
    EMERGENCY = 7, _("Get emergency help now")


URGENCY_ADVICE = MappingProxyType(
    {
        Urgency.EMERGENCY: _(
            "Call your emergency number or go to the emergency department now."
        ),
        Urgency.TODAY: _(
            "Contact your doctor today. If you cannot see a doctor today, go to an "
            "urgent care service or to A&E (the emergency department)."
        ),
        Urgency.WITHIN_TWO_DAYS: _format(
            _(
                "Contact your doctor, or the team that looks after your treatment, "
                "within the next %(days)s days. If you feel unwell, contact them "
                "today."
            ),
            days=TB_TEAM_WITHIN_DAYS,
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
        Urgency.ROUTINE: _format(
            _(
                "Book a routine appointment with your doctor within about %(months)s "
                "months to talk about your result and a repeat test."
            ),
            months=ROUTINE_WITHIN_MONTHS,
        ),
        Urgency.NEXT_VISIT: _("Talk about your result at your next visit."),
    }
)

# Emergency: signs of acute liver failure or bleeding, fainting (R4.1), and
# paracetamol overdose (NHS; Mayo Clinic [S]; Barnsley Hospital and British Liver
# Trust on paracetamol). Sudden severe tummy pain: NHS sends it to 999/A&E [S, via
# the clinical review 2026-11, finding 3]. Fever or shivering with tummy pain or
# yellow skin (possible bile-duct infection) is [U]: emergency, the safer choice.
# Same day: jaundice (NHS, NI Direct), dark urine with pale stools; swollen tummy
# and easy bruising or bleeding (NHS signs of a failing liver [S]); repeated
# vomiting [U].
WARNING_SIGN_URGENCY = MappingProxyType(
    {
        WarningSign.CONFUSION_OR_SLEEPINESS: Urgency.EMERGENCY,
        WarningSign.FAINTING: Urgency.EMERGENCY,
        WarningSign.VOMITING_BLOOD_OR_BLACK_STOOLS: Urgency.EMERGENCY,
        WarningSign.PARACETAMOL_OVERDOSE: Urgency.EMERGENCY,
        WarningSign.SEVERE_TUMMY_PAIN: Urgency.EMERGENCY,
        WarningSign.FEVER_WITH_PAIN_OR_JAUNDICE: Urgency.EMERGENCY,
        WarningSign.JAUNDICE: Urgency.TODAY,
        WarningSign.DARK_URINE_PALE_STOOLS: Urgency.TODAY,
        WarningSign.REPEATED_VOMITING: Urgency.TODAY,
        WarningSign.SWOLLEN_TUMMY: Urgency.TODAY,
        WarningSign.BRUISING_OR_BLEEDING: Urgency.TODAY,
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
class RelevantCause:
    """A cause the answers point to, with "you told us ..." reasons for it."""

    cause: Cause
    strength: CauseStrength
    reasons: tuple[Promise, ...]


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
        return _round(self.ast_alt_ratio, "0.1")

    @property
    def is_raised(self) -> bool:
        """Return True if ALT is above the upper limit used."""
        return self.band != Band.WITHIN_RANGE

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


# Assessment
# ----------
@dataclass(frozen=True)
class _Facts:
    """Everything the rule sections below need, worked out once."""

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
    facts = _Facts(
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
    urgency, urgency_reasons = _urgency(facts)
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
        age_assumed_adult=answers.age is None,
        shows_pregnancy_signs=answers.pregnant
        in (YesNoUnknown.YES, YesNoUnknown.UNKNOWN),
        warning_signs_skipped=answers.warning_signs_skipped,
    )


def _fib4(facts: _Facts) -> Decimal | None:
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
    explanation = _format(message, limit=_show(uln))
    return uln, UpperLimitSource.DEFAULT_UNKNOWN_SEX, explanation


# Urgency (rule R4): every rule that fires adds a level and a reason; the most
# urgent level wins, and reasons are listed most urgent first.
_WARNING_SIGN_REASONS = {
    WarningSign.CONFUSION_OR_SLEEPINESS: _(
        "You told us you feel confused or much sleepier than usual. This can be a "
        "sign that the liver is badly affected."
    ),
    WarningSign.FAINTING: _(
        "You told us you fainted or nearly fainted. This needs help now."
    ),
    WarningSign.VOMITING_BLOOD_OR_BLACK_STOOLS: _(
        "You told us you have been sick with blood in it, or have black, sticky "
        "poo. This can be a sign of bleeding inside the body."
    ),
    WarningSign.PARACETAMOL_OVERDOSE: _(
        "You told us you may have taken too much paracetamol. Get help even if you "
        "feel well: treatment works best early, and signs can take a day to show. "
        "A normal ALT result does not mean you are safe: ALT can stay normal for "
        "the first day or so."
    ),
    WarningSign.SEVERE_TUMMY_PAIN: _(
        "You told us you have sudden, very bad pain in your tummy. This needs help now."
    ),
    WarningSign.FEVER_WITH_PAIN_OR_JAUNDICE: _(
        "You told us you have a high temperature or shivering with tummy pain or "
        "yellow skin. This can be an infection of the bile ducts, which needs help "
        "now."
    ),
    WarningSign.JAUNDICE: _(
        "You told us your skin or the whites of your eyes look yellow. This is "
        "called jaundice. It can be a sign of something serious."
    ),
    WarningSign.DARK_URINE_PALE_STOOLS: _(
        "You told us your pee is dark and your poo is pale. This can mean the "
        "liver or bile ducts are not working properly."
    ),
    WarningSign.REPEATED_VOMITING: _(
        "You told us you are being sick again and again. This needs checking today."
    ),
    WarningSign.SWOLLEN_TUMMY: _(
        "You told us your tummy has become swollen. This can be a sign that the "
        "liver is not working properly."
    ),
    WarningSign.BRUISING_OR_BLEEDING: _(
        "You told us you bruise very easily or bleed for a long time. This can be a "
        "sign that the liver is not working properly."
    ),
}


def warning_sign_urgency(signs) -> Urgency | None:
    """Return how soon someone with these warning signs needs help, or None.

    Used for the interruption page shown as soon as a sign is ticked, before any
    lab value is known; assess() applies the same levels.
    """
    levels = [WARNING_SIGN_URGENCY[WarningSign(sign)] for sign in signs]
    return max(levels, default=None)


@dataclass(frozen=True)
class UrgencyRule:
    """One row of the urgency table: when it applies, how soon, and why."""

    level: Urgency
    applies: Callable[[_Facts], bool]
    reason: Promise


def _tb(facts):
    return facts.took(Medicine.TB_MEDICINES) and facts.raised


# Most urgent first; every row that applies adds its level and reason.
URGENCY_RULES = (
    UrgencyRule(
        Urgency.EMERGENCY,
        lambda f: f.band == Band.MASSIVE,
        _format(
            _("Your ALT is above %(limit)s U/L. This is extremely high."),
            limit=_show(MASSIVE_ABOVE_U_PER_L),
        ),
    ),
    UrgencyRule(
        Urgency.TODAY,
        lambda f: f.band == Band.SEVERE,
        _format(
            _("Your ALT is more than %(times)s times the upper limit."),
            times=_show(MODERATE_MAX_MULTIPLE),
        ),
    ),
    UrgencyRule(
        Urgency.TODAY,
        lambda f: f.band == Band.MODERATE and f.multiple >= TODAY_FROM_MULTIPLE,
        _format(
            _("Your ALT is %(times)s times the upper limit or more."),
            times=_show(TODAY_FROM_MULTIPLE),
        ),
    ),
    UrgencyRule(
        Urgency.TODAY,
        lambda f: f.very_high,
        _format(
            _(
                "Your ALT is %(limit)s U/L or more. Results this high are often "
                "linked to a virus, a medicine (most often paracetamol) or poor "
                "blood flow to the liver. If you cannot see a doctor today, go to "
                "urgent care or A&E."
            ),
            limit=_show(VERY_HIGH_ALT_U_PER_L),
        ),
    ),
    UrgencyRule(
        Urgency.TODAY,
        lambda f: f.ast is not None and f.ast >= VERY_HIGH_ALT_U_PER_L,
        _format(
            _(
                "Your AST is %(limit)s U/L or more. This is very high. If you cannot "
                "see a doctor today, go to urgent care or A&E."
            ),
            limit=_show(VERY_HIGH_ALT_U_PER_L),
        ),
    ),
    UrgencyRule(
        Urgency.TODAY,
        lambda f: (
            f.ast_multiple is not None and f.ast_multiple > AST_TODAY_ABOVE_MULTIPLE
        ),
        _format(
            _("Your AST is more than %(times)s times the upper limit."),
            times=_show(AST_TODAY_ABOVE_MULTIPLE),
        ),
    ),
    UrgencyRule(
        Urgency.TODAY,
        lambda f: f.unwell and f.multiple >= UNWELL_TODAY_FROM_MULTIPLE,
        _format(
            _(
                "You told us you feel unwell (or are not sure), and your ALT is "
                "%(times)s times the upper limit or more."
            ),
            times=_show(UNWELL_TODAY_FROM_MULTIPLE),
        ),
    ),
    UrgencyRule(
        Urgency.TODAY,
        lambda f: (
            f.pregnant
            and (
                f.raised
                or f.alt > PREGNANCY_LIVER_INVOLVEMENT_ABOVE_U_PER_L
                or (
                    f.ast is not None
                    and f.ast > PREGNANCY_LIVER_INVOLVEMENT_ABOVE_U_PER_L
                )
            )
        ),
        _format(
            _(
                "You told us you are pregnant or gave birth in the last %(weeks)s "
                "weeks. A raised liver test then can be a sign of a problem that "
                "needs checking the same day. Contact your midwife or maternity unit "
                "today."
            ),
            weeks=POSTNATAL_WEEKS,
        ),
    ),
    UrgencyRule(
        Urgency.TODAY,
        lambda f: _tb(f) and (f.unwell or f.multiple >= TB_TODAY_FROM_MULTIPLE),
        _format(
            _(
                "You take medicines for tuberculosis (TB), your ALT is raised, and "
                "you feel unwell or your ALT is %(times)s times the upper limit or "
                "more. Contact your TB team today."
            ),
            times=_show(TB_TODAY_FROM_MULTIPLE),
        ),
    ),
    UrgencyRule(
        Urgency.TODAY,
        lambda f: f.suspect_at_3x and f.unwell,
        _format(
            _(
                "Your ALT is %(times)s times the upper limit or more, you told us "
                "about a new medicine, antibiotics, TB medicines, steroids or "
                "supplements, and you feel unwell."
            ),
            times=_show(DILI_SOONER_MULTIPLE),
        ),
    ),
    UrgencyRule(
        Urgency.WITHIN_TWO_DAYS,
        _tb,
        _format(
            _(
                "You take medicines for tuberculosis (TB) and your ALT is raised. "
                "Contact your TB team within %(days)s days: they may need to change "
                "your treatment. Do not stop it on your own."
            ),
            days=TB_TEAM_WITHIN_DAYS,
        ),
    ),
    UrgencyRule(
        Urgency.WITHIN_DAYS,
        lambda f: f.band == Band.MODERATE and f.multiple < TODAY_FROM_MULTIPLE,
        _format(
            _("Your ALT is %(low)s to %(high)s times the upper limit."),
            low=_show(MILD_BELOW_MULTIPLE),
            high=_show(TODAY_FROM_MULTIPLE),
        ),
    ),
    UrgencyRule(
        Urgency.WITHIN_DAYS,
        lambda f: f.suspect_at_3x,
        _format(
            _(
                "Your ALT is %(times)s times the upper limit or more, and you told "
                "us about a new medicine, antibiotics, TB medicines, steroids or "
                "supplements. A doctor should check these soon."
            ),
            times=_show(DILI_SOONER_MULTIPLE),
        ),
    ),
    UrgencyRule(
        Urgency.SOON,
        lambda f: f.band == Band.MILD,
        _format(
            _("Your ALT is %(low)s to %(high)s times the upper limit."),
            low=_show(BORDERLINE_BELOW_MULTIPLE),
            high=_show(MILD_BELOW_MULTIPLE),
        ),
    ),
    UrgencyRule(
        Urgency.ROUTINE,
        lambda f: f.band == Band.BORDERLINE,
        _format(
            _("Your ALT is a little above the upper limit (under %(times)s times)."),
            times=_show(BORDERLINE_BELOW_MULTIPLE),
        ),
    ),
    UrgencyRule(
        Urgency.NEXT_VISIT,
        lambda f: f.band == Band.WITHIN_RANGE,
        _("Your ALT is inside the range we compared it with."),
    ),
)


def _urgency(facts: _Facts) -> tuple[Urgency, tuple[Promise, ...]]:
    found: list[tuple[Urgency, Promise]] = [
        (WARNING_SIGN_URGENCY[sign], _WARNING_SIGN_REASONS[sign])
        for sign in WarningSign
        if sign in facts.warning_signs
    ]
    if facts.warning_signs:
        found.append(
            (
                Urgency.TODAY,
                _("Warning signs need a doctor, whatever your ALT result is."),
            )
        )
    found += [
        (rule.level, rule.reason) for rule in URGENCY_RULES if rule.applies(facts)
    ]
    # Most urgent first; a stable sort keeps the order above among equals.
    found.sort(key=lambda item: -item[0])
    level = found[0][0]
    if level >= Urgency.TODAY:
        # Nothing routine beside a same-day or emergency reason: "inside the
        # range" would contradict it (clinical review 2026-11, finding 4).
        found = [item for item in found if item[0] > Urgency.ROUTINE]
    return level, tuple(reason for _level, reason in found)


# Causes (rules R5, R7-R12), as tables: each row names a cause, when it applies,
# how strongly it points there, the "you told us ..." reason, and whether it is a
# red flag (ranked first). "Your answers point to this" (HIGH) is kept for strong
# evidence: a positive test, a paracetamol overdose, a suspect medicine at >= 3x,
# alcohol with a matching AST/ALT pattern, two or more fatty-liver criteria, a
# muscle pattern after exercise, or a very high result. One risk factor alone is
# "may be playing a part" (clinical review 2026-11, finding 13). [U]
@dataclass(frozen=True)
class CauseRule:
    cause: Cause
    applies: Callable[[_Facts], bool]
    strength: CauseStrength | Callable[[_Facts], CauseStrength]
    reason: Promise | Callable[[_Facts], Promise]
    red_flag: Callable[[_Facts], bool] = lambda facts: False


def _suspect_strength(facts):
    return (
        CauseStrength.HIGH
        if facts.multiple >= DILI_SOONER_MULTIPLE
        else (CauseStrength.POSSIBLE)
    )


def _suspect_red_flag(facts):
    return facts.multiple >= DILI_SOONER_MULTIPLE


def _medicine_rule(medicine, reason):
    return CauseRule(
        Cause.DRUG_INJURY,
        lambda f: f.took(medicine),
        _suspect_strength,
        reason,
        _suspect_red_flag,
    )


def _paracetamol_reason(facts):
    typical = facts.answers.audit_c_typical_drinks
    uk = facts.drink_country == DrinkCountry.UK
    if typical is not None and typical >= AUDIT_C_TYPICAL_DRINKS_SCORE_FOR_3_OR_MORE:
        message = (
            _(
                "You told us you take paracetamol regularly and often have %(drinks)s "
                "or more units of alcohol when you drink. Together these can strain "
                "the liver. Ask a pharmacist or doctor about a safe dose for you, "
                "and also if you weigh under %(kg)s kg."
            )
            if uk
            else _(
                "You told us you take paracetamol regularly and often have %(drinks)s "
                "or more drinks when you drink. Together these can strain the liver. "
                "Ask a pharmacist or doctor about a safe dose for you, and also if "
                "you weigh under %(kg)s kg."
            )
        )
    else:
        message = _(
            "You told us you take paracetamol regularly. Within the label dose it is "
            "usually safe, but more than %(grams)s g a day can harm the liver. If "
            "you weigh under %(kg)s kg, ask a pharmacist or doctor about a safe dose."
        )
    return _format(
        message,
        drinks=PARACETAMOL_CAUTION_DRINKS_PER_DAY,
        grams=PARACETAMOL_MAX_GRAMS_PER_DAY,
        kg=PARACETAMOL_ASK_BELOW_KG,
    )


def _fatty_strength(facts):
    return CauseStrength.HIGH if facts.metabolic_count >= 2 else CauseStrength.POSSIBLE


def _alcohol_strength(facts):
    matching = facts.ratio is not None and facts.ratio >= AST_ALT_ALCOHOL_PATTERN_RATIO
    return CauseStrength.HIGH if matching else CauseStrength.POSSIBLE


def _exercise_strength(facts):
    main = (
        facts.multiple < EXERTION_MAIN_CAUSE_BELOW_MULTIPLE and not facts.warning_signs
    )
    return (
        CauseStrength.HIGH if main and facts.muscle_pattern else CauseStrength.POSSIBLE
    )


def _exercise_not_main(facts):
    return facts.exercised and (
        facts.multiple >= EXERTION_MAIN_CAUSE_BELOW_MULTIPLE
        or bool(facts.warning_signs)
    )


_DRUG_RULES = (
    CauseRule(
        Cause.DRUG_INJURY,
        lambda f: WarningSign.PARACETAMOL_OVERDOSE in f.warning_signs,
        CauseStrength.HIGH,
        _(
            "You told us you may have taken too much paracetamol. Too much "
            "paracetamol can badly harm the liver."
        ),
        lambda f: True,
    ),
    _medicine_rule(
        Medicine.NEW_OR_CHANGED,
        _format(
            _(
                "You told us you started or changed a medicine in the last "
                "%(months)s months. Some medicines can raise ALT."
            ),
            months=MEDICINE_LOOKBACK_MONTHS,
        ),
    ),
    _medicine_rule(
        Medicine.ANTIBIOTICS,
        _(
            "You told us you took antibiotics recently. Some antibiotics can raise "
            "ALT. Co-amoxiclav (amoxicillin with clavulanate) is the most common one "
            "to do this."
        ),
    ),
    _medicine_rule(
        Medicine.TB_MEDICINES,
        _(
            "You told us you take medicines for tuberculosis (TB). One of them, "
            "isoniazid, often raises ALT. Tell your TB team about your result."
        ),
    ),
    _medicine_rule(
        Medicine.HERBAL_REMEDIES,
        _(
            "You told us you take herbal or traditional remedies. Some, such as "
            "green tea extract, kava, or Chinese or Ayurvedic remedies, can harm the "
            "liver."
        ),
    ),
    _medicine_rule(
        Medicine.SUPPLEMENTS,
        _(
            "You told us you take bodybuilding or weight-loss supplements. These are "
            "the supplements most often linked to liver harm."
        ),
    ),
    _medicine_rule(
        Medicine.ANABOLIC_STEROIDS,
        _(
            "You told us you take anabolic steroids. These can harm the liver, and "
            "they are often hidden in bodybuilding products."
        ),
    ),
    CauseRule(
        Cause.DRUG_INJURY,
        lambda f: f.took(Medicine.REGULAR_PARACETAMOL),
        CauseStrength.POSSIBLE,
        _paracetamol_reason,
    ),
    CauseRule(
        Cause.DRUG_INJURY,
        lambda f: f.took(Medicine.STATINS),
        CauseStrength.POSSIBLE,
        _(
            "You told us you take a statin for cholesterol. Statins can cause a "
            "small rise in ALT in up to 3 in 100 people. This is usually mild."
        ),
    ),
    CauseRule(
        Cause.DRUG_INJURY,
        lambda f: f.took(Medicine.SEIZURE_MEDICINES),
        CauseStrength.POSSIBLE,
        _(
            "You told us you take medicines for seizures (fits). Some of these can "
            "raise ALT."
        ),
    ),
    CauseRule(
        Cause.DRUG_INJURY,
        lambda f: f.very_high,
        CauseStrength.HIGH,
        _format(
            _(
                "Your ALT is %(limit)s U/L or more. Results this high are often "
                "caused by a medicine, most often paracetamol."
            ),
            limit=_show(VERY_HIGH_ALT_U_PER_L),
        ),
        lambda f: True,
    ),
    CauseRule(
        Cause.DRUG_INJURY,
        lambda f: not f.very_high and f.band in (Band.SEVERE, Band.MASSIVE),
        CauseStrength.POSSIBLE,
        _("At this level, medicines and supplements are one of the few common causes."),
    ),
)


def _risk_rule(risk):
    return CauseRule(
        Cause.VIRAL_HEPATITIS,
        lambda f: risk in f.answers.hepatitis_risks,
        CauseStrength.POSSIBLE,
        _format(
            _("You told us about a possible risk for hepatitis: %(risk)s."),
            risk=risk.label,
        ),
    )


_VIRAL_RULES = (
    CauseRule(
        Cause.VIRAL_HEPATITIS,
        lambda f: f.answers.hepatitis_b_test == HepatitisTest.POSITIVE,
        CauseStrength.HIGH,
        _("You told us a hepatitis B test found the virus. Hepatitis B can raise ALT."),
    ),
    CauseRule(
        Cause.VIRAL_HEPATITIS,
        lambda f: f.answers.hepatitis_c_test == HepatitisTest.POSITIVE,
        CauseStrength.HIGH,
        _("You told us a hepatitis C test found the virus. Hepatitis C can raise ALT."),
    ),
    *(_risk_rule(risk) for risk in HepatitisRisk),
    CauseRule(
        Cause.VIRAL_HEPATITIS,
        lambda f: f.multiple >= VIRAL_ACUTE_MULTIPLE,
        CauseStrength.HIGH,
        _format(
            _(
                "Your ALT is %(times)s times the upper limit or more. A new "
                "hepatitis virus infection often raises ALT this much."
            ),
            times=_show(VIRAL_ACUTE_MULTIPLE),
        ),
        lambda f: True,
    ),
    CauseRule(
        Cause.VIRAL_HEPATITIS,
        lambda f: f.multiple < VIRAL_ACUTE_MULTIPLE and f.very_high,
        CauseStrength.HIGH,
        _format(
            _(
                "Your ALT is %(limit)s U/L or more. A new hepatitis virus infection "
                "can raise ALT this much."
            ),
            limit=_show(VERY_HIGH_ALT_U_PER_L),
        ),
        lambda f: True,
    ),
)

_ALCOHOL_RULES = (
    CauseRule(
        Cause.ALCOHOL,
        lambda f: bool(f.audit_c_positive),
        _alcohol_strength,
        lambda f: _format(
            _(
                "Your answers to the alcohol questions score %(score)s out of 12. A "
                "score of %(cutoff)s or more means drinking may be harming your "
                "health. Alcohol can raise ALT."
            ),
            score=f.audit_c_score,
            cutoff=f.audit_c_cutoff,
        ),
    ),
    # After hard exercise, a high AST may come from the muscles: the pattern is
    # not read as alcohol's then (clinical review 2026-11, finding 18). [U]
    CauseRule(
        Cause.ALCOHOL,
        lambda f: (
            f.ratio is not None
            and f.ratio >= AST_ALT_ALCOHOL_PATTERN_RATIO
            and not f.exercised
        ),
        CauseStrength.POSSIBLE,
        _format(
            _(
                "Your AST is at least %(times)s times your ALT. This pattern is "
                "often seen when alcohol or long-term liver disease has affected the "
                "liver. It does not prove either."
            ),
            times=_show(AST_ALT_ALCOHOL_PATTERN_RATIO),
        ),
    ),
)
# Added only when alcohol is already listed by a row above.
_ALCOHOL_CEILING_REASON = _format(
    _(
        "Your ALT or AST is %(limit)s U/L or more. Alcohol alone does not usually "
        "raise it this much, so other causes need checking too."
    ),
    limit=_show(ALCOHOL_ALONE_BELOW_U_PER_L),
)

_FATTY_LIVER_RULES = (
    CauseRule(
        Cause.FATTY_LIVER,
        lambda f: bool(f.bmi_high),
        _fatty_strength,
        lambda f: _format(
            _(
                "Your body mass index (BMI, your weight compared with your height) is "
                "%(bmi)s. A BMI of %(cutoff)s or more is linked to fat in the liver."
            ),
            bmi=_show(f.bmi),
            cutoff=_show(BMI_HIGH_ASIAN if f.answers.use_asian_cutoffs else BMI_HIGH),
        ),
    ),
    CauseRule(
        Cause.FATTY_LIVER,
        lambda f: bool(f.waist_high),
        _fatty_strength,
        lambda f: _format(
            _(
                "Your waist is %(waist)s cm. A waist of %(cutoff)s cm or more is "
                "linked to fat in the liver."
            ),
            waist=_show(f.answers.waist_cm),
            cutoff=_show(
                waist_cutoff_cm(f.answers.sex, asian=f.answers.use_asian_cutoffs)
            ),
        ),
    ),
    CauseRule(
        Cause.FATTY_LIVER,
        lambda f: f.answers.diabetes == Diabetes.DIABETES,
        _fatty_strength,
        _("You told us you have diabetes. Diabetes is linked to fat in the liver."),
    ),
    CauseRule(
        Cause.FATTY_LIVER,
        lambda f: f.answers.diabetes == Diabetes.PREDIABETES,
        _fatty_strength,
        _(
            "You told us you have prediabetes (blood sugar a bit too high). This is "
            "linked to fat in the liver."
        ),
    ),
    CauseRule(
        Cause.FATTY_LIVER,
        lambda f: f.answers.high_blood_pressure == YesNoUnknown.YES,
        _fatty_strength,
        _(
            "You told us you have high blood pressure or take medicine for it. This "
            "is linked to fat in the liver."
        ),
    ),
    CauseRule(
        Cause.FATTY_LIVER,
        lambda f: f.takes_cholesterol_medicine,
        _fatty_strength,
        _(
            "You told us you take medicine for cholesterol or other blood fats (a "
            "statin counts). This is linked to fat in the liver."
        ),
    ),
    # MetALD: metabolic risk and alcohol together (Rinella et al., 2023).
    CauseRule(
        Cause.FATTY_LIVER,
        lambda f: f.metabolic_risk and bool(f.audit_c_positive),
        _fatty_strength,
        _("Alcohol and these health factors can add together to put fat in the liver."),
    ),
)

_EXERTION_AND_SLEEP_RULES = (
    CauseRule(
        Cause.SLEEP_AND_EXERTION,
        lambda f: f.exercised,
        _exercise_strength,
        _format(
            _(
                "You told us you did hard exercise or heavy physical work in the "
                "%(days)s days before your test. This can raise ALT for about a week."
            ),
            days=EXERCISE_WASHOUT_DAYS,
        ),
    ),
    CauseRule(
        Cause.SLEEP_AND_EXERTION,
        _exercise_not_main,
        CauseStrength.POSSIBLE,
        _(
            "Exercise is unlikely to explain all of your result, so a doctor still "
            "needs to check it."
        ),
    ),
    CauseRule(
        Cause.SLEEP_AND_EXERTION,
        lambda f: f.muscle_pattern,
        _exercise_strength,
        _format(
            _(
                "Your AST is more than %(times)s times your ALT. After hard exercise, "
                "this pattern can come from the muscles rather than the liver."
            ),
            times=_show(AST_ALT_MUSCLE_PATTERN_RATIO),
        ),
    ),
    CauseRule(
        Cause.SLEEP_AND_EXERTION,
        lambda f: (
            f.answers.sleep_hours is not None
            and f.answers.sleep_hours < SHORT_SLEEP_BELOW_HOURS
        ),
        CauseStrength.SMALL,
        lambda f: _format(
            _(
                "You told us you sleep about %(hours)s hours a night. Very short "
                "sleep may have a small effect on ALT, but this is uncertain."
            ),
            hours=_show(f.answers.sleep_hours),
        ),
    ),
    CauseRule(
        Cause.SLEEP_AND_EXERTION,
        lambda f: f.answers.night_shifts == YesNoUnknown.YES,
        CauseStrength.SMALL,
        _(
            "You told us you work night shifts. Night work may have a small effect "
            "on ALT, but this is uncertain."
        ),
    ),
)

CAUSE_RULES = (
    *_DRUG_RULES,
    *_VIRAL_RULES,
    *_ALCOHOL_RULES,
    *_FATTY_LIVER_RULES,
    *_EXERTION_AND_SLEEP_RULES,
)


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
# The screening trio: always listed, at "worth checking", unless a row above
# already lists it (rule R12; clinical review 2026-11, finding 8).
_SCREENING_CAUSES = (Cause.FATTY_LIVER, Cause.ALCOHOL, Cause.VIRAL_HEPATITIS)
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


def _evaluate(value, facts):
    return value(facts) if callable(value) else value


def _causes(facts: _Facts) -> tuple[RelevantCause, ...]:
    drafts: dict[Cause, _Draft] = {}

    def add(cause, strength, reason, red_flag=False):
        draft = drafts.setdefault(cause, _Draft(strength, []))
        draft.strength = max(draft.strength, strength)
        draft.red_flag = draft.red_flag or red_flag
        if reason not in draft.reasons:
            draft.reasons.append(reason)

    for rule in CAUSE_RULES:
        if rule.applies(facts):
            add(
                rule.cause,
                _evaluate(rule.strength, facts),
                _evaluate(rule.reason, facts),
                rule.red_flag(facts),
            )
    if Cause.ALCOHOL in drafts and facts.above_alcohol_ceiling:
        add(Cause.ALCOHOL, CauseStrength.POSSIBLE, _ALCOHOL_CEILING_REASON)
    for cause in _SCREENING_CAUSES:
        if cause not in drafts:
            add(cause, CauseStrength.SCREENING, _SCREENING_REASONS[cause])

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
        for cause, draft in sorted(drafts.items(), key=rank)
    )


# Notes
# -----
# Routine notes (follow-up at a later visit, repeat tests, "within the range") are
# left out at "today" or an emergency: beside a red flag they reassure and
# contradict (clinical review 2026-11, finding 4).
def _notes(facts: _Facts, urgency: Urgency) -> tuple[Promise, ...]:
    answers = facts.answers
    band = facts.band
    notes = []  # (text, routine)
    if band == Band.WITHIN_RANGE:
        notes.append(
            (
                _(
                    "A result inside the range does not rule out liver disease. Some "
                    "liver problems, such as hepatitis C or scarring from alcohol, "
                    "can show a normal ALT."
                ),
                False,
            )
        )
        if facts.alt > facts.healthy_limit:
            notes.append((_healthy_level_note(facts), True))
    else:
        notes.append(
            (
                _(
                    "How high your ALT is does not always show how serious the "
                    "cause is."
                ),
                False,
            )
        )
    if band == Band.BORDERLINE:
        notes.append(
            (
                _(
                    "Small rises often settle. About 1 in 3 are back to normal on a "
                    "repeat test."
                ),
                True,
            )
        )
    if facts.multiple >= UNWELL_TODAY_FROM_MULTIPLE and urgency < Urgency.TODAY:
        notes.append(
            (
                _(
                    "If you start to feel unwell, for example sick, very tired, with "
                    "tummy pain or a fever, see a doctor today."
                ),
                False,
            )
        )
    if answers.pregnant == YesNoUnknown.UNKNOWN:
        notes.append(
            (
                _(
                    "If you might be pregnant, or gave birth recently, tell your "
                    "doctor or midwife: liver tests are read differently then."
                ),
                False,
            )
        )
    if facts.muscle_pattern:
        notes.append(
            (
                _(
                    "Hard exercise can damage muscles. Get help today if your pee is "
                    "dark brown, you have severe muscle pain or weakness, or you pee "
                    "very little. Ask your doctor for a CK blood test (for muscle "
                    "damage) within the next few days."
                ),
                False,
            )
        )
    if facts.exercised:
        notes.append(
            (
                _format(
                    _(
                        "Hard exercise can raise ALT for about a week. Ask for a "
                        "repeat test after at least %(days)s days without hard "
                        "exercise. Your doctor may also check CK, a blood test for "
                        "muscle damage."
                    ),
                    days=EXERCISE_WASHOUT_DAYS,
                ),
                True,
            )
        )
    if band == Band.BORDERLINE or (
        band == Band.WITHIN_RANGE and facts.alt > facts.healthy_limit
    ):
        notes.append(
            (
                _format(
                    _(
                        "A repeat test in about %(low)s to %(high)s weeks can show if "
                        "your ALT is going up or down. For %(days)s days before it, "
                        "avoid hard exercise and heavy drinking."
                    ),
                    low=REPEAT_TEST_MIN_WEEKS,
                    high=REPEAT_TEST_MAX_WEEKS,
                    days=EXERCISE_WASHOUT_DAYS,
                ),
                True,
            )
        )
    if band != Band.WITHIN_RANGE:
        notes.append(
            (
                _format(
                    _(
                        "If your ALT stays raised for more than %(months)s months, "
                        "your doctor may send you to a liver specialist."
                    ),
                    months=PERSISTENT_RAISE_MONTHS,
                ),
                True,
            )
        )
    if not facts.both_hepatitis_tested:
        notes.append((_hepatitis_testing_note(facts), True))
    if facts.metabolic_risk:
        notes.append(
            (
                _(
                    "Only a scan, such as an ultrasound, can show if there is fat in "
                    "the liver."
                ),
                True,
            )
        )
    if facts.fib4_band is not None:
        notes.append((_fib4_note(facts), True))
    if facts.audit_c_positive:
        notes.append(
            (
                _(
                    "If you drink every day or drink a lot, do not stop all at once "
                    "without advice: stopping suddenly can cause withdrawal, which "
                    "can be dangerous. Your doctor can help you cut down safely."
                ),
                False,
            )
        )
    if facts.any_medicine:
        notes.append(
            (
                _("Do not stop a prescribed medicine without talking to your doctor."),
                False,
            )
        )
    notes.append(
        (
            _(
                "Take a list of all your medicines, vitamins, herbal remedies and "
                "supplements to your appointment."
            ),
            False,
        )
    )
    notes.append(
        (
            _(
                "This tool cannot diagnose. Talk to a doctor or nurse about your "
                "result."
            ),
            False,
        )
    )
    routine_allowed = urgency < Urgency.TODAY
    return tuple(text for text, routine in notes if routine_allowed or not routine)


def _healthy_level_note(facts: _Facts) -> Promise:
    sex = facts.answers.sex
    if sex == Sex.MALE:
        message = _(
            "Your ALT is inside the range we used, but above %(limit)s U/L, the "
            "healthy level for men in a US expert guideline. Mention it at your next "
            "visit."
        )
    elif sex == Sex.FEMALE:
        message = _(
            "Your ALT is inside the range we used, but above %(limit)s U/L, the "
            "healthy level for women in a US expert guideline. Mention it at your "
            "next visit."
        )
    else:
        message = _(
            "Your ALT is inside the range we used, but above %(limit)s U/L, the "
            "healthy level for women in a US expert guideline (%(male)s U/L for "
            "men). Mention it at your next visit."
        )
    return _format(
        message,
        limit=_show(facts.healthy_limit),
        male=_show(ACG_HEALTHY_ULN_MALE_U_PER_L),
    )


def _hepatitis_testing_note(facts: _Facts) -> Promise:
    """Universal one-off testing is US policy (CDC 2020, 2023); elsewhere the
    advice is to ask (clinical review 2026-11, finding 14)."""
    if facts.drink_country == DrinkCountry.US:
        if facts.band == Band.WITHIN_RANGE:
            return _(
                "US health advice is that every adult has a blood test for hepatitis "
                "B and hepatitis C at least once. Ask your doctor if you have not had "
                "both."
            )
        return _(
            "US health advice is that every adult has a blood test for hepatitis B "
            "and hepatitis C at least once. A raised ALT is one more reason to ask "
            "for them if you have not had both."
        )
    if facts.band == Band.WITHIN_RANGE:
        return _(
            "Ask your doctor whether you should have a blood test for hepatitis B and "
            "hepatitis C, especially if any of the risks we asked about apply to you."
        )
    return _(
        "A raised ALT is one reason doctors test for hepatitis B and hepatitis C. "
        "Ask your doctor about these blood tests if you have not had both."
    )


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
