"""Dates as each language's readers write them: 5 January 2026 in English,
2026年1月5日 in Chinese (alt_portal/formats and Django's zh_Hans formats)."""

import datetime

import pytest
from django.utils import timezone

from education.models import ArticleTranslation, Status
from tests.factories import make_article
from tests.pages import by_class, text
from tests.questionnaire.answers import answer_all

pytestmark = pytest.mark.django_db


def test_review_dates_in_each_language(client):
    article = make_article(
        last_reviewed_on=datetime.date(2026, 1, 5),
        next_review_due=datetime.date(2027, 1, 5),
        reviewer="Dr A",
    )
    translation = ArticleTranslation(
        article=article,
        language="zh-hans",
        title="饮酒",
        summary="摘要。",
        body="正文。",
        status=Status.PUBLISHED,
        last_reviewed_on=datetime.date(2026, 2, 6),
        next_review_due=datetime.date(2027, 2, 6),
        reviewer="李医生",
    )
    translation.mark_up_to_date()
    translation.save()

    english = text(
        by_class(client.get(article.get_absolute_url()).content, "review-dates")
    )
    assert "5 January 2026" in english
    assert "5 January 2027" in english
    chinese = text(
        by_class(client.get(translation.get_absolute_url()).content, "review-dates")
    )
    assert "2026年2月6日" in chinese
    assert "2027年2月6日" in chinese


def test_result_summary_date_in_each_language(client):
    answer_all(client)
    today = timezone.localdate()
    english = text(by_class(client.get("/check/result/").content, "result-date"))
    assert english.startswith(
        f"Summary made on {today.day} {today.strftime('%B')} {today.year}."
    )
    chinese = text(
        by_class(client.get("/zh-hans/check/result/").content, "result-date")
    )
    assert chinese.startswith(
        f"本总结生成于 {today.year}年{today.month}月{today.day}日。"
    )
