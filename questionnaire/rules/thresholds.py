"""Every clinical threshold, named and cited (docs/clinical-rules.md lists them;
docs/clinical-reference.md holds the sources). "[U]" marks a choice a clinician
must confirm; where a choice was needed, the safer one is taken."""

from decimal import Decimal

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
# Grams of alcohol in a drink = ml x ABV% / 100 x 0.8, the factor in the Chinese
# guideline for alcohol-related liver disease (酒精性肝病防治指南, 2018 update). Used
# to check the beer, wine and baijiu volumes in the China "standard drink" text.
ALCOHOL_GRAMS_PER_ML = Decimal("0.8")

# Medicines (rule R10; the choices are `choices.Medicine`)
# --------------------------------------------------------
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
