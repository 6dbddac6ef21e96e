from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from education.causes import Cause
from education.models import Article, Status, Tip
from tests.factories import make_article, make_tip

pytestmark = pytest.mark.django_db


def test_published_returns_only_published_articles():
    shown = make_article(status=Status.PUBLISHED)
    make_article(status=Status.DRAFT)
    assert list(Article.objects.published()) == [shown]


def test_published_tips_exclude_drafts():
    shown = make_tip()
    make_tip(status=Status.DRAFT)
    assert list(Tip.objects.published()) == [shown]


def test_overdue_for_review_uses_next_review_date():
    today = timezone.localdate()
    overdue = make_article(next_review_due=today - timedelta(days=1))
    make_article(next_review_due=today)
    make_article(next_review_due=None)
    assert list(Article.objects.overdue_for_review(today)) == [overdue]
    assert overdue.is_overdue_for_review


def test_cause_page_links_to_its_slug_and_tips_page_to_tips_url():
    cause = make_article(slug="alcohol")
    tips = make_article(kind=Article.Kind.TIPS, slug="tips-page")
    assert cause.get_absolute_url() == "/articles/alcohol/"
    assert tips.get_absolute_url() == "/liver-health-tips/"


def test_only_one_article_per_questionnaire_cause():
    make_article(cause=Cause.ALCOHOL)
    duplicate = Article(
        kind=Article.Kind.CAUSE,
        cause=Cause.ALCOHOL,
        title="Drinking",
        slug="drinking",
        summary="s",
        body="b",
    )
    with pytest.raises(ValidationError, match="already covers this cause"):
        duplicate.full_clean()


def test_only_one_overview_page():
    make_article(kind=Article.Kind.OVERVIEW)
    second = Article(kind=Article.Kind.OVERVIEW, title="t", slug="t", summary="s")
    with pytest.raises(ValidationError, match="already a page of this type"):
        second.full_clean()


def test_overview_cannot_claim_a_questionnaire_cause():
    page = Article(
        kind=Article.Kind.OVERVIEW,
        cause=Cause.ALCOHOL,
        title="t",
        slug="t",
        summary="s",
        body="b",
    )
    with pytest.raises(ValidationError, match="Only cause pages"):
        page.full_clean()
