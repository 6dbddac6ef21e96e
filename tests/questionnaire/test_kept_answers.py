"""Answers kept beside what was typed (questionnaire.progress): later pages read
them instead of checking every page's form again, and give the same pages."""

import re
from http import HTTPStatus

import pytest
from django.utils.datastructures import MultiValueDict

from education.seeding import load_seed
from questionnaire import progress
from questionnaire.forms import STEPS
from questionnaire.progress import read_answers, store_answers
from tests.questionnaire.answers import ANSWERS, CHECK, RESULT, answer_all, step_url

pytestmark = pytest.mark.django_db

# Patients whose answers take different paths through the rules.
PATIENTS = [
    {},
    {"test-result": {"sex": "male"}},
    {"test-result": {"sex": ""}, "pregnancy": {"pregnant": "yes"}},
    {
        "warning-signs": {"warning_signs": [], "feeling_unwell": "unknown"},
        "test-result": {
            "alt_value": "１，２",
            "alt_unit": "\u00b5kat/L",
            "lab_upper_limit": "0,75",
            "ast_value": "0,9",
            "platelets": "120",
            "age": "",
            "sex": "other",
        },
    },
    {
        "test-result": {"alt_value": "3000", "confirm_alt_value": "on"},
        "alcohol": {"audit_c_frequency": "0", "audit_c_typical_drinks": ""},
        "hepatitis": {"hepatitis_risks": ["unknown"]},
        "weight": {"height_cm": "160,5", "waist_cm": "101", "use_asian_cutoffs": "on"},
        "medicines": {"medicines": ["regular_paracetamol", "statins"]},
    },
    {"sleep-and-exertion": {"sleep_hours": "", "strenuous_exercise": "yes"}},
]


def without_token(content):
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", content.decode())


def forget_kept_answers(client):
    session = client.session
    for key in [key for key in session.keys() if key.startswith("valid:")]:
        del session[key]
    session.save()


def kept_keys(client):
    return {key for key in client.session.keys() if key.startswith("valid:")}


@pytest.mark.parametrize("changes", PATIENTS)
def test_pages_are_the_same_whether_answers_are_kept_or_checked_again(client, changes):
    load_seed()
    answer_all(client, **changes)
    assert kept_keys(client)
    pages = [RESULT, CHECK, *(step_url(step.slug) for step in STEPS)]
    kept = [client.get(page) for page in pages]
    forget_kept_answers(client)
    assert not kept_keys(client)
    checked = [client.get(page) for page in pages]
    for page, one, other in zip(pages, kept, checked, strict=True):
        assert one.status_code == other.status_code, page
        assert without_token(one.content) == without_token(other.content), page
    assert kept[0].status_code == HTTPStatus.OK


def test_kept_answers_are_used_only_while_they_match_what_was_typed(client):
    answer_all(client)
    session = client.session
    # Typed answers that no longer check out (not as saved): the form checks
    # them again, and the patient is sent back to that page.
    session["check:test-result"] = {**session["check:test-result"], "alt_value": ["x"]}
    session.save()
    assert client.get(RESULT)["Location"] == step_url("test-result")


def test_kept_answers_are_the_ones_read_and_a_new_deploy_checks_them_again(
    client, monkeypatch
):
    answer_all(client)
    session = client.session
    kept = session["valid:test-result"]
    session["valid:test-result"] = {
        **kept,
        "answers": {**kept["answers"], "alt_value": "5"},
    }
    session.save()
    # Read as kept (only this code writes them, into the encrypted session).
    assert "Your ALT is 5 U/L" in client.get(RESULT).content.decode()
    # Code that checks or types answers changed: checked again from the typed.
    monkeypatch.setattr(progress, "CODE_DIGEST", b"another deploy..")
    assert "Your ALT is 99 U/L" in client.get(RESULT).content.decode()


def test_every_page_keeps_its_answers_exactly():
    for changes in PATIENTS:
        for step in STEPS:
            typed = {**ANSWERS[step.slug], **changes.get(step.slug, {})}
            data = MultiValueDict(
                {k: v if isinstance(v, list) else [v] for k, v in typed.items()}
            )
            form = step(data)
            assert form.is_valid(), (step.slug, form.errors)
            stored = store_answers(form.answers())
            assert stored is not None, step.slug
            assert read_answers(stored) == form.answers()
            for name, value in read_answers(stored).items():
                original = form.answers()[name]
                # The same type, or the enum of a choice the form gave as text.
                assert type(value) is type(original) or isinstance(original, str)


def test_answers_that_would_not_read_back_exactly_are_not_kept():
    assert store_answers({"not_an_answer": 1}) is None
    assert store_answers({"alt_value": object()}) is None
