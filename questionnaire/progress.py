"""A patient's answers, kept only in the session, never in a model or a log.

The session keeps what the patient typed, so going back shows their own words;
one top-level key per page (``check:<slug>``), so two tabs never lose answers.
"""

from django.utils.datastructures import MultiValueDict

from questionnaire import rules
from questionnaire.forms import STEPS, PregnancyForm, TestResultForm

KEY_PREFIX = "check:"


def session_key(slug) -> str:
    return f"{KEY_PREFIX}{slug}"


class Progress:
    def __init__(self, session, drink_country=rules.DrinkCountry.INTERNATIONAL):
        self.session = session
        self.drink_country = drink_country
        self._forms = {}

    def has_answers(self) -> bool:
        return any(key.startswith(KEY_PREFIX) for key in self.session.keys())

    def saved_data(self, slug) -> MultiValueDict | None:
        stored = self.session.get(session_key(slug))
        return None if stored is None else MultiValueDict(stored)

    def save(self, form):
        """Keep what the patient sent on a valid page (its own fields only)."""
        self.session[session_key(form.slug)] = {
            name: form.data.getlist(name) for name in form.fields if name in form.data
        }
        self._forms.clear()

    def form(self, step, data=None):
        return step(data, drink_country=self.drink_country)

    def bound_form(self, step):
        """Return the page's form bound to the saved answers, or None if unsaved."""
        if step not in self._forms:
            data = self.saved_data(step.slug)
            self._forms[step] = None if data is None else self.form(step, data)
        return self._forms[step]

    def valid_form(self, step):
        form = self.bound_form(step)
        return form if form is not None and form.is_valid() else None

    def steps(self):
        """Return the pages this patient is asked: the pregnancy page only if the
        test-result page does not say male (or is not answered yet)."""
        test_result = self.valid_form(TestResultForm)
        if test_result is None or PregnancyForm.applies(test_result):
            return list(STEPS)
        return [step for step in STEPS if step is not PregnancyForm]

    def first_missing_step(self):
        """Return the first page without a valid saved answer, or None."""
        for step in self.steps():
            if self.valid_form(step) is None:
                return step
        return None

    def first_unanswered_step(self, before):
        """Return the first page asked before ``before`` with no saved answer, or
        None. Answers are saved only when valid, so they are not checked again
        here; the summary and the result check them all."""
        for step in self.steps():
            if step is before:
                return None
            if session_key(step.slug) not in self.session:
                return step
        return None

    def valid_forms(self):
        forms = [self.valid_form(step) for step in self.steps()]
        return None if None in forms else forms

    def answers(self) -> rules.Answers | None:
        forms = self.valid_forms()
        if forms is None:
            return None
        fields = {}
        for form in forms:
            fields.update(form.answers())
        return rules.Answers(**fields)

    def interruption_before_result(self):
        """Return the URL name of a page shown instead of the result (the child's
        page for an under-18), or None. Call once every page is valid."""
        for form in self.valid_forms():
            if form.ends_check and (page := form.interruption()):
                return page
        return None

    def warning_sign_urgency(self):
        """Return the urgency of the saved warning signs, or None: later pages
        keep the advice first."""
        form = self.valid_form(STEPS[0])
        if form is None:
            return None
        return rules.warning_sign_urgency(form.answers()["warning_signs"])
