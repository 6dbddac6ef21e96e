"""The same answers give the same urgency and band in English and in Chinese
(issue 11, Tests; hazard log H46).

Each scenario is filled in three times with the shared answers
(tests/questionnaire/answers.py): in English, in Chinese, and in Chinese typed on a
Chinese keyboard (full-width digits, "．" and "，"). The result page must show the
same care card and the same band each time. Read from the page's markup
(``care-card--<level>``, ``gauge__band--<band> gauge__band--current``), not its
words, so the check holds whatever the translation says.

Chinese pages are reached at /zh-hans/ once the language prefix exists
(``i18n_patterns``); until then, by asking for Chinese with Accept-Language with
Chinese added to LANGUAGES. Either way the response must say Content-Language:
zh-hans, so the Chinese run is never English in disguise.
"""

import re
from http import HTTPStatus

import pytest
from django import forms
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from questionnaire import rules
from questionnaire.fields import PatientNumberField
from questionnaire.forms import STEPS
from tests.questionnaire.answers import ANSWERS, RESULT, START, step_url

Urgency = rules.Urgency
Band = rules.Band

FULL_WIDTH = str.maketrans("0123456789.,", "０１２３４５６７８９．，")
# The boxes a patient types numbers into (choices are sent as the page gives them).
TYPED_NUMBERS = {
    name
    for step in STEPS
    for name, field in step.base_fields.items()
    if isinstance(field, PatientNumberField | forms.IntegerField)
}

# (name, changes by page, urgency, band): every urgency level and band that
# answers alone can reach.
SCENARIOS = [
    ("shared answers", {}, Urgency.SOON, Band.MILD),
    ("within range", {"test-result": {"alt_value": "20"}}, Urgency.NEXT_VISIT,
     Band.WITHIN_RANGE),
    ("borderline", {"test-result": {"alt_value": "50"}}, Urgency.ROUTINE,
     Band.BORDERLINE),
    ("moderate", {"test-result": {"alt_value": "200"}}, Urgency.WITHIN_DAYS,
     Band.MODERATE),
    ("ten times", {"test-result": {"alt_value": "400"}}, Urgency.TODAY,
     Band.MODERATE),
    ("severe", {"test-result": {"alt_value": "600"}}, Urgency.TODAY, Band.SEVERE),
    (
        "massive",
        {"test-result": {"alt_value": "12,000", "confirm_alt_value": "on"}},
        Urgency.EMERGENCY,
        Band.MASSIVE,
    ),
    (
        "decimal comma in µkat/L",
        {"test-result": {"alt_value": "1,65", "alt_unit": "µkat/L",
                         "lab_upper_limit": "0,55"}},
        Urgency.SOON,
        Band.MILD,
    ),
    ("no lab limit, woman", {"test-result": {"lab_upper_limit": ""}}, Urgency.SOON,
     Band.MILD),
    (
        "jaundice",
        {"warning-signs": {"warning_signs": ["jaundice"]},
         "test-result": {"alt_value": "20"}},
        Urgency.TODAY,
        Band.WITHIN_RANGE,
    ),
    (
        "confusion",
        {"warning-signs": {"warning_signs": ["confusion-or-sleepiness"]}},
        Urgency.EMERGENCY,
        Band.MILD,
    ),
    ("pregnant", {"pregnancy": {"pregnant": "yes"}}, Urgency.TODAY, Band.MILD),
    (
        "TB medicines",
        {"medicines": {"medicines": ["tb_medicines"]},
         "test-result": {"alt_value": "50"}},
        Urgency.WITHIN_TWO_DAYS,
        Band.BORDERLINE,
    ),
]  # fmt: skip

CARE_CARD = re.compile(r'class="care-card care-card--([a-z_]+)"')
CURRENT_BAND = re.compile(r'gauge__band--([a-z-]+) gauge__band--current"')


def chinese_prefix():
    """Return "/zh-hans" once Chinese URLs exist, else ""."""
    with translation.override("zh-hans"):
        start = reverse("questionnaire:start")
    return start.removesuffix(START) if start != START else ""


def as_typed(data):
    return data


def full_width(data):
    """Return one page's answers as typed on a Chinese keyboard."""
    return {
        name: value.translate(FULL_WIDTH) if name in TYPED_NUMBERS else value
        for name, value in data.items()
    }


def shown_result(language, changes_by_page, typed=as_typed):
    """Fill in the check in a fresh session in this language, numbers as
    ``typed`` gives them; return the result page's urgency and band as its markup
    shows them, and the assessment's."""
    client = Client()
    prefix, headers = "", {}
    if language != "en":
        prefix = chinese_prefix()
        headers = {} if prefix else {"HTTP_ACCEPT_LANGUAGE": "zh-Hans"}
    for step in STEPS:
        data = typed({**ANSWERS[step.slug], **changes_by_page.get(step.slug, {})})
        response = client.post(prefix + step_url(step.slug), data, **headers)
        assert response.status_code == HTTPStatus.FOUND, (step.slug, language)
    response = client.get(prefix + RESULT, **headers)
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Language"] == language
    html = response.content.decode()
    card, band = CARE_CARD.search(html), CURRENT_BAND.search(html)
    assessment = response.context["assessment"]
    return {
        "care card": card.group(1),
        "gauge band": band.group(1),
        "urgency": assessment.urgency,
        "band": assessment.band,
    }


@pytest.fixture
def chinese_available():
    """Chinese as a language: already, once H1's LANGUAGES land; else for the test."""
    languages = [("en", "English"), ("zh-hans", "简体中文")]
    with override_settings(LANGUAGES=languages):
        yield


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "changes", "urgency", "band"),
    SCENARIOS,
    ids=[scenario[0] for scenario in SCENARIOS],
)
def test_same_urgency_and_band_in_english_and_chinese(
    chinese_available, name, changes, urgency, band
):
    english = shown_result("en", changes)
    assert english == {
        "care card": urgency.name.lower(),
        # The gauge draws a massive result in its top (severe) band.
        "gauge band": (Band.SEVERE if band == Band.MASSIVE else band).value,
        "urgency": urgency,
        "band": band,
    }
    assert shown_result("zh-hans", changes) == english
    assert shown_result("zh-hans", changes, typed=full_width) == english


def test_numbers_are_typed_in_full_width_in_the_chinese_run():
    assert {"alt_value", "lab_upper_limit", "age", "weight_kg"} <= TYPED_NUMBERS
    assert full_width({"alt_value": "1,65", "alt_unit": "µkat/L"}) == {
        "alt_value": "１，６５",
        "alt_unit": "µkat/L",
    }
