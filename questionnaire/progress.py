"""Where a patient's answers live while they go through the check: the session.

Answers are never written to a model or a log. What the session keeps is exactly
what the patient typed on each page (after it passed that page's checks), so going
back shows their own words, and the answers are rebuilt from it each time.
"""

from django.utils.datastructures import MultiValueDict

from questionnaire import rules
from questionnaire.forms import STEPS, AlcoholForm

SESSION_KEY = "questionnaire"


class Progress:
    def __init__(self, session, drink_country=rules.DrinkCountry.INTERNATIONAL):
        self.session = session
        # The site's standard drink, for the alcohol page's labels.
        self.drink_country = drink_country

    @property
    def _pages(self) -> dict:
        return self.session.get(SESSION_KEY, {})

    def has_answers(self) -> bool:
        return bool(self._pages)

    def saved_data(self, slug) -> MultiValueDict | None:
        """Return what the patient sent on this page, ready to bind to its form."""
        stored = self._pages.get(slug)
        return None if stored is None else MultiValueDict(stored)

    def save(self, form):
        """Keep what the patient sent on a valid page (its own fields only)."""
        pages = self._pages
        pages[form.slug] = {
            name: form.data.getlist(name) for name in form.fields if name in form.data
        }
        self.session[SESSION_KEY] = pages

    def clear(self):
        self.session.pop(SESSION_KEY, None)

    def form(self, step, data=None):
        """Return the page's form, bound to ``data`` if given."""
        if step is AlcoholForm:
            return step(data, drink_country=self.drink_country)
        return step(data)

    def bound_form(self, step):
        """Return the page's form bound to the saved answers, or None if unsaved."""
        data = self.saved_data(step.slug)
        return None if data is None else self.form(step, data)

    def first_missing_step(self, before=None):
        """Return the first page without a valid saved answer, up to ``before``."""
        for step in STEPS:
            if step is before:
                return None
            form = self.bound_form(step)
            if form is None or not form.is_valid():
                return step
        return None

    def valid_forms(self):
        """Return every page's bound, validated form, or None if one is missing."""
        forms = [self.bound_form(step) for step in STEPS]
        if any(form is None or not form.is_valid() for form in forms):
            return None
        return forms

    def answers(self) -> rules.Answers | None:
        """Rebuild the patient's answers, or return None if a page is missing."""
        forms = self.valid_forms()
        if forms is None:
            return None
        fields = {}
        for form in forms:
            fields.update(form.answers())
        return rules.Answers(**fields)
