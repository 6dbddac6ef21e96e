"""A patient's answers, kept only in the session, never in a model or a log.

The session keeps what the patient typed, so going back shows their own words;
one top-level key per page (``check:<slug>``), so two tabs never lose answers.

Beside it (``valid:<slug>``), the page's answers as its form returned them when
they were saved, so later pages read them without building and validating the
form again. They are used only while they still match what was typed (a
digest of it) under the same code (a digest of the modules that check and type
answers); otherwise the page's form checks the typed answers as before.
"""

import hashlib
import json
import typing
from decimal import Decimal
from enum import Enum
from pathlib import Path

from django.utils.datastructures import MultiValueDict

from questionnaire import fields, forms, rules
from questionnaire.forms import STEPS, PregnancyForm, TestResultForm
from questionnaire.rules import answers as rules_answers
from questionnaire.rules import checks, choices, numbers, thresholds

KEY_PREFIX = "check:"
VALID_PREFIX = "valid:"


def session_key(slug) -> str:
    return f"{KEY_PREFIX}{slug}"


def valid_key(slug) -> str:
    return f"{VALID_PREFIX}{slug}"


def _code_digest() -> bytes:
    """A digest of the code that decides what a page's answers are: a deploy
    that changes it makes answers saved before it be checked again."""
    digest = hashlib.blake2b(digest_size=16)
    for module in (forms, fields, rules_answers, checks, choices, numbers, thresholds):
        digest.update(Path(module.__file__).read_bytes())
    return digest.digest()


CODE_DIGEST = _code_digest()


def typed_digest(typed: dict) -> str:
    text = json.dumps(typed, sort_keys=True, separators=(",", ":"))
    return hashlib.blake2b(
        text.encode(), digest_size=16, key=CODE_DIGEST[:16]
    ).hexdigest()


def _answer_types():
    """Each ``rules.Answers`` field's type: (kind, class) to store and read it."""
    types = {}
    for name, hint in typing.get_type_hints(rules.Answers).items():
        if typing.get_origin(hint) is frozenset:
            types[name] = ("set", typing.get_args(hint)[0])
            continue
        # "X | None" is X, or None.
        options = [arg for arg in typing.get_args(hint) if arg is not type(None)]
        types[name] = ("one", options[0] if options else hint)
    return types


ANSWER_TYPES = _answer_types()


def _store(kind_class, value):
    kind, cls = kind_class
    if value is None:
        return None
    if kind == "set":
        return sorted(
            str(item.value if isinstance(item, Enum) else item) for item in value
        )
    if cls is Decimal:
        return str(value)
    if isinstance(value, Enum):
        return value.value
    return value


def _read(kind_class, value):
    kind, cls = kind_class
    if value is None:
        return None
    if kind == "set":
        return frozenset(cls(item) for item in value)
    if cls is Decimal or issubclass(cls, Enum):
        return cls(value)
    return value


def store_answers(answers: dict) -> dict | None:
    """Return a page's ``answers()`` as JSON the session keeps, or None if they
    would not read back exactly the same."""
    if not answers.keys() <= ANSWER_TYPES.keys():
        return None
    try:
        stored = {
            name: _store(ANSWER_TYPES[name], value) for name, value in answers.items()
        }
        if read_answers(stored) != answers:
            return None
    except (TypeError, ValueError, ArithmeticError):
        return None
    return stored


def read_answers(stored: dict) -> dict:
    return {name: _read(ANSWER_TYPES[name], value) for name, value in stored.items()}


class Progress:
    def __init__(self, session, drink_country=rules.DrinkCountry.INTERNATIONAL):
        self.session = session
        self.drink_country = drink_country
        self._forms = {}
        self._answers = {}

    def has_answers(self) -> bool:
        return any(key.startswith(KEY_PREFIX) for key in self.session.keys())

    def saved_data(self, slug) -> MultiValueDict | None:
        stored = self.session.get(session_key(slug))
        return None if stored is None else MultiValueDict(stored)

    def save(self, form):
        """Keep what the patient sent on a valid page (its own fields only), and
        the answers the form made of it."""
        typed = {
            name: form.data.getlist(name) for name in form.fields if name in form.data
        }
        self.session[session_key(form.slug)] = typed
        stored = store_answers(form.answers())
        if stored is None:
            self.session.pop(valid_key(form.slug), None)
        else:
            self.session[valid_key(form.slug)] = {
                "typed": typed_digest(typed),
                "answers": stored,
            }
        self._forms.clear()
        self._answers.clear()

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

    def kept_answers(self, step) -> dict | None:
        """Return the page's answers as kept when saved, or None if there are
        none or they no longer match what was typed or the code."""
        kept = self.session.get(valid_key(step.slug))
        typed = self.session.get(session_key(step.slug))
        if not isinstance(kept, dict) or typed is None:
            return None
        if kept.get("typed") != typed_digest(typed):
            return None
        try:
            return read_answers(kept["answers"])
        except (KeyError, TypeError, ValueError, ArithmeticError):
            return None

    def page_answers(self, step) -> dict | None:
        """Return the page's answers (its form's ``answers()``), or None if it
        has no valid saved answer."""
        if step not in self._answers:
            answers = self.kept_answers(step)
            if answers is None:
                form = self.valid_form(step)
                answers = None if form is None else form.answers()
            self._answers[step] = answers
        return self._answers[step]

    def steps(self):
        """Return the pages this patient is asked: the pregnancy page only if the
        test-result page does not say male (or is not answered yet)."""
        test_result = self.page_answers(TestResultForm)
        if test_result is None or PregnancyForm.applies_to(test_result):
            return list(STEPS)
        return [step for step in STEPS if step is not PregnancyForm]

    def first_missing_step(self):
        """Return the first page without a valid saved answer, or None."""
        for step in self.steps():
            if self.page_answers(step) is None:
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
        fields = {}
        for step in self.steps():
            answers = self.page_answers(step)
            if answers is None:
                return None
            fields.update(answers)
        return rules.Answers(**fields)

    def interruption_before_result(self):
        """Return the URL name of a page shown instead of the result (the child's
        page for an under-18), or None. Call once every page is valid."""
        for step in self.steps():
            if step.ends_check and (
                page := step.interruption_for(self.page_answers(step))
            ):
                return page
        return None

    def warning_sign_urgency(self):
        """Return the urgency of the saved warning signs, or None: later pages
        keep the advice first."""
        answers = self.page_answers(STEPS[0])
        if answers is None:
            return None
        return rules.warning_sign_urgency(answers["warning_signs"])
