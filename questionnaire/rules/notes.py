"""The "Good to know" notes; routine ones are left out at today or above."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from questionnaire.rules.answers import Facts
from questionnaire.rules.choices import Band, DrinkCountry, Fib4Band, Sex, YesNoUnknown
from questionnaire.rules.numbers import lazy_format, show_number
from questionnaire.rules.thresholds import (
    ACG_HEALTHY_ULN_MALE_U_PER_L,
    EXERCISE_WASHOUT_DAYS,
    FIB4_UNRELIABLE_MAX_AGE,
    PERSISTENT_RAISE_MONTHS,
    REPEAT_TEST_MAX_WEEKS,
    REPEAT_TEST_MIN_WEEKS,
    UNWELL_TODAY_FROM_MULTIPLE,
)
from questionnaire.rules.urgency import Urgency


# Routine notes (follow-up at a later visit, repeat tests, "within the range") are
# left out at "today" or an emergency: beside a red flag they reassure and
# contradict (clinical review 2026-11, finding 4).
def build_notes(facts: Facts, urgency: Urgency) -> tuple[Promise, ...]:
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
                lazy_format(
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
                lazy_format(
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
                lazy_format(
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


def _healthy_level_note(facts: Facts) -> Promise:
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
    return lazy_format(
        message,
        limit=show_number(facts.healthy_limit),
        male=show_number(ACG_HEALTHY_ULN_MALE_U_PER_L),
    )


def _hepatitis_testing_note(facts: Facts) -> Promise:
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


def _fib4_note(facts: Facts) -> Promise:
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
    return lazy_format(
        message, fib4=show_number(facts.fib4), age=FIB4_UNRELIABLE_MAX_AGE
    )
