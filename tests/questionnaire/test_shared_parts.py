"""What the check's pages keep rendered for everyone, and what stays live."""

import re
from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.test import Client
from django.utils import translation
from django.utils.safestring import mark_safe

from education.seeding import load_seed
from portal.models import SiteSettings
from questionnaire import rules
from questionnaire.forms import AlcoholForm, WarningSignsForm
from questionnaire.shared_parts import fields_html, part_key
from tests.factories import make_article, make_tip
from tests.questionnaire.answers import ANSWERS, RESULT, answer, answer_all, step_url

pytestmark = pytest.mark.django_db

PLANTED = mark_safe("<p>kept fields</p>")


def csrf_token(content):
    return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', content.decode())[1]


def plant_kept_fields(step, country=None):
    """Replace the kept HTML of ``step``'s unbound form in the active language
    (and the site's drink country), so a test can see where it is shown."""
    country = country or SiteSettings.load().standard_drink_country
    cache.set(part_key(f"fields:{step.slug}", country), PLANTED)


# Kept for everyone: the unbound form -------------------------------------


def test_first_visit_shows_the_kept_fields_in_the_same_language(client):
    client.get(step_url("warning-signs"))
    plant_kept_fields(WarningSignsForm)
    assert PLANTED in client.get(step_url("warning-signs")).content.decode()


def test_kept_fields_are_not_reused_in_another_language(settings):
    settings.LANGUAGES = [("en", "English"), ("zh-hans", "简体中文")]
    country = rules.DrinkCountry.INTERNATIONAL
    with translation.override("en"):
        plant_kept_fields(WarningSignsForm, country)
        assert fields_html(WarningSignsForm(drink_country=country)) == PLANTED
    with translation.override("zh-hans"):
        shown = fields_html(WarningSignsForm(drink_country=country))
    assert PLANTED not in shown
    assert 'name="warning_signs"' in shown


def test_kept_fields_follow_a_change_of_drink_country(client):
    site = SiteSettings.load()
    site.drink_country = rules.DrinkCountry.UK
    site.save()
    for step in ("warning-signs", "test-result", "sleep-and-exertion"):
        answer(client, step)
    alcohol = step_url("alcohol")
    assert "how many units do you usually have" in client.get(alcohol).content.decode()

    site.drink_country = rules.DrinkCountry.US
    site.save()
    page = client.get(alcohol).content.decode()
    assert "how many standard drinks do you usually have" in page
    assert "how many units" not in page


def test_kept_fields_are_per_drink_country():
    plant_kept_fields(AlcoholForm, rules.DrinkCountry.UK)
    assert fields_html(AlcoholForm(drink_country=rules.DrinkCountry.UK)) == PLANTED
    us = fields_html(AlcoholForm(drink_country=rules.DrinkCountry.US))
    assert PLANTED not in us
    assert "standard drinks" in us


# Always live: answers, errors and the form token ---------------------------


def test_going_back_shows_the_patients_own_answers_not_the_kept_fields(client):
    client.get(step_url("warning-signs"))
    answer(client, "warning-signs")
    plant_kept_fields(WarningSignsForm)
    page = client.get(step_url("warning-signs")).content.decode()
    assert PLANTED not in page
    assert re.search(r'value="none"[^>]* checked', page)

    answer(client, "test-result", alt_value="123")
    page = client.get(step_url("test-result")).content.decode()
    assert 'value="123"' in page


def test_one_patients_answers_never_reach_another_patients_page(client):
    answer(client, "warning-signs")
    answer(client, "test-result", alt_value="4321")
    assert 'value="4321"' in client.get(step_url("test-result")).content.decode()
    other = Client()
    answer(other, "warning-signs")
    assert "4321" not in other.get(step_url("test-result")).content.decode()


def test_errors_are_shown_live_after_the_kept_fields(client):
    answer(client, "warning-signs")
    client.get(step_url("test-result"))
    response = answer(client, "test-result", alt_value="abc")
    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert "There is a problem" in page
    assert 'value="abc"' in page
    # The next patient's first visit has neither the error nor the typing.
    other = Client()
    answer(other, "warning-signs")
    fresh = other.get(step_url("test-result")).content.decode()
    assert "There is a problem" not in fresh
    assert "abc" not in fresh


def test_each_session_gets_its_own_form_token_with_the_kept_fields():
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    url = step_url("warning-signs")
    first_token = csrf_token(first.get(url).content)
    second_token = csrf_token(second.get(url).content)
    assert first_token != second_token
    data = ANSWERS["warning-signs"]
    crossed = second.post(url, {**data, "csrfmiddlewaretoken": first_token})
    assert crossed.status_code == HTTPStatus.FORBIDDEN
    own = second.post(url, {**data, "csrfmiddlewaretoken": second_token})
    assert own.status_code == HTTPStatus.FOUND


# Queries -------------------------------------------------------------------


def add_content(extra):
    for number in range(extra):
        make_article(title=f"Extra cause {number}")
        make_tip(title=f"Extra tip {number}")


@pytest.mark.parametrize("extra", [0, 6])
def test_step_pages_take_at_most_2_queries_as_content_grows(
    client, extra, django_assert_num_queries
):
    load_seed()
    add_content(extra)
    answer(client, "warning-signs")
    answer(client, "test-result")
    cache.clear()
    # The session and the site settings (then kept until a content change).
    with django_assert_num_queries(2):
        assert client.get(step_url("sleep-and-exertion")).status_code == HTTPStatus.OK
    # A first visit, a page answered before, and the first page: the session.
    for slug in ("sleep-and-exertion", "test-result", "warning-signs"):
        with django_assert_num_queries(1):
            assert client.get(step_url(slug)).status_code == HTTPStatus.OK


@pytest.mark.parametrize("extra", [0, 6])
def test_result_page_reuses_the_content_for_the_next_patient(
    client, extra, django_assert_num_queries
):
    load_seed()
    add_content(extra)
    answer_all(client)
    client.get(RESULT)  # 3 queries (tests/questionnaire/test_views.py)
    # Another patient in the same language: the session only.
    other = Client()
    answer_all(other)
    with django_assert_num_queries(1):
        page = other.get(RESULT).content.decode()
    assert ("Extra tip 5" in page) == bool(extra)
