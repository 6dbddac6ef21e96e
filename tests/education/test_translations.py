"""Per-language content rows (ArticleTranslation, TipTranslation): review state,
what readers see (translation or English with a notice), staff preview, the
out-of-date flag, history, the page cache and query counts."""

import datetime
from http import HTTPStatus

import pytest
from django.urls import reverse
from django.utils import translation
from reversion.models import Version

from education.models import (
    Article,
    ArticleTranslation,
    Status,
    TipTranslation,
)
from education.translation import localise
from tests.factories import make_article, make_editor, make_tip
from tests.pages import by_class, elements, has_class, text

pytestmark = pytest.mark.django_db

ZH = "zh-hans"


@pytest.fixture(autouse=True)
def english_afterwards():
    """LocaleMiddleware leaves the last request's language active in the thread."""
    yield
    translation.activate("en")


def zh_url(name, **kwargs):
    """The URL of a page in Chinese (under /zh-hans/ once i18n_patterns is in)."""
    with translation.override(ZH):
        return reverse(name, kwargs=kwargs or None)


def get_zh(client, url):
    # The /zh-hans/ prefix decides the language; the header shows it is ignored.
    return client.get(url, HTTP_ACCEPT_LANGUAGE="en")


def translate_article(article, **overrides):
    overrides.setdefault("language", ZH)
    overrides.setdefault("title", f"中文 {article.title}")
    overrides.setdefault("summary", "中文摘要。")
    overrides.setdefault("body", "中文正文。")
    overrides.setdefault("status", Status.PUBLISHED)
    item = ArticleTranslation(article=article, **overrides)
    item.mark_up_to_date()
    item.save()
    return item


def translate_tip(tip, **overrides):
    overrides.setdefault("language", ZH)
    overrides.setdefault("title", f"中文 {tip.title}")
    overrides.setdefault("body", "中文提示。")
    overrides.setdefault("status", Status.PUBLISHED)
    item = TipTranslation(tip=tip, **overrides)
    item.mark_up_to_date()
    item.save()
    return item


def notices(content):
    return [e for e in elements(content) if has_class(e, "translation-notice")]


def lang_of(content, needle):
    """The language ``needle`` is marked as: the lang attribute of the innermost
    element around it that has one."""
    found = [
        e
        for e in elements(content)
        if needle in text(e) and "lang" in dict(e.attributes)
    ]
    return dict(found[-1].attributes)["lang"].lower()


# Review state ----------------------------------------------------------------


def test_translation_review_state_is_independent_of_the_english():
    article = make_article(status=Status.DRAFT, last_reviewed_on=None)
    chinese = translate_article(
        article,
        status=Status.PUBLISHED,
        last_reviewed_on=datetime.date(2026, 11, 1),
        next_review_due=datetime.date(2027, 11, 1),
        reviewer="Dr Li, hepatologist",
    )
    article.refresh_from_db()
    assert article.status == Status.DRAFT
    assert article.last_reviewed_on is None
    assert article.reviewer == ""

    article.status = Status.PUBLISHED
    article.reviewer = "Dr Smith"
    article.save()
    chinese.status = Status.DRAFT
    chinese.save()
    article.refresh_from_db()
    chinese.refresh_from_db()
    assert article.status == Status.PUBLISHED
    assert chinese.status == Status.DRAFT
    assert chinese.reviewer == "Dr Li, hepatologist"


def test_one_translation_per_language():
    from django.core.exceptions import ValidationError

    article = make_article()
    translate_article(article)
    duplicate = ArticleTranslation(
        article=article, language=ZH, title="t", summary="s", body="b"
    )
    with pytest.raises(ValidationError):
        duplicate.full_clean()


def test_translation_markdown_is_rendered_and_sanitised_on_save():
    article = make_article()
    chinese = translate_article(
        article, body="**重要**<script>alert(1)</script>", references="- 来源"
    )
    chinese.refresh_from_db()
    assert "<strong>重要</strong>" in chinese.body_html
    assert "<script>" not in chinese.body_html
    assert "<li>来源</li>" in chinese.references_html


# What readers see ------------------------------------------------------------


def test_published_translation_is_shown_with_its_own_review_dates(client):
    article = make_article(
        title="Alcohol",
        last_reviewed_on=datetime.date(2025, 1, 1),
        reviewer="Dr English",
    )
    translate_article(
        article,
        title="饮酒",
        body="酒精会伤害肝细胞。",
        why_it_raises_alt="因为酒精。",
        last_reviewed_on=datetime.date(2026, 11, 2),
        reviewer="李医生",
    )
    response = get_zh(client, zh_url("education:article_detail", slug=article.slug))
    content = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "饮酒" in content and "酒精会伤害肝细胞。" in content
    assert "因为酒精。" in content
    assert "Alcohol" not in text(by_class(content, "lead"))
    assert notices(content) == []
    assert 'lang="en"' not in content.split("<main", 1)[1]
    review = by_class(content, "review-dates")
    assert "李医生" in text(review)
    assert "Dr English" not in content
    assert response.context["page_languages"] == ["en", ZH]


def test_no_published_translation_gives_the_english_with_a_notice(client):
    article = make_article(title="Alcohol", body="Alcohol harms liver cells.")
    translate_article(article, title="饮酒草稿", status=Status.DRAFT)
    response = get_zh(client, zh_url("education:article_detail", slug=article.slug))
    content = response.content.decode()
    assert response.status_code == HTTPStatus.OK
    assert "饮酒草稿" not in content
    [notice] = notices(content)
    assert "还没有翻译成简体中文" in text(notice)
    assert lang_of(content, "还没有翻译成简体中文") != "en"  # The reader's.
    assert lang_of(content, "Alcohol harms liver cells.") == "en"
    h1 = next(e for e in elements(content) if e.name == "h1")
    assert dict(h1.attributes)["lang"] == "en"
    assert response.context["page_languages"] == ["en"]


def test_english_readers_see_the_english_page_unchanged(client):
    article = make_article(title="Alcohol", body="Alcohol harms liver cells.")
    translate_article(article, title="饮酒")
    content = client.get(article.get_absolute_url()).content.decode()
    assert "Alcohol harms liver cells." in content
    assert "饮酒" not in content
    assert notices(content) == []
    assert 'lang="en"' not in content.split("<main", 1)[1]


def test_unreviewed_published_translation_says_so(client):
    article = make_article(last_reviewed_on=datetime.date(2025, 1, 1), reviewer="Dr A")
    translate_article(article)  # No reviewer, no review date: a starter text.
    content = get_zh(
        client, zh_url("education:article_detail", slug=article.slug)
    ).content.decode()
    [notice] = notices(content)
    assert "此译文尚未经过临床医生审核" in text(notice)
    assert "本页尚未经过临床医生审核" in text(by_class(content, "review-dates"))


def test_lists_mark_each_english_fallback_item(client):
    translated = make_article(title="Alcohol", summary="About alcohol.")
    untranslated = make_article(title="Fatty liver", summary="About fat.")
    translate_article(translated, title="饮酒", summary="关于饮酒。")
    translated_tip = make_tip(title="Sleep well")
    untranslated_tip = make_tip(title="Stay active")
    translate_tip(translated_tip, title="好好睡觉")

    for url in [zh_url("home"), zh_url("education:article_list")]:
        content = get_zh(client, url).content.decode()
        assert lang_of(content, "关于饮酒。") == ZH
        assert lang_of(content, "About fat.") == "en"
        items = [e for e in elements(content) if e.name == "li" and "Fatty" in text(e)]
        assert dict(items[0].attributes)["lang"] == "en"
    home = get_zh(client, zh_url("home")).content.decode()
    assert "好好睡觉" in home
    assert "Sleep well" not in home
    tip_items = {
        text(e): dict(e.attributes).get("lang")
        for e in elements(str(by_class(home, "tip-list")))
        if e.name == "li"
    }
    assert {key.split()[0]: lang for key, lang in tip_items.items()} == {
        "好好睡觉": None,
        untranslated_tip.title.split()[0]: "en",
    }
    assert untranslated.title in home


def test_tips_page_shows_translated_tips_and_its_own_fallback(client):
    tips_page = make_article(kind=Article.Kind.TIPS, slug="liver-health-tips")
    tip = make_tip(title="Sleep well")
    translate_tip(tip, title="好好睡觉")
    content = get_zh(client, zh_url("education:tips")).content.decode()
    assert "好好睡觉" in content
    [notice] = notices(content)  # The tips page itself is not translated.
    assert "还没有翻译成简体中文" in text(notice)
    translate_article(tips_page, title="养肝小贴士")
    content = get_zh(client, zh_url("education:tips")).content.decode()
    assert "养肝小贴士" in content
    assert not any("还没有翻译成简体中文" in text(n) for n in notices(content))


# Staff preview -----------------------------------------------------------------


def test_draft_translation_is_hidden_from_patients_and_previewed_by_staff(client):
    article = make_article(title="Alcohol")
    translate_article(article, title="饮酒草稿", status=Status.DRAFT)
    url = zh_url("education:article_detail", slug=article.slug)
    assert "饮酒草稿" not in get_zh(client, url).content.decode()

    client.force_login(make_editor())
    content = get_zh(client, url).content.decode()
    assert "饮酒草稿" in content
    assert "草稿预览。" in content
    assert notices(content)  # Not reviewed by a clinician yet.


def test_localise_reads_translation_and_original_fields():
    article = make_article(slug="alcohol", title="Alcohol", order=7)
    translate_article(article, title="饮酒", reviewer="李医生")
    other = make_article(title="Other")
    found = {item.original.pk: item for item in localise(Article.objects.all(), ZH)}
    shown = found[article.pk]
    assert (shown.title, shown.slug, shown.order, shown.reviewer) == (
        "饮酒",
        "alcohol",
        7,
        "李医生",
    )
    assert not shown.fell_back and shown.lang == ZH
    assert found[other.pk].fell_back and found[other.pk].lang == "en"
    assert found[other.pk].title == "Other"
    english = localise(Article.objects.all(), "en")
    assert {item.title for item in english} == {"Alcohol", "Other"}
    assert not any(item.fell_back for item in english)


# Out of date -------------------------------------------------------------------


def test_english_edit_marks_the_translation_out_of_date():
    article = make_article(body="Old English.")
    chinese = translate_article(article)
    assert not chinese.is_out_of_date
    article.body = "New English."
    article.save()
    chinese.refresh_from_db()
    assert chinese.is_out_of_date
    # Status, order and review dates are not translated text.
    article.body = "Old English."
    article.status = Status.DRAFT
    article.order = 99
    article.save()
    chinese.refresh_from_db()
    assert not chinese.is_out_of_date


# Admin -------------------------------------------------------------------------


@pytest.fixture
def editor_client(client):
    client.force_login(make_editor())
    return client


def translation_form_data(item, **changes):
    names = [
        "title",
        "summary",
        "body",
        "why_it_raises_alt",
        "what_you_can_do",
        "doctor_treatments",
        "references",
    ]
    data = {
        name: getattr(item, name, "") or "" for name in names if hasattr(item, name)
    }
    data |= {
        "status": item.status,
        "last_reviewed_on": item.last_reviewed_on or "",
        "next_review_due": item.next_review_due or "",
        "reviewer": item.reviewer,
    }
    return {**data, **changes}


def test_admin_add_starts_from_a_copy_and_shows_the_english_beside(editor_client):
    article = make_article(title="Alcohol", body="Alcohol harms liver cells.")
    add = reverse("admin:education_articletranslation_add")
    response = editor_client.get(f"{add}?article={article.pk}&language={ZH}")
    assert response.status_code == HTTPStatus.OK
    form = response.context["adminform"].form
    assert form.initial["title"] == "Alcohol"
    assert form.initial["body"] == "Alcohol harms liver cells."
    content = response.content.decode()
    english = [e for e in elements(content) if has_class(e, "translation-english")]
    assert "Alcohol harms liver cells." in [text(e) for e in english]
    assert all(dict(e.attributes)["lang"] == "en" for e in english)
    # The live reading score is for English: it does not run on translations.
    assert "admin-reading-score.js" not in content
    assert "data-reading-score-url" not in content

    response = editor_client.post(
        f"{add}?article={article.pk}&language={ZH}",
        {
            "article": article.pk,
            "language": ZH,
            "title": "饮酒",
            "summary": "关于饮酒。",
            "body": "酒精会伤害肝细胞。",
            "status": Status.DRAFT,
        },
    )
    assert response.status_code == HTTPStatus.FOUND, response.context[
        "adminform"
    ].form.errors
    chinese = article.translations.get(language=ZH)
    assert chinese.title == "饮酒"
    assert not chinese.is_out_of_date  # Made from the current English.
    assert Version.objects.get_for_object(chinese).count() == 1


def test_admin_links_to_add_then_edit_the_translation(editor_client):
    article = make_article()
    change = reverse("admin:education_article_change", args=[article.pk])
    content = editor_client.get(change).content.decode()
    assert "Add Simplified Chinese translation" in content
    assert f"?article={article.pk}&amp;language={ZH}" in content
    chinese = translate_article(article, status=Status.DRAFT)
    content = editor_client.get(change).content.decode()
    assert "Edit Simplified Chinese translation" in content
    assert (
        reverse("admin:education_articletranslation_change", args=[chinese.pk])
        in content
    )

    tip = make_tip()
    tip_change = reverse("admin:education_tip_change", args=[tip.pk])
    content = editor_client.get(tip_change).content.decode()
    assert f"?tip={tip.pk}&amp;language={ZH}" in content


def test_article_and_tip_lists_show_each_translations_state(editor_client):
    article = make_article(title="Alcohol")
    chinese = translate_article(article, status=Status.DRAFT)
    make_article(title="Untranslated")
    tip = make_tip()
    translate_tip(tip)
    changelist = reverse("admin:education_article_changelist")
    content = editor_client.get(changelist).content.decode()
    assert "Simplified Chinese: draft" in content
    article.body = "Changed English."
    article.save()
    content = editor_client.get(changelist).content.decode()
    assert "Simplified Chinese: draft, out of date" in content
    chinese.status = Status.PUBLISHED
    chinese.mark_up_to_date()
    chinese.save()
    content = editor_client.get(changelist).content.decode()
    assert "Simplified Chinese: published<" in content
    content = editor_client.get(
        reverse("admin:education_tip_changelist")
    ).content.decode()
    assert "Simplified Chinese: published" in content


def test_matches_english_checkbox_clears_out_of_date_and_filter_finds_it(
    editor_client,
):
    article = make_article(body="Old English.")
    chinese = translate_article(article)
    article.body = "New English."
    article.save()
    changelist = reverse("admin:education_articletranslation_changelist")
    listed = editor_client.get(f"{changelist}?english=changed")
    assert [item.pk for item in listed.context["cl"].result_list] == [chinese.pk]

    change = reverse("admin:education_articletranslation_change", args=[chinese.pk])
    page = editor_client.get(change).content.decode()
    assert "New English." in page  # The current English beside the field.
    # Saving without the tick keeps it out of date.
    response = editor_client.post(change, translation_form_data(chinese, body="新。"))
    assert response.status_code == HTTPStatus.FOUND
    chinese.refresh_from_db()
    assert chinese.is_out_of_date
    response = editor_client.post(
        change, translation_form_data(chinese, matches_english="on")
    )
    assert response.status_code == HTTPStatus.FOUND
    chinese.refresh_from_db()
    assert not chinese.is_out_of_date
    listed = editor_client.get(f"{changelist}?english=changed")
    assert list(listed.context["cl"].result_list) == []


def test_translation_history_and_revert(editor_client):
    article = make_article()
    chinese = translate_article(article, body="第一版。")
    change = reverse("admin:education_articletranslation_change", args=[chinese.pk])
    for body in ["第一版。", "第二版。"]:
        response = editor_client.post(change, translation_form_data(chinese, body=body))
        assert response.status_code == HTTPStatus.FOUND
    chinese.refresh_from_db()
    assert chinese.body == "第二版。"
    versions = Version.objects.get_for_object(chinese)
    assert versions.count() == 2
    history = editor_client.get(change.removesuffix("change/") + "history/")
    assert history.status_code == HTTPStatus.OK
    compare = editor_client.get(
        change.removesuffix("change/") + "history/compare/",
        {"version_id1": versions[1].pk, "version_id2": versions[0].pk},
    )
    assert compare.status_code == HTTPStatus.OK
    assert "第一版。" in compare.content.decode()
    assert "第二版。" in compare.content.decode()
    first = versions.last()
    revision_url = reverse(
        "admin:education_articletranslation_revision", args=[chinese.pk, first.pk]
    )
    form = editor_client.get(revision_url)
    assert form.status_code == HTTPStatus.OK
    response = editor_client.post(
        revision_url, translation_form_data(chinese, body="第一版。")
    )
    assert response.status_code == HTTPStatus.FOUND
    chinese.refresh_from_db()
    assert chinese.body == "第一版。"
    assert "第一版。" in chinese.body_html


def test_publish_action_publishes_only_the_translation(editor_client):
    article = make_article(status=Status.DRAFT)
    chinese = translate_article(article, status=Status.DRAFT)
    response = editor_client.post(
        reverse("admin:education_articletranslation_changelist"),
        {"action": "publish", "_selected_action": [chinese.pk]},
    )
    assert response.status_code == HTTPStatus.FOUND
    chinese.refresh_from_db()
    article.refresh_from_db()
    assert chinese.status == Status.PUBLISHED
    assert article.status == Status.DRAFT


# Page cache --------------------------------------------------------------------


def test_translation_edit_and_delete_refresh_the_cached_page(client):
    article = make_article(title="Alcohol")
    chinese = translate_article(article, title="饮酒")
    url = zh_url("education:article_detail", slug=article.slug)
    assert "饮酒" in get_zh(client, url).content.decode()
    chinese.title = "喝酒"
    chinese.save()
    assert "喝酒" in get_zh(client, url).content.decode()
    chinese.delete()
    content = get_zh(client, url).content.decode()
    assert "喝酒" not in content
    assert notices(content)

    tip = make_tip(title="Sleep well")
    home = zh_url("home")
    assert "Sleep well" in get_zh(client, home).content.decode()
    translate_tip(tip, title="好好睡觉")
    assert "好好睡觉" in get_zh(client, home).content.decode()


# Query counts ------------------------------------------------------------------


@pytest.mark.parametrize("extra", [0, 6])
@pytest.mark.parametrize(
    "page", ["home", "education:article_list", "detail", "education:tips"]
)
def test_chinese_pages_query_count_does_not_grow_with_content(
    client, extra, page, django_assert_max_num_queries
):
    from portal.models import SiteSettings

    overview = make_article(kind=Article.Kind.OVERVIEW)
    tips_page = make_article(kind=Article.Kind.TIPS, slug="liver-health-tips")
    article = make_article()
    translate_article(overview)
    translate_article(tips_page)
    for number in range(1 + extra):
        cause = make_article()
        tip = make_tip()
        if number % 2:
            translate_article(cause)
            translate_tip(tip)
        else:
            translate_article(cause, status=Status.DRAFT)
    SiteSettings.load()
    url = (
        zh_url("education:article_detail", slug=article.slug)
        if page == "detail"
        else zh_url(page)
    )
    with django_assert_max_num_queries(3):
        assert get_zh(client, url).status_code == HTTPStatus.OK


def test_result_page_links_translated_cause_pages_and_tips(client):
    from education.seeding import load_seed
    from tests.questionnaire.answers import RESULT, answer_all

    load_seed()
    for article in Article.objects.causes():
        translate_article(article, title=f"中文 {article.slug}")
    for tip in make_tip(title="Stay well"), make_tip(title="Walk more"):
        translate_tip(tip, title=f"中文 {tip.title}")
    answer_all(client)
    content = get_zh(client, zh_url("questionnaire:result")).content.decode()
    assert "中文 alcohol" in content or "中文 fatty-liver-disease" in content
    assert "中文 Stay well" in content
    english = client.get(RESULT).content.decode()
    assert "中文 Stay well" not in english


def test_translation_changelists_and_filters_answer(editor_client):
    article = make_article()
    overdue = translate_article(article, next_review_due=datetime.date(2020, 1, 1))
    translate_tip(make_tip())
    changelist = reverse("admin:education_articletranslation_changelist")
    listed = editor_client.get(f"{changelist}?review=overdue")
    assert [item.pk for item in listed.context["cl"].result_list] == [overdue.pk]
    for query in ["", "?english=matches", f"?language={ZH}", "?status=published"]:
        response = editor_client.get(
            reverse("admin:education_tiptranslation_changelist") + query
        )
        assert response.status_code == HTTPStatus.OK


def test_view_on_site_opens_the_page_in_the_translations_language(editor_client):
    article = make_article()
    chinese = translate_article(article)
    assert chinese.get_absolute_url() == zh_url(
        "education:article_detail", slug=article.slug
    )
    tip_change = reverse(
        "admin:education_tiptranslation_change",
        args=[translate_tip(make_tip()).pk],
    )
    response = editor_client.get(tip_change)
    assert response.status_code == HTTPStatus.OK
    assert "viewsitelink" not in response.content.decode()  # Tips have no page.


def test_staff_who_may_only_view_translations_cannot_publish_them(rf):
    """Publishing is a change: view-only staff are not offered the actions."""
    from django.contrib import admin
    from django.contrib.auth.models import Permission, User

    viewer = User.objects.create_user("viewer", is_staff=True)
    viewer.user_permissions.add(
        Permission.objects.get(codename="view_articletranslation")
    )
    request = rf.get("/")
    request.user = viewer
    model_admin = admin.site._registry[ArticleTranslation]
    assert "publish" not in model_admin.get_actions(request)
    assert "unpublish" not in model_admin.get_actions(request)
    request.user = make_editor()
    assert {"publish", "unpublish"} <= model_admin.get_actions(request).keys()
