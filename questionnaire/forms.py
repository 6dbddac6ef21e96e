"""One small form per questionnaire page.

Forms check one page's input and return it, typed, as fields of ``rules.Answers``
(``answers()``); they never compute a result. Every question but the ALT value may
be left out: a blank answer is None, and a typed 0 is an answer.
"""

import unicodedata

from django import forms
from django.utils.translation import gettext_lazy as _

from questionnaire import rules
from questionnaire.fields import CheckedBox, PatientNumberField

EMPTY_VALUES = (None, "", [])

NONE = "none"
UNKNOWN = "unknown"


def yes_no_field(label, help_text=""):
    return forms.ChoiceField(
        label=label,
        help_text=help_text,
        choices=rules.YesNoUnknown.choices,
        widget=forms.RadioSelect,
        required=False,
    )


class TickListField(forms.MultipleChoiceField):
    """Checkboxes with an exclusive "None of these" (and, if wanted, "I don't
    know") answer, as NHS forms ask about symptoms."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *, choices, none_label, unknown_label=None, **kwargs):
        extra = [(NONE, none_label)]
        if unknown_label:
            extra.append((UNKNOWN, unknown_label))
        super().__init__(choices=[*choices, *extra], required=False, **kwargs)

    def validate(self, value):
        super().validate(value)
        exclusive = {NONE, UNKNOWN} & set(value)
        if exclusive and len(value) > 1:
            raise forms.ValidationError(
                _("Choose “%(answer)s” on its own, or tick only the ones that apply")
                % {"answer": dict(self.choices)[exclusive.pop()]}
            )


def ticked(values, choice_class):
    return frozenset(
        choice_class(value) for value in values if value not in {NONE, UNKNOWN}
    )


class StepForm(forms.Form):
    """A page of the questionnaire. Subclasses set ``slug`` and ``title``."""

    slug: str
    title: str
    question: str = ""
    # True on the first page: saving it starts (or restarts) the check.
    starts_check = False
    # True if this page's interruption also stands in for the result.
    ends_check = False

    def __init__(self, *args, drink_country=rules.DrinkCountry.INTERNATIONAL, **kwargs):
        """``drink_country``: the site settings' country, for pages that word a
        question by country (the alcohol page)."""
        super().__init__(*args, **kwargs)
        self.drink_country = rules.DrinkCountry(drink_country)

    def interruption(self):
        """Return the URL name of a page to show before the next question, or None."""
        return None

    @classmethod
    def interruption_for(cls, answers):
        """Return the URL name of the page shown instead of the result for this
        page's ``answers()`` (with ``ends_check``), or None."""
        return None

    def answers(self) -> dict:
        """Return this page's contribution to ``rules.Answers``: blank is None,
        0 stays 0."""
        return {
            name: None if value in EMPTY_VALUES else value
            for name, value in self.cleaned_data.items()
        }

    @staticmethod
    def field_anchor(field):
        """Return the id a link to this bound field should point at. Radio and
        checkbox groups have ids on their options only, so link to the first."""
        if isinstance(
            field.field.widget, forms.RadioSelect | forms.CheckboxSelectMultiple
        ):
            return f"{field.auto_id}_0"
        return field.auto_id

    def error_links(self):
        return [
            (self.field_anchor(field), error)
            for field in self
            for error in field.errors
        ]

    def summary_rows(self):
        """Return (question, answer as the patient sees it, field id) per question,
        for the "check your answers" page."""
        rows = []
        for field in self:
            if isinstance(field.field, CheckedBox):
                continue
            rows.append((field.label, self._display(field), self.field_anchor(field)))
        return rows

    def _display(self, field):
        """Return the answer in the patient's own words: an unticked box is "Not
        answered" (not "No"), and a number is shown as typed ("1000", not
        "1E+3"; full-width digits as ASCII ones)."""
        value = self.cleaned_data.get(field.name)
        if isinstance(field.field, forms.BooleanField):
            return _("Yes") if value else _("Not answered")
        if value in EMPTY_VALUES:
            return _("Not answered")
        if isinstance(field.field, forms.ChoiceField):
            labels = dict(field.field.choices)
            values = value if isinstance(value, list) else [value]
            return ", ".join(str(labels[item]) for item in values)
        typed = field.value()
        if isinstance(typed, str) and typed.strip():
            # As typed, but in ASCII digits: "１２０" shows as "120".
            return unicodedata.normalize("NFKC", typed).strip()
        return str(value)


class WarningSignsForm(StepForm):
    slug = "warning-signs"
    starts_check = True
    title = _("Warning signs")
    question = _("First, check for warning signs")

    warning_signs = TickListField(
        label=_("Do you have any of these right now?"),
        help_text=_("Tick all that apply."),
        choices=rules.WarningSign.choices,
        none_label=_("No, none of these"),
    )
    feeling_unwell = yes_no_field(
        _("Do you feel unwell at the moment?"),
        help_text=_(
            "For example feeling sick or being sick, feeling very tired, pain in "
            "your tummy, or a high temperature (fever)."
        ),
    )

    def answers(self):
        data = self.cleaned_data
        return {
            "warning_signs": ticked(data["warning_signs"], rules.WarningSign),
            # Ticked nothing, not even "No, none of these".
            "warning_signs_skipped": not data["warning_signs"],
            "feeling_unwell": data["feeling_unwell"] or None,
        }

    def has_warning_signs(self):
        return bool(self.answers()["warning_signs"])

    def interruption(self):
        return "questionnaire:urgent" if self.has_warning_signs() else None


class TestResultForm(StepForm):
    slug = "test-result"
    # An under-18's result is read by their doctor, not by this check.
    ends_check = True
    title = _("Your test result")
    question = _("Your ALT test result")

    alt_value = PatientNumberField(
        label=_("ALT result"),
        example="56",
        must_be_positive=_("Your ALT result must be more than 0"),
        required=True,
        help_text=_(
            "On your report it may say ALT, ALAT, SGPT or alanine aminotransferase."
        ),
    )
    alt_unit = forms.ChoiceField(
        label=_("Unit printed next to the result"),
        choices=rules.AltUnit.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _(
                "Choose the unit printed next to your result: U/L (or IU/L), or µkat/L"
            )
        },
    )
    confirm_alt_value = CheckedBox(
        _("I have checked: this result and unit are what my report says")
    )
    lab_upper_limit = PatientNumberField(
        label=_("Upper limit of the normal range (optional)"),
        example="45",
        must_be_positive=_("The upper limit must be more than 0, or leave it empty"),
        help_text=_(
            "Labs print a normal range next to the result, like “10–45”. Enter the "
            "higher number, in the same unit as your result."
        ),
    )
    confirm_upper_limit = CheckedBox(
        _("I have checked: this is the upper limit on my report")
    )
    ast_value = PatientNumberField(
        label=_("AST result (optional)"),
        example="40",
        must_be_positive=_("Your AST result must be more than 0"),
        help_text=_(
            "Another liver test, often on the same report. It may say AST, ASAT or "
            "SGOT. Same unit as your ALT."
        ),
    )
    confirm_ast_value = CheckedBox(
        _("I have checked: this AST result and unit are what my report says")
    )
    platelets = PatientNumberField(
        label=_("Platelet count (optional)"),
        example="250",
        must_be_positive=_("Your platelet count must be more than 0"),
        help_text=_("From a full blood count, in 10⁹/L (the same number as ×10³/µL)."),
    )
    confirm_platelets = CheckedBox(
        _("I have checked: this is the platelet count on my report, in 10⁹/L")
    )
    age = forms.IntegerField(
        label=_("Age in years of the person who had the test (optional)"),
        help_text=_(
            "If this is your child's result, enter the child's age. If you leave it "
            "empty, we read the result as an adult's."
        ),
        required=False,
        min_value=0,
        max_value=rules.AGE_MAX_YEARS,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={
            "invalid": _("Enter the age as a whole number, like 45"),
            "min_value": _("Enter the age as a whole number, like 45"),
            "max_value": _("Enter the age in years, %(limit_value)s or less"),
        },
    )
    sex = forms.ChoiceField(
        label=_("Sex of the person who had the test (optional)"),
        help_text=_("Normal ALT levels are a little different for men and women."),
        choices=rules.Sex.choices,
        widget=forms.RadioSelect,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.needs_confirmation = set()

    # Each number that may need checking, and the box that accepts it.
    CONFIRMATIONS = {
        "alt_value": "confirm_alt_value",
        "lab_upper_limit": "confirm_upper_limit",
        "ast_value": "confirm_ast_value",
        "platelets": "confirm_platelets",
    }

    def clean(self):
        data = super().clean()
        platelets = data.get("platelets")
        if platelets is not None:
            self._check(
                "platelets",
                rules.check_platelets(platelets),
                rules.BLOCKING_PLATELETS_PROBLEMS,
            )
        value, unit = data.get("alt_value"), data.get("alt_unit")
        if value is None or not unit:
            return data
        unit = rules.AltUnit(unit)
        self._check(
            "alt_value",
            rules.check_alt_value(value, unit),
            rules.BLOCKING_ALT_PROBLEMS,
        )
        ast = data.get("ast_value")
        if ast is not None:
            self._check(
                "ast_value",
                rules.check_ast_value(ast, unit),
                rules.BLOCKING_AST_PROBLEMS,
            )
        limit = data.get("lab_upper_limit")
        if limit is not None:
            self._check(
                "lab_upper_limit",
                rules.check_upper_limit(limit, unit),
                rules.BLOCKING_UPPER_LIMIT_PROBLEMS,
            )
        return data

    def _check(self, field, problem, blocking):
        """Show a problem next to its field. Unusual values are allowed once the
        patient ticks that they checked them; impossible ones never are."""
        if problem is None:
            return
        confirm_field = self.CONFIRMATIONS[field]
        if problem in blocking:
            self.add_error(field, problem.label)
        elif not self.cleaned_data.get(confirm_field):
            self.needs_confirmation.add(confirm_field)
            self.add_error(
                field,
                _("%(problem)s If it is right, tick the box below.")
                % {"problem": problem.label},
            )

    def rows(self):
        """Return (field, its "I have checked" box or None) in page order. A box
        belongs to the field declared before it and shows when its number needs
        checking, or once ticked."""
        rows = []
        for field in self:
            if not isinstance(field.field, CheckedBox):
                rows.append((field, None))
            elif field.name in self.needs_confirmation or field.field.to_python(
                field.value()
            ):
                rows[-1] = (rows[-1][0], field)
        return rows

    def interruption(self):
        return self.interruption_for(self.answers())

    @classmethod
    def interruption_for(cls, answers):
        return "questionnaire:child" if rules.is_child(answers["age"]) else None

    def asks_about_pregnancy(self):
        return self.asks_about_pregnancy_for(self.answers())

    @staticmethod
    def asks_about_pregnancy_for(answers):
        return answers["sex"] != rules.Sex.MALE

    def answers(self):
        data = self.cleaned_data
        return {
            "alt_value": data["alt_value"],
            "alt_unit": rules.AltUnit(data["alt_unit"]),
            "lab_upper_limit": data["lab_upper_limit"],
            "ast_value": data["ast_value"],
            "platelets": data["platelets"],
            "age": data["age"],
            "sex": rules.Sex(data["sex"]) if data["sex"] else None,
        }


class PregnancyForm(StepForm):
    """Asked of women, and of anyone who chose "Other" or left sex blank."""

    slug = "pregnancy"
    title = _("Pregnancy")
    question = _("Pregnancy")

    pregnant = forms.ChoiceField(
        label=_("Are you pregnant, or have you given birth in the last 6 weeks?"),
        help_text=_(
            "A raised liver test needs checking sooner during pregnancy and soon "
            "after birth."
        ),
        choices=[
            (rules.YesNoUnknown.YES, _("Yes")),
            (rules.YesNoUnknown.NO, _("No")),
            (rules.YesNoUnknown.UNKNOWN, _("I'm not sure")),
        ],
        widget=forms.RadioSelect,
        required=False,
    )

    @staticmethod
    def applies(test_result_form):
        """Return True if this page is asked, given the valid test-result page."""
        return test_result_form.asks_about_pregnancy()

    @staticmethod
    def applies_to(test_result_answers):
        """``applies``, given the test-result page's ``answers()``."""
        return TestResultForm.asks_about_pregnancy_for(test_result_answers)

    def answers(self):
        return {"pregnant": self.cleaned_data["pregnant"] or None}


class SleepAndExertionForm(StepForm):
    slug = "sleep-and-exertion"
    title = _("Sleep and hard physical work")
    question = _("Sleep and hard physical work")

    sleep_hours = PatientNumberField(
        label=_("How many hours do you usually sleep a night? (optional)"),
        example="7",
        max_digits=4,
        decimal_places=1,
    )
    night_shifts = yes_no_field(_("Do you work night shifts?"))
    strenuous_exercise = yes_no_field(
        _("In the 7 days before your test, did you do hard exercise or heavy work?"),
        help_text=_(
            "For example weight training, a long race, or heavy lifting at work, "
            "especially if you are not used to it."
        ),
    )

    def clean_sleep_hours(self):
        hours = self.cleaned_data["sleep_hours"]
        if (
            hours is not None
            and not rules.SLEEP_HOURS_MIN <= hours <= rules.SLEEP_HOURS_MAX
        ):
            raise forms.ValidationError(
                _("Enter a number of hours from %(low)s to %(high)s")
                % {"low": rules.SLEEP_HOURS_MIN, "high": rules.SLEEP_HOURS_MAX}
            )
        return hours


# AUDIT-C answer options, worded for patients; the value is the item's score
# (Bush et al., Arch Intern Med 1998). rules.scores turns the scores into a result.
DRINKING_FREQUENCY = [
    (0, _("Never")),
    (1, _("Monthly or less")),
    (2, _("2 to 4 times a month")),
    (3, _("2 to 3 times a week")),
    (4, _("4 or more times a week")),
]
TYPICAL_DRINKS = [
    (0, _("1 or 2")),
    (1, _("3 or 4")),
    (2, _("5 or 6")),
    (3, _("7 to 9")),
    (4, _("10 or more")),
]
BINGE_FREQUENCY = [
    (0, _("Never")),
    (1, _("Less than once a month")),
    (2, _("Once a month")),
    (3, _("Once a week")),
    (4, _("Every day or almost every day")),
]


def audit_field(label, choices, help_text=""):
    return forms.TypedChoiceField(
        label=label,
        help_text=help_text,
        choices=choices,
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
        required=False,
    )


# What "a standard drink" means where the hospital is (docs/clinical-reference.md §4:
# NIAAA; NHS units; NHMRC 2020; Health Canada 2023; WHO AUDIT form; China:
# docs/china.md). The grams come from rules.STANDARD_DRINK_GRAMS; see
# AlcoholForm.standard_drink().
STANDARD_DRINKS = {
    rules.DrinkCountry.US: _(
        "One standard drink has %(grams)s grams of alcohol: a 12 oz (355 ml) can of "
        "5%% beer, a 5 oz (148 ml) glass of 12%% wine, or a 1.5 oz (44 ml) shot of "
        "40%% spirits."
    ),
    rules.DrinkCountry.UK: _(
        "In the UK, drinks are counted in units. One unit is 10 ml (%(grams)s grams) "
        "of pure alcohol: a 25 ml single measure of 40%% spirits is 1 unit, and a "
        "pint of 4%% beer is a little over 2 units."
    ),
    rules.DrinkCountry.AU: _(
        "One standard drink has %(grams)s grams of alcohol. The label on Australian "
        "drinks says how many standard drinks they hold."
    ),
    rules.DrinkCountry.CA: _(
        "One standard drink has %(grams)s grams of alcohol: a 341 ml bottle of 5%% "
        "beer, a 142 ml glass of 12%% wine, or a 43 ml shot of 40%% spirits."
    ),
    # China has no official standard drink (中国居民膳食指南 2022 counts grams). The
    # volumes follow grams = ml x ABV% x 0.8 (酒精性肝病防治指南 2018) and are
    # checked against it in tests/questionnaire/test_china.py; baijiu is poured by
    # the liang (两, 50 ml). docs/china.md.
    rules.DrinkCountry.CN: _(
        "China has no official standard drink. Here, one standard drink means "
        "%(grams)s grams of pure alcohol, as in the World Health Organization's "
        "alcohol questions: about 300 ml of 4%% beer, 100 ml of 12%% wine, or 30 ml "
        "of 38%% baijiu. Baijiu is often counted in liang: one liang is 50 ml. One "
        "liang of 38%% baijiu is about 1.5 standard drinks, and one liang of 52%% "
        "baijiu about 2."
    ),
    rules.DrinkCountry.INTERNATIONAL: _(
        "One standard drink has about %(grams)s grams of alcohol: roughly a small "
        "glass of wine, a small bottle of beer, or a single shot of spirits."
    ),
}


class AlcoholForm(StepForm):
    slug = "alcohol"
    title = _("Alcohol")
    question = _("Alcohol")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.drink_country == rules.DrinkCountry.UK:
            # The UK AUDIT-C counts units, and its third question differs by sex.
            self.fields["audit_c_typical_drinks"].label = _(
                "On a day when you drink, how many units do you usually have?"
            )
            self.fields["audit_c_binge"].label = _(
                "How often do you have 6 or more units (if female) or 8 or more "
                "units (if male) on one occasion?"
            )

    def standard_drink(self):
        grams = rules.STANDARD_DRINK_GRAMS[self.drink_country]
        return STANDARD_DRINKS[self.drink_country] % {"grams": f"{grams.normalize():f}"}

    audit_c_frequency = audit_field(
        _("How often do you have a drink containing alcohol?"), DRINKING_FREQUENCY
    )
    audit_c_typical_drinks = audit_field(
        _("On a day when you drink, how many standard drinks do you usually have?"),
        TYPICAL_DRINKS,
    )
    audit_c_binge = audit_field(
        _("How often do you have 6 or more standard drinks on one occasion?"),
        BINGE_FREQUENCY,
    )

    def answers(self):
        # Someone who never drinks may skip the other two questions: they stay
        # unanswered here, and rules.calculate_audit_c scores them 0.
        return dict(self.cleaned_data)


class HepatitisForm(StepForm):
    slug = "hepatitis"
    title = _("Hepatitis")
    question = _("Hepatitis B and C")

    hepatitis_b_test = forms.ChoiceField(
        label=_("Have you ever had a blood test for hepatitis B?"),
        choices=rules.HepatitisTest.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    hepatitis_c_test = forms.ChoiceField(
        label=_("Have you ever had a blood test for hepatitis C?"),
        choices=rules.HepatitisTest.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    hepatitis_risks = TickListField(
        label=_("Do any of these apply to you, now or in the past?"),
        help_text=_(
            "These can make hepatitis B or C more likely. Your answers are not "
            "stored. Tick all that apply."
        ),
        choices=rules.HepatitisRisk.choices,
        none_label=_("None of these"),
        unknown_label=_("I prefer not to say"),
    )

    def answers(self):
        data = self.cleaned_data
        return {
            "hepatitis_b_test": data["hepatitis_b_test"] or None,
            "hepatitis_c_test": data["hepatitis_c_test"] or None,
            "hepatitis_risks": ticked(data["hepatitis_risks"], rules.HepatitisRisk),
        }


class WeightForm(StepForm):
    slug = "weight"
    title = _("Weight and health")
    question = _("Weight and metabolic health")

    height_cm = PatientNumberField(
        label=_("Height in centimetres (optional)"),
        example="170",
        max_digits=5,
        decimal_places=1,
    )
    weight_kg = PatientNumberField(
        label=_("Weight in kilograms (optional)"),
        example="72",
        max_digits=5,
        decimal_places=1,
    )
    use_asian_cutoffs = forms.BooleanField(
        label=_("I am of Asian family background"),
        help_text=_(
            "Health risks from weight start at a lower weight in people of Asian "
            "background, so the check uses lower cut-offs."
        ),
        required=False,
    )
    waist_cm = PatientNumberField(
        label=_("Waist in centimetres (optional)"),
        example="90",
        max_digits=5,
        decimal_places=1,
        help_text=_("Measure around your middle, halfway between ribs and hips."),
    )
    diabetes = forms.ChoiceField(
        label=_("Do you have diabetes or prediabetes?"),
        choices=rules.Diabetes.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    high_blood_pressure = yes_no_field(
        _("Do you have high blood pressure, or take medicine for it?")
    )
    cholesterol_treatment = yes_no_field(
        _("Do you take medicine for high cholesterol or triglycerides (blood fats)?")
    )

    def _clean_measure(self, name, low, high, message):
        value = self.cleaned_data[name]
        if value is not None and not low <= value <= high:
            raise forms.ValidationError(message)
        return value

    # Plausibility limits for typing mistakes, not medical thresholds.
    def clean_height_cm(self):
        return self._clean_measure(
            "height_cm",
            rules.HEIGHT_MIN_CM,
            rules.HEIGHT_MAX_CM,
            _("Enter your height in centimetres, like 170"),
        )

    def clean_weight_kg(self):
        return self._clean_measure(
            "weight_kg",
            rules.WEIGHT_MIN_KG,
            rules.WEIGHT_MAX_KG,
            _("Enter your weight in kilograms, like 72"),
        )

    def clean_waist_cm(self):
        return self._clean_measure(
            "waist_cm",
            rules.WAIST_MIN_CM,
            rules.WAIST_MAX_CM,
            _("Enter your waist in centimetres, like 90"),
        )

    def answers(self):
        return {
            **super().answers(),
            "use_asian_cutoffs": bool(self.cleaned_data["use_asian_cutoffs"]),
        }


class MedicinesForm(StepForm):
    slug = "medicines"
    title = _("Medicines and supplements")
    question = _("Medicines and supplements")

    medicines = TickListField(
        label=_("Which of these apply to you?"),
        help_text=_(
            "Include medicines you buy yourself, vitamins and supplements. Tick all "
            "that apply."
        ),
        choices=rules.Medicine.choices,
        none_label=_("None of these"),
        unknown_label=_("I'm not sure"),
    )

    def answers(self):
        return {"medicines": ticked(self.cleaned_data["medicines"], rules.Medicine)}


STEPS = [
    WarningSignsForm,
    TestResultForm,
    SleepAndExertionForm,
    AlcoholForm,
    HepatitisForm,
    WeightForm,
    PregnancyForm,
    MedicinesForm,
]
STEPS_BY_SLUG = {step.slug: step for step in STEPS}
