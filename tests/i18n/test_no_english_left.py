"""No English of this project's own is left on a Chinese page: every word in
Latin letters a patient can see or hear is a unit, a number, a drug name or an
abbreviation like ALT that Chinese reports print as it is (issue 11)."""

import re
from html.parser import HTMLParser
from http import HTTPStatus

import pytest
from django.test import Client

from education.seeding import load_seed, load_translations
from questionnaire.forms import STEPS
from tests.questionnaire.answers import ANSWERS, answer_all, step_url

pytestmark = pytest.mark.django_db

ZH = "/zh-hans"

# Latin-letter words allowed on a Chinese page, compared case-sensitively.
ALLOWED = {
    # Abbreviations Chinese lab reports and guidelines print in Latin letters.
    *("ALT", "AST", "ALP", "GGT", "FIB", "AUDIT", "C", "BMI", "B", "A", "E"),
    *("HBsAg", "HBV", "HCV", "HIV", "MASLD", "NAFLD", "IU", "AA", "FibroScan"),
    *("ALAT", "ASAT", "SGPT", "SGOT", "CK", "TB", "PDF"),
    # Units.
    *("U", "L", "µkat", "kat", "µL", "ml", "mL", "kg", "cm", "g", "mg", "oz", "mmol"),
    # The site's default name and the language switch's own name for English.
    *("ALT", "Portal", "English"),
}
# Attributes a browser shows or a screen reader speaks.
SPOKEN_ATTRIBUTES = {"alt", "title", "aria-label", "placeholder", "content"}


class VisibleText(HTMLParser):
    """Collect the text and the spoken attributes of a page's <body> and <title>,
    skipping scripts, styles, blocks marked as English (the fallback, the
    language switch's English link) and the list of sources, where cited works
    keep their published titles."""

    def __init__(self):
        super().__init__()
        self.parts, self.stack = [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        english = (
            attrs.get("lang") == "en"
            or "references" in (attrs.get("class") or "").split()
            or bool(self.stack and self.stack[-1][1])
        )
        if tag not in {"br", "img", "input", "link", "meta", "hr"}:
            self.stack.append((tag, english))
        if english:
            return
        for name in SPOKEN_ATTRIBUTES & attrs.keys():
            if tag != "meta" or attrs.get("name") == "description":
                self.parts.append(attrs[name] or "")
        if tag == "input" and attrs.get("type") in {"submit", "button"}:
            self.parts.append(attrs.get("value") or "")

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        tags = [tag for tag, _ in self.stack]
        if "script" in tags or "style" in tags:
            return
        if self.stack and self.stack[-1][1]:
            return
        if "head" in tags and "title" not in tags:
            return
        self.parts.append(data)


def english_words(content):
    parser = VisibleText()
    parser.feed(content)
    words = re.findall(r"[A-Za-zµ]+", " ".join(parser.parts))
    return sorted({word for word in words if word not in ALLOWED})


@pytest.fixture
def patient():
    load_seed()
    load_translations()
    client = Client()
    answer_all(client)
    return client


CONTENT_PAGES = ["/", "/articles/", "/liver-health-tips/", "/no-such-page/"]
CHECK_PAGES = [
    "/check/",
    *(step_url(step.slug) for step in STEPS),
    "/check/check-your-answers/",
    "/check/result/",
]


def seeded_article_paths():
    from education.models import Article

    return [article.get_absolute_url() for article in Article.objects.published()]


def test_content_pages_have_no_english_left(patient):
    paths = [*CONTENT_PAGES, *seeded_article_paths()]
    assert len(paths) > len(CONTENT_PAGES) + 5  # The seeded articles are there.
    for path in paths:
        response = patient.get(ZH + path)
        assert response.status_code in {HTTPStatus.OK, HTTPStatus.NOT_FOUND}, path
        assert english_words(response.content.decode()) == [], path


@pytest.mark.parametrize("path", CHECK_PAGES)
def test_check_pages_have_no_english_left(patient, path):
    response = patient.get(ZH + path)
    assert response.status_code == HTTPStatus.OK
    assert english_words(response.content.decode()) == []


@pytest.mark.parametrize("step", STEPS, ids=lambda step: step.slug)
def test_error_messages_have_no_english_left(step):
    """Nonsense in every box of every page: the error summary and each field's
    message."""
    client = Client()
    answer_all(client)
    nonsense = dict.fromkeys(ANSWERS[step.slug], "乱填")
    response = client.post(ZH + step_url(step.slug), nonsense)
    content = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "error-summary" in content
    assert english_words(content) == []


def test_the_scan_finds_english():
    """The test above can fail: an English sentence on the page is found."""
    page = (
        "<html><body><p>您好 Please see a doctor</p>"
        '<p lang="en">Kept</p><ul class="references"><li>Kwo PY</li></ul></body></html>'
    )
    assert english_words(page) == ["Please", "a", "doctor", "see"]


def test_urgent_advice_has_no_english_left():
    response = Client().post(
        ZH + step_url("warning-signs"),
        {"warning_signs": ["vomiting-blood-or-black-stools"], "feeling_unwell": "no"},
        follow=True,
    )
    assert response.redirect_chain  # The urgent page, not the form again.
    assert english_words(response.content.decode()) == []
