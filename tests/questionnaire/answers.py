"""Answers to the check, shared by every test that fills it in."""

from http import HTTPStatus

from questionnaire.forms import STEPS

START = "/check/"
CHECK = "/check/check-your-answers/"
RESULT = "/check/result/"

# One valid answer per page, as a patient would fill it in, in page order.
ANSWERS = {
    "warning-signs": {"warning_signs": ["none"], "feeling_unwell": "no"},
    "test-result": {
        "alt_value": "99",
        "alt_unit": "U/L",
        "lab_upper_limit": "33",
        "ast_value": "",
        "platelets": "",
        "age": "45",
        "sex": "female",
    },
    "sleep-and-exertion": {
        "sleep_hours": "7",
        "night_shifts": "no",
        "strenuous_exercise": "no",
    },
    "alcohol": {
        "audit_c_frequency": "4",
        "audit_c_typical_drinks": "2",
        "audit_c_binge": "2",
    },
    "hepatitis": {
        "hepatitis_b_test": "never-tested",
        "hepatitis_c_test": "never-tested",
        "hepatitis_risks": ["none"],
    },
    "weight": {
        "height_cm": "175",
        "weight_kg": "70",
        "waist_cm": "",
        "diabetes": "no",
        "high_blood_pressure": "no",
        "cholesterol_treatment": "no",
    },
    "pregnancy": {"pregnant": "no"},
    "medicines": {"medicines": ["none"]},
}


def step_url(slug):
    return f"/check/{slug}/"


def answer(client, slug, **changes):
    return client.post(step_url(slug), {**ANSWERS[slug], **changes})


def answer_all(client, **changes_by_slug):
    for step in STEPS:
        response = answer(client, step.slug, **changes_by_slug.get(step.slug, {}))
        assert response.status_code == HTTPStatus.FOUND, response.content[:2000]


# The answers the browser journey types by hand, for browser tests that post them
# straight to the server to reach a later page.
JOURNEY_ANSWERS = {
    "warning-signs": {"warning_signs": ["none"]},
    "test-result": {
        "alt_value": "120",
        "alt_unit": "U/L",
        "lab_upper_limit": "40",
        "age": "52",
        "sex": "female",
    },
    "sleep-and-exertion": {"sleep_hours": "7", "night_shifts": "no"},
    "alcohol": {
        "audit_c_frequency": "1",
        "audit_c_typical_drinks": "0",
        "audit_c_binge": "0",
    },
    "hepatitis": {"hepatitis_risks": ["none"]},
    "weight": {"height_cm": "165", "weight_kg": "64", "diabetes": "no"},
    "pregnancy": {"pregnant": "no"},
    "medicines": {"medicines": ["statins"]},
}
