"""What might be raising ALT (rules R5, R7-R12): cause rules as tables of
(cause, condition, strength, reason, red flag)."""

from collections.abc import Callable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from education.causes import Cause
from questionnaire.rules.answers import Facts
from questionnaire.rules.choices import (
    Band,
    CauseStrength,
    Diabetes,
    DrinkCountry,
    HepatitisRisk,
    HepatitisTest,
    Medicine,
    WarningSign,
    YesNoUnknown,
)
from questionnaire.rules.numbers import lazy_format, show_number
from questionnaire.rules.scores import waist_cutoff_cm
from questionnaire.rules.thresholds import (
    ALCOHOL_ALONE_BELOW_U_PER_L,
    AST_ALT_ALCOHOL_PATTERN_RATIO,
    AST_ALT_MUSCLE_PATTERN_RATIO,
    AUDIT_C_TYPICAL_DRINKS_SCORE_FOR_3_OR_MORE,
    BMI_HIGH,
    BMI_HIGH_ASIAN,
    DILI_SOONER_MULTIPLE,
    EXERCISE_WASHOUT_DAYS,
    EXERTION_MAIN_CAUSE_BELOW_MULTIPLE,
    MEDICINE_LOOKBACK_MONTHS,
    PARACETAMOL_ASK_BELOW_KG,
    PARACETAMOL_CAUTION_DRINKS_PER_DAY,
    PARACETAMOL_MAX_GRAMS_PER_DAY,
    SHORT_SLEEP_BELOW_HOURS,
    VERY_HIGH_ALT_U_PER_L,
    VIRAL_ACUTE_MULTIPLE,
)


@dataclass(frozen=True)
class RelevantCause:
    """A cause the answers point to, with "you told us ..." reasons for it."""

    cause: Cause
    strength: CauseStrength
    reasons: tuple[Promise, ...]


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
    applies: Callable[[Facts], bool]
    strength: CauseStrength | Callable[[Facts], CauseStrength]
    reason: Promise | Callable[[Facts], Promise]
    red_flag: Callable[[Facts], bool] = lambda facts: False


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
    return lazy_format(
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
        lazy_format(
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
        lazy_format(
            _(
                "Your ALT is %(limit)s U/L or more. Results this high are often "
                "caused by a medicine, most often paracetamol."
            ),
            limit=show_number(VERY_HIGH_ALT_U_PER_L),
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
        lazy_format(
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
        lazy_format(
            _(
                "Your ALT is %(times)s times the upper limit or more. A new "
                "hepatitis virus infection often raises ALT this much."
            ),
            times=show_number(VIRAL_ACUTE_MULTIPLE),
        ),
        lambda f: True,
    ),
    CauseRule(
        Cause.VIRAL_HEPATITIS,
        lambda f: f.multiple < VIRAL_ACUTE_MULTIPLE and f.very_high,
        CauseStrength.HIGH,
        lazy_format(
            _(
                "Your ALT is %(limit)s U/L or more. A new hepatitis virus infection "
                "can raise ALT this much."
            ),
            limit=show_number(VERY_HIGH_ALT_U_PER_L),
        ),
        lambda f: True,
    ),
)

_ALCOHOL_RULES = (
    CauseRule(
        Cause.ALCOHOL,
        lambda f: bool(f.audit_c_positive),
        _alcohol_strength,
        lambda f: lazy_format(
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
        lazy_format(
            _(
                "Your AST is at least %(times)s times your ALT. This pattern is "
                "often seen when alcohol or long-term liver disease has affected the "
                "liver. It does not prove either."
            ),
            times=show_number(AST_ALT_ALCOHOL_PATTERN_RATIO),
        ),
    ),
)
# Added only when alcohol is already listed by a row above.
_ALCOHOL_CEILING_REASON = lazy_format(
    _(
        "Your ALT or AST is %(limit)s U/L or more. Alcohol alone does not usually "
        "raise it this much, so other causes need checking too."
    ),
    limit=show_number(ALCOHOL_ALONE_BELOW_U_PER_L),
)

_FATTY_LIVER_RULES = (
    CauseRule(
        Cause.FATTY_LIVER,
        lambda f: bool(f.bmi_high),
        _fatty_strength,
        lambda f: lazy_format(
            _(
                "Your body mass index (BMI, your weight compared with your height) is "
                "%(bmi)s. A BMI of %(cutoff)s or more is linked to fat in the liver."
            ),
            bmi=show_number(f.bmi),
            cutoff=show_number(
                BMI_HIGH_ASIAN if f.answers.use_asian_cutoffs else BMI_HIGH
            ),
        ),
    ),
    CauseRule(
        Cause.FATTY_LIVER,
        lambda f: bool(f.waist_high),
        _fatty_strength,
        lambda f: lazy_format(
            _(
                "Your waist is %(waist)s cm. A waist of %(cutoff)s cm or more is "
                "linked to fat in the liver."
            ),
            waist=show_number(f.answers.waist_cm),
            cutoff=show_number(
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
        lazy_format(
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
        lazy_format(
            _(
                "Your AST is more than %(times)s times your ALT. After hard exercise, "
                "this pattern can come from the muscles rather than the liver."
            ),
            times=show_number(AST_ALT_MUSCLE_PATTERN_RATIO),
        ),
    ),
    CauseRule(
        Cause.SLEEP_AND_EXERTION,
        lambda f: (
            f.answers.sleep_hours is not None
            and f.answers.sleep_hours < SHORT_SLEEP_BELOW_HOURS
        ),
        CauseStrength.SMALL,
        lambda f: lazy_format(
            _(
                "You told us you sleep about %(hours)s hours a night. Very short "
                "sleep may have a small effect on ALT, but this is uncertain."
            ),
            hours=show_number(f.answers.sleep_hours),
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


def rank_causes(facts: Facts) -> tuple[RelevantCause, ...]:
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
