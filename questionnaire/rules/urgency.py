"""How soon to get help (rule R4): the levels, their advice, the warning signs,
and the urgency rules as one table."""

from collections.abc import Callable
from dataclasses import dataclass
from types import MappingProxyType

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from questionnaire.rules.answers import Facts
from questionnaire.rules.choices import Band, Medicine, WarningSign, YesNoUnknown
from questionnaire.rules.numbers import lazy_format, show_number
from questionnaire.rules.thresholds import (
    AST_TODAY_ABOVE_MULTIPLE,
    BORDERLINE_BELOW_MULTIPLE,
    DILI_SOONER_MULTIPLE,
    MASSIVE_ABOVE_U_PER_L,
    MILD_BELOW_MULTIPLE,
    MODERATE_MAX_MULTIPLE,
    POSTNATAL_WEEKS,
    PREGNANCY_LIVER_INVOLVEMENT_ABOVE_U_PER_L,
    ROUTINE_WITHIN_MONTHS,
    SOON_MAX_WEEKS,
    SOON_MIN_WEEKS,
    TB_TEAM_WITHIN_DAYS,
    TB_TODAY_FROM_MULTIPLE,
    TODAY_FROM_MULTIPLE,
    UNWELL_TODAY_FROM_MULTIPLE,
    VERY_HIGH_ALT_U_PER_L,
    WITHIN_DAYS_MAX_DAYS,
)


class Urgency(models.IntegerChoices):
    """How soon to see a doctor; a larger value is more urgent."""

    NEXT_VISIT = 1, _("Talk about it at your next visit")
    ROUTINE = (
        2,
        lazy_format(
            _("Book a routine appointment within about %(months)s months"),
            months=ROUTINE_WITHIN_MONTHS,
        ),
    )
    SOON = (
        3,
        lazy_format(
            _("See a doctor within %(low)s to %(high)s weeks"),
            low=SOON_MIN_WEEKS,
            high=SOON_MAX_WEEKS,
        ),
    )
    WITHIN_DAYS = 4, _("See a doctor within a few days")
    WITHIN_TWO_DAYS = (
        5,
        lazy_format(
            _("Contact your doctor or care team within %(days)s days"),
            days=TB_TEAM_WITHIN_DAYS,
        ),
    )
    TODAY = 6, _("See a doctor today")
    EMERGENCY = 7, _("Get emergency help now")

    @property
    def is_emergency(self) -> bool:
        return self == Urgency.EMERGENCY


URGENCY_ADVICE = MappingProxyType(
    {
        Urgency.EMERGENCY: _(
            "Call your emergency number or go to the emergency department now."
        ),
        Urgency.TODAY: _(
            "Contact your doctor today. If you cannot see a doctor today, go to an "
            "urgent care service or to A&E (the emergency department)."
        ),
        Urgency.WITHIN_TWO_DAYS: lazy_format(
            _(
                "Contact your doctor, or the team that looks after your treatment, "
                "within the next %(days)s days. If you feel unwell, contact them "
                "today."
            ),
            days=TB_TEAM_WITHIN_DAYS,
        ),
        Urgency.WITHIN_DAYS: lazy_format(
            _("Book an appointment with your doctor within the next %(days)s days."),
            days=WITHIN_DAYS_MAX_DAYS,
        ),
        Urgency.SOON: lazy_format(
            _(
                "Book an appointment with your doctor in the next %(low)s to "
                "%(high)s weeks."
            ),
            low=SOON_MIN_WEEKS,
            high=SOON_MAX_WEEKS,
        ),
        Urgency.ROUTINE: lazy_format(
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
    applies: Callable[[Facts], bool]
    reason: Promise


def _tb(facts):
    return facts.took(Medicine.TB_MEDICINES) and facts.raised


# Most urgent first; every row that applies adds its level and reason.
URGENCY_RULES = (
    UrgencyRule(
        Urgency.EMERGENCY,
        lambda f: f.band == Band.MASSIVE,
        lazy_format(
            _(
                "Your ALT is above %(limit)s U/L. This is extremely high. Results "
                "this high are often linked to a medicine (most often paracetamol), "
                "a virus or poor blood flow to the liver."
            ),
            limit=show_number(MASSIVE_ABOVE_U_PER_L),
        ),
    ),
    UrgencyRule(
        Urgency.TODAY,
        lambda f: f.band == Band.SEVERE,
        lazy_format(
            _("Your ALT is more than %(times)s times the upper limit."),
            times=show_number(MODERATE_MAX_MULTIPLE),
        ),
    ),
    UrgencyRule(
        Urgency.TODAY,
        lambda f: f.band == Band.MODERATE and f.multiple >= TODAY_FROM_MULTIPLE,
        lazy_format(
            _("Your ALT is %(times)s times the upper limit or more."),
            times=show_number(TODAY_FROM_MULTIPLE),
        ),
    ),
    UrgencyRule(
        Urgency.TODAY,
        # Above 10,000 the emergency row above says it all.
        lambda f: f.very_high and f.band != Band.MASSIVE,
        lazy_format(
            _(
                "Your ALT is %(limit)s U/L or more. Results this high are often "
                "linked to a virus, a medicine (most often paracetamol) or poor "
                "blood flow to the liver. If you cannot see a doctor today, go to "
                "urgent care or A&E."
            ),
            limit=show_number(VERY_HIGH_ALT_U_PER_L),
        ),
    ),
    UrgencyRule(
        Urgency.TODAY,
        lambda f: f.ast is not None and f.ast >= VERY_HIGH_ALT_U_PER_L,
        lazy_format(
            _(
                "Your AST is %(limit)s U/L or more. This is very high. If you cannot "
                "see a doctor today, go to urgent care or A&E."
            ),
            limit=show_number(VERY_HIGH_ALT_U_PER_L),
        ),
    ),
    UrgencyRule(
        Urgency.TODAY,
        lambda f: (
            f.ast_multiple is not None and f.ast_multiple > AST_TODAY_ABOVE_MULTIPLE
        ),
        lazy_format(
            _("Your AST is more than %(times)s times the upper limit."),
            times=show_number(AST_TODAY_ABOVE_MULTIPLE),
        ),
    ),
    UrgencyRule(
        Urgency.TODAY,
        lambda f: (
            f.answers.feeling_unwell == YesNoUnknown.YES
            and f.multiple >= UNWELL_TODAY_FROM_MULTIPLE
        ),
        lazy_format(
            _(
                "You told us you feel unwell, and your ALT is %(times)s times the "
                "upper limit or more."
            ),
            times=show_number(UNWELL_TODAY_FROM_MULTIPLE),
        ),
    ),
    # "Not sure" counts as unwell: the safer reading. [U]
    UrgencyRule(
        Urgency.TODAY,
        lambda f: (
            f.answers.feeling_unwell == YesNoUnknown.UNKNOWN
            and f.multiple >= UNWELL_TODAY_FROM_MULTIPLE
        ),
        lazy_format(
            _(
                "You told us you are not sure whether you feel unwell, and your ALT "
                "is %(times)s times the upper limit or more. A doctor should check "
                "how you are today."
            ),
            times=show_number(UNWELL_TODAY_FROM_MULTIPLE),
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
        lazy_format(
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
        lazy_format(
            _(
                "You take medicines for tuberculosis (TB), your ALT is raised, and "
                "you feel unwell or your ALT is %(times)s times the upper limit or "
                "more. Contact your TB team today."
            ),
            times=show_number(TB_TODAY_FROM_MULTIPLE),
        ),
    ),
    UrgencyRule(
        Urgency.TODAY,
        lambda f: f.suspect_at_3x and f.unwell,
        lazy_format(
            _(
                "Your ALT is %(times)s times the upper limit or more, you told us "
                "about a new medicine, antibiotics, TB medicines, steroids or "
                "supplements, and you feel unwell."
            ),
            times=show_number(DILI_SOONER_MULTIPLE),
        ),
    ),
    UrgencyRule(
        Urgency.WITHIN_TWO_DAYS,
        _tb,
        lazy_format(
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
        lazy_format(
            _("Your ALT is %(low)s to %(high)s times the upper limit."),
            low=show_number(MILD_BELOW_MULTIPLE),
            high=show_number(TODAY_FROM_MULTIPLE),
        ),
    ),
    UrgencyRule(
        Urgency.WITHIN_DAYS,
        lambda f: f.suspect_at_3x,
        lazy_format(
            _(
                "Your ALT is %(times)s times the upper limit or more, and you told "
                "us about a new medicine, antibiotics, TB medicines, steroids or "
                "supplements. A doctor should check these soon."
            ),
            times=show_number(DILI_SOONER_MULTIPLE),
        ),
    ),
    UrgencyRule(
        Urgency.SOON,
        lambda f: f.band == Band.MILD,
        lazy_format(
            _("Your ALT is %(low)s to %(high)s times the upper limit."),
            low=show_number(BORDERLINE_BELOW_MULTIPLE),
            high=show_number(MILD_BELOW_MULTIPLE),
        ),
    ),
    UrgencyRule(
        Urgency.ROUTINE,
        lambda f: f.band == Band.BORDERLINE,
        lazy_format(
            _("Your ALT is a little above the upper limit (under %(times)s times)."),
            times=show_number(BORDERLINE_BELOW_MULTIPLE),
        ),
    ),
    UrgencyRule(
        Urgency.NEXT_VISIT,
        lambda f: f.band == Band.WITHIN_RANGE,
        _("Your ALT is inside the range we compared it with."),
    ),
)


def assess_urgency(facts: Facts) -> tuple[Urgency, tuple[Promise, ...]]:
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
