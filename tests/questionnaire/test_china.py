"""China as a drink country (issue 11, item 5; docs/china.md; hazard log H44).

China has no official standard drink: the dietary guidelines (中国居民膳食指南 2022)
count grams of alcohol. The check keeps the AUDIT-C's 10 g drink (WHO AUDIT) and
explains it with beer, wine and baijiu (counted in liang, 50 ml); the volumes in
the text must agree with grams = ml x ABV% x 0.8 (酒精性肝病防治指南 2018).
"""

import runpy
from decimal import Decimal as D
from pathlib import Path

import pytest
from django.utils.functional import Promise

from questionnaire import rules
from questionnaire.forms import STANDARD_DRINKS, AlcoholForm

SETTINGS = Path(__file__).resolve().parents[2] / "alt_portal" / "settings.py"

CHINA = rules.DrinkCountry.CN


def china_text():
    return str(AlcoholForm(drink_country=CHINA).standard_drink())


# (words in the text, ml, % alcohol, standard drinks the text says it is). "About"
# in the text: each must be within 10% of drinks x the 10 g standard drink.
CHINA_EXAMPLES = [
    ("300 ml of 4% beer", 300, 4, D(1)),
    ("100 ml of 12% wine", 100, 12, D(1)),
    ("30 ml of 38% baijiu", 30, 38, D(1)),
    ("One liang of 38% baijiu is about 1.5 standard drinks", 50, 38, D("1.5")),
    ("one liang of 52% baijiu about 2", 50, 52, D(2)),
]


@pytest.mark.parametrize(("words", "ml", "abv", "drinks"), CHINA_EXAMPLES)
def test_china_drink_examples_match_the_grams_formula(words, ml, abv, drinks):
    assert words in china_text()
    grams = rules.alcohol_grams(ml, abv)
    expected = drinks * rules.STANDARD_DRINK_GRAMS[CHINA]
    assert abs(grams - expected) <= expected / 10, (words, grams, expected)


@pytest.mark.parametrize(
    ("ml", "abv", "grams"),
    [
        # The guideline's 15 g a day, in the three drinks (docs/china.md).
        (450, 4, D("14.4")),
        (150, 12, D("14.4")),
        (50, 38, D("15.2")),
        (500, 52, D("208")),  # one jin (斤) bottle of 52% baijiu
    ],
)
def test_alcohol_grams(ml, abv, grams):
    assert rules.alcohol_grams(ml, abv) == grams


def test_china_text_explains_the_liang_and_that_there_is_no_official_drink():
    text = china_text()
    assert text.startswith("China has no official standard drink.")
    assert "one liang is 50 ml" in text
    assert "10 grams of pure alcohol" in text


def test_china_text_goes_through_gettext():
    assert isinstance(STANDARD_DRINKS[CHINA], Promise)


@pytest.mark.parametrize(
    ("country", "grams"), [(CHINA, D(10)), (rules.DrinkCountry.INTERNATIONAL, D(10))]
)
def test_china_counts_the_who_audit_drink(country, grams):
    """The AUDIT-C answers (1-2, 3-4 ... 10 or more; 6 or more at once) assume a
    10 g drink; China's 15 g a day is a daily limit, not a drink size."""
    assert rules.STANDARD_DRINK_GRAMS[country] == grams


@pytest.mark.parametrize(
    ("country", "asks_units"),
    [(CHINA, False), (rules.DrinkCountry.UK, True), (rules.DrinkCountry.US, False)],
)
def test_china_asks_in_standard_drinks_not_units(country, asks_units):
    label = str(AlcoholForm(drink_country=country)["audit_c_typical_drinks"].label)
    assert ("units" in label) is asks_units


@pytest.mark.parametrize("country", list(rules.DrinkCountry))
def test_every_drink_country_is_accepted_as_the_first_run_default(monkeypatch, country):
    monkeypatch.setenv("DJANGO_DEBUG", "true")
    monkeypatch.setenv("PORTAL_DRINK_COUNTRY", country.value.upper())
    assert runpy.run_path(str(SETTINGS))["PORTAL_DRINK_COUNTRY"] == country.value
