"""Loading the starter translations (education/seed/<language>/)."""

import shutil

import pytest
from django.core.management import call_command
from reversion.models import Version

from education.models import Article, ArticleTranslation, SeedRecord, Status, Tip
from education.seeding import (
    SEED_DIR,
    build_item,
    fingerprint,
    load_seed,
    load_translations,
    translation_sources,
)

pytestmark = pytest.mark.django_db

ZH = "zh-hans"

ENGLISH_ARTICLE = (
    "kind: cause\ncause: alcohol\nslug: alcohol\ntitle: Alcohol\norder: 20\n"
    "summary: Alcohol can raise ALT.\n\n"
    "@@ body\nDrinking too much is a common cause.\n\n"
    "@@ why_it_raises_alt\nAlcohol harms liver cells.\n\n"
    "@@ references\n- A source\n"
)
CHINESE_ARTICLE = (
    "title: 饮酒\nsummary: 喝酒会让谷丙转氨酶（ALT）升高。\n\n"
    "@@ body\n喝酒过多是 ALT 升高的常见原因。\n\n"
    "@@ why_it_raises_alt\n酒精会伤害肝细胞。\n\n"
    "@@ references\n- A source\n"
)
ENGLISH_TIP = "title: Keep a regular sleep routine\norder: 10\n\nGo to bed on time.\n"
CHINESE_TIP = "title: 保持规律的作息\n\n按时睡觉。\n"


@pytest.fixture
def seed_dir(tmp_path):
    for folder, name, english, chinese in [
        ("articles", "20-alcohol.md", ENGLISH_ARTICLE, CHINESE_ARTICLE),
        ("tips", "10-regular-sleep.md", ENGLISH_TIP, CHINESE_TIP),
    ]:
        (tmp_path / folder).mkdir()
        (tmp_path / folder / name).write_text(english, encoding="utf-8")
        (tmp_path / ZH / folder).mkdir(parents=True)
        (tmp_path / ZH / folder / name).write_text(chinese, encoding="utf-8")
    return tmp_path


def test_starter_translations_load_published_unreviewed_and_up_to_date(seed_dir):
    load_seed(seed_dir)
    summary = load_translations(seed_dir)
    assert summary.created == [
        "zh-hans/articles/20-alcohol.md",
        "zh-hans/tips/10-regular-sleep.md",
    ]
    assert summary.skipped == []
    article = Article.objects.get(slug="alcohol")
    chinese = article.translations.get(language=ZH)
    assert chinese.title == "饮酒"
    assert chinese.summary == "喝酒会让谷丙转氨酶（ALT）升高。"
    assert chinese.body == "喝酒过多是 ALT 升高的常见原因。"
    assert chinese.why_it_raises_alt == "酒精会伤害肝细胞。"
    assert "<li>A source</li>" in chinese.references_html
    assert chinese.status == Status.PUBLISHED
    assert chinese.last_reviewed_on is None
    assert chinese.reviewer == ""
    assert not chinese.is_out_of_date
    assert Version.objects.get_for_object(chinese).count() == 1
    tip = Tip.objects.get().translations.get(language=ZH)
    assert (tip.title, tip.body) == ("保持规律的作息", "按时睡觉。")
    assert SeedRecord.objects.filter(key__startswith="zh-hans/").count() == 2


def test_loading_again_never_overwrites_an_edit_or_revives_a_deletion(seed_dir):
    load_seed(seed_dir)
    load_translations(seed_dir)
    chinese = ArticleTranslation.objects.get()
    chinese.title = "饮酒与肝脏（已编辑）"
    chinese.save()
    Tip.objects.get().translations.all().delete()
    again = load_translations(seed_dir)
    assert again.created == []
    assert again.kept == 2
    chinese.refresh_from_db()
    assert chinese.title == "饮酒与肝脏（已编辑）"
    assert not Tip.objects.get().translations.exists()


def test_source_fingerprint_is_the_english_as_seeded(seed_dir):
    load_seed(seed_dir)
    article = Article.objects.get()
    article.body = "Edited by staff before the translations were loaded."
    article.save()
    load_translations(seed_dir)
    chinese = article.translations.get()
    assert chinese.source_fingerprint == fingerprint(
        build_item(seed_dir / "articles" / "20-alcohol.md")
    )
    assert chinese.is_out_of_date  # It translates the English as seeded.


def test_a_staff_translation_made_first_is_kept(seed_dir):
    load_seed(seed_dir)
    article = Article.objects.get()
    ArticleTranslation.objects.create(
        article=article, language=ZH, title="员工译文", summary="s", body="b"
    )
    summary = load_translations(seed_dir)
    assert len(summary.skipped) == 1
    assert "already translated" in summary.skipped[0]
    assert article.translations.get().title == "员工译文"
    assert load_translations(seed_dir).skipped == []  # Said once.


def test_missing_english_original_is_skipped_with_a_message(seed_dir):
    (seed_dir / ZH / "articles" / "99-no-such-page.md").write_text(
        CHINESE_ARTICLE, encoding="utf-8"
    )
    load_seed(seed_dir)
    Tip.objects.all().delete()  # Staff deleted the English tip.
    summary = load_translations(seed_dir)
    assert summary.created == ["zh-hans/articles/20-alcohol.md"]
    assert sorted(summary.skipped) == [
        "zh-hans/articles/99-no-such-page.md: no English seed file "
        "articles/99-no-such-page.md",
        "zh-hans/tips/10-regular-sleep.md: its English original is not on this site",
    ]


def test_a_translation_with_an_unknown_section_is_skipped(seed_dir):
    (seed_dir / ZH / "articles" / "20-alcohol.md").write_text(
        CHINESE_ARTICLE + "@@ no_such_section\n文字\n", encoding="utf-8"
    )
    load_seed(seed_dir)
    summary = load_translations(seed_dir)
    assert summary.created == ["zh-hans/tips/10-regular-sleep.md"]
    assert "Unknown sections" in summary.skipped[0]


def test_seed_content_command_loads_translations_once(seed_dir, monkeypatch, capsys):
    monkeypatch.setattr("education.seeding.SEED_DIR", seed_dir)
    monkeypatch.setattr(
        "education.management.commands.seed_content.load_seed",
        lambda: load_seed(seed_dir),
    )
    monkeypatch.setattr(
        "education.management.commands.seed_content.load_translations",
        lambda: load_translations(seed_dir),
    )
    call_command("seed_content")
    call_command("seed_content")
    output = capsys.readouterr().out
    assert "Seed translations: created 2, kept 0" in output
    assert "Seed translations: created 0, kept 2" in output


def test_every_shipped_starter_translation_loads(tmp_path):
    """The real files in education/seed/<language>/ (if any are shipped yet)."""
    shutil.copytree(SEED_DIR, tmp_path / "seed")
    sources = list(translation_sources(tmp_path / "seed"))
    if not sources:
        pytest.skip("No starter translations shipped yet.")
    load_seed(tmp_path / "seed")
    summary = load_translations(tmp_path / "seed")
    assert summary.skipped == []
    assert len(summary.created) == len(sources)
