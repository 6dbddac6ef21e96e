"""Going back to a page: the kept unbound HTML filled in with the saved answers
(questionnaire.shared_parts.saved_fields_html) is exactly what crispy renders
for the form bound to them, in both languages, or is not used."""

import pytest
from django import forms
from django.forms.utils import ErrorDict
from django.forms.widgets import ChoiceWidget
from django.utils import translation
from django.utils.datastructures import MultiValueDict
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from questionnaire import rules
from questionnaire.forms import STEPS
from questionnaire.shared_parts import holes_in, render_fields, saved_fields_html
from tests.questionnaire.answers import ANSWERS, step_url

pytestmark = pytest.mark.django_db

# What a patient might type, with everything HTML must escape.
TYPED = st.text(alphabet="0123456789.,， ７<>&\"'x", max_size=8)


def choice_values(field):
    return [str(value) for value, _ in field.choices]


def data_for(step):
    """Saved data for any of the page's fields: texts, choices (radio buttons
    sent twice, a choice that is not offered), tick boxes."""
    strategies = {}
    for name, field in step.base_fields.items():
        widget = field.widget
        if isinstance(widget, forms.CheckboxInput):
            values = st.lists(st.sampled_from(["on", "", "false", "true"]), max_size=1)
        elif isinstance(widget, ChoiceWidget):
            values = st.lists(
                st.sampled_from([*choice_values(field), "not-offered"]), max_size=3
            )
        else:
            values = st.lists(TYPED, min_size=1, max_size=2)
        strategies[name] = st.none() | values
    return st.fixed_dictionaries(strategies).map(
        lambda data: MultiValueDict({k: v for k, v in data.items() if v is not None})
    )


def rendered_without_errors(step, data, country):
    """crispy's HTML for the form bound to ``data`` as if it had no errors (the
    saved answers were valid when saved)."""
    form = step(data, drink_country=country)
    form._errors = ErrorDict()
    form.cleaned_data = {}
    return render_fields(form)


@pytest.mark.parametrize("step", STEPS, ids=lambda step: step.slug)
@pytest.mark.parametrize("language", ["en", "zh-hans"])
@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_filled_in_html_is_what_crispy_renders(step, language, data):
    country = data.draw(st.sampled_from(list(rules.DrinkCountry)))
    saved = data.draw(data_for(step))
    with translation.override(language):
        filled = saved_fields_html(step(drink_country=country), saved)
        live = rendered_without_errors(step, saved, country)
    if filled is None:
        # Only when the page shows more once answered: a ticked confirmation box.
        assert step.slug == "test-result"
        assert any(name.startswith("confirm_") for name in saved)
    else:
        assert str(filled) == str(live)


@pytest.mark.parametrize("step", STEPS, ids=lambda step: step.slug)
def test_every_input_of_every_page_has_a_place_for_its_answer(step):
    parts = holes_in(render_fields(step()))
    assert parts is not None
    named = {name for _, name, _ in parts[1::2]}
    shown = {
        name
        for name, field in step.base_fields.items()
        if not name.startswith("confirm_")
    }
    assert named == shown


def test_going_back_shows_the_answers_and_a_ticked_box_shows_live(client):
    for step in STEPS[:2]:
        client.post(step_url(step.slug), ANSWERS[step.slug])
    content = client.get(step_url("test-result")).content.decode()
    assert 'name="alt_value" value="99"' in content
    assert 'value="U/L"  id="id_alt_unit_0" required checked>' in content
    assert "confirm_alt_value" not in content
    client.post(
        step_url("test-result"),
        {**ANSWERS["test-result"], "alt_value": "3000", "confirm_alt_value": "on"},
    )
    content = client.get(step_url("test-result")).content.decode()
    assert 'name="alt_value" value="3000"' in content
    assert 'name="confirm_alt_value"' in content
    assert 'id="id_confirm_alt_value" checked>' in content
