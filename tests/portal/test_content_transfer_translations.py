"""Content export format 2: translations and the hospital name per language travel
with the content, under the same rules as the originals; version 1 files still
import and leave translations alone."""

import copy
import io
import json
import re
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from reversion.models import Version

from education.models import (
    Article,
    ArticleTranslation,
    SeedRecord,
    Status,
    Tip,
    TipTranslation,
    source_fingerprint,
)
from education.seeding import load_translations, translation_sources
from portal.content_transfer import (
    ARTICLE_TRANSLATION_FIELDS,
    TIP_TRANSLATION_FIELDS,
    export_content,
    import_content,
)
from portal.models import SiteSettings
from tests.factories import make_article, make_tip
from tests.portal.test_content_transfer import backdate, export_to, run, write

pytestmark = pytest.mark.django_db

ZH = "zh-hans"


def translation_counts():
    return (
        ArticleTranslation.objects.count(),
        TipTranslation.objects.count(),
        Version.objects.count(),
    )


def translations_snapshot():
    """Every translation as plain values, keyed by uid."""
    rows = {}
    for model, fields, original in [
        (ArticleTranslation, ARTICLE_TRANSLATION_FIELDS, "article__slug"),
        (TipTranslation, TIP_TRANSLATION_FIELDS, "tip__title"),
    ]:
        for row in model.objects.values(
            "uid", original, *fields, "created_at", "updated_at"
        ):
            rows[str(row["uid"])] = row
    return rows


@pytest.fixture
def translated():
    """An article and a tip, each with a Chinese translation, two hours old."""
    article = make_article(
        title="Alcohol",
        slug="alcohol",
        cause="alcohol",
        why_it_raises_alt="Acetaldehyde harms liver cells.",
    )
    tip = make_tip(title="Sleep well", body="Go to bed before 11 pm.")
    article_zh = ArticleTranslation(
        article=article,
        language=ZH,
        title="饮酒",
        summary="饮酒会让谷丙转氨酶（ALT）升高。",
        body="## 饮酒与肝脏\n\n乙醛会损伤肝细胞。",
        why_it_raises_alt="乙醛会损伤肝细胞。",
        status=Status.PUBLISHED,
        last_reviewed_on="2026-10-01",
        next_review_due="2027-10-01",
        reviewer="王医生，肝病科",
    )
    article_zh.mark_up_to_date()
    article_zh.save()
    tip_zh = TipTranslation(
        tip=tip, language=ZH, title="睡好觉", body="晚上11点前睡觉。"
    )
    tip_zh.save()  # A draft, never marked as matching the English.
    site = SiteSettings.load()
    site.hospital_name = "St Example's Hospital"
    site.hospital_name_translations = {ZH: "示例医院"}
    site.save()
    backdate(article, tip, article_zh, tip_zh)
    return article_zh, tip_zh


def chinese(document, kind="articles", position=0):
    return document[kind][position]["translations"][0]


# Export ---------------------------------------------------------------------------


def test_export_nests_each_translation_in_its_original(translated):
    document = export_content()
    assert document["version"] == 2
    article, tip = document["articles"][0], document["tips"][0]
    assert [t["language"] for t in article["translations"]] == [ZH]
    exported = article["translations"][0]
    assert set(exported) == {
        "uid",
        *ARTICLE_TRANSLATION_FIELDS,
        "created_at",
        "updated_at",
    }
    assert exported["title"] == "饮酒"
    assert exported["reviewer"] == "王医生，肝病科"
    assert exported["last_reviewed_on"] == "2026-10-01"
    assert exported["source_fingerprint"] == source_fingerprint(Article.objects.get())
    assert tip["translations"][0]["title"] == "睡好觉"
    assert tip["translations"][0]["status"] == "draft"
    assert document["site_settings"]["hospital_name_translations"] == {ZH: "示例医院"}
    # Chinese as Chinese in the file, not \\u escapes.
    assert "饮酒" in run("export_content")


def test_export_reads_translations_in_a_fixed_number_of_queries(
    translated, django_assert_max_num_queries
):
    for number in range(5):
        original = make_article(slug=f"more-{number}")
        ArticleTranslation.objects.create(
            article=original, language=ZH, title="标题", summary="摘要", body="正文"
        )
    with django_assert_max_num_queries(5):
        export_content()


# Round trip -------------------------------------------------------------------------


def test_round_trip_with_translations_reproduces_them(translated, tmp_path):
    before = translations_snapshot()
    path = tmp_path / "backup.json"
    export_to(path)

    Article.objects.all().delete()  # Their translations go with them.
    Tip.objects.all().delete()
    SiteSettings.objects.all().delete()
    Version.objects.all().delete()
    assert not ArticleTranslation.objects.exists()

    output = run("import_content", str(path), "--include-site-settings")
    assert "Created 5, updated 0, unchanged 0, conflicts 0." in output
    assert "Created: translation into zh-hans of article “Alcohol”" in output
    assert "Created: translation into zh-hans of tip “Sleep well”" in output
    assert translations_snapshot() == before
    article_zh = ArticleTranslation.objects.get()
    # Still translated from the current English; the tip's never was.
    assert not article_zh.is_out_of_date
    assert TipTranslation.objects.get().is_out_of_date
    assert SiteSettings.load().hospital_name_translations == {ZH: "示例医院"}
    version = Version.objects.get_for_object(article_zh).get()
    assert version.revision.comment == f"Imported from {path}"
    assert version.field_dict["title"] == "饮酒"

    output = run("import_content", str(path), "--include-site-settings")
    assert "Created 0, updated 0, unchanged 5, conflicts 0." in output
    assert translations_snapshot() == before


def test_new_translations_can_arrive_as_drafts(translated, tmp_path):
    path = tmp_path / "export.json"
    export_to(path)
    Article.objects.all().delete()
    run("import_content", str(path), "--new-as-drafts")
    assert ArticleTranslation.objects.get().status == Status.DRAFT


def test_a_translation_is_added_to_an_existing_original(translated):
    document = export_content()
    ArticleTranslation.objects.all().delete()
    report = import_content(document, source="with-chinese.json")
    assert report.created == ["translation into zh-hans of article “Alcohol”"]
    assert report.published_created == report.created
    assert report.unchanged == [
        "article “Alcohol”",
        "tip “Sleep well”",
        ("translation into zh-hans of tip “Sleep well”"),
    ]
    assert ArticleTranslation.objects.get().article == Article.objects.get()


def test_translations_travel_with_originals_matched_by_slug_or_title(translated):
    """Another site that loaded the same starter content: other uids."""
    document = export_content()
    document["articles"][0]["uid"] = "8c1d8a0e-1b7c-4b57-9a0e-6f0f2f0b9a11"
    chinese(document)["uid"] = "0d6f5f0e-2c3b-4a8e-8a77-3c9a3b1e2f40"
    ArticleTranslation.objects.all().delete()

    import_content(document, source="other-site.json")
    article_zh = ArticleTranslation.objects.get()
    assert str(article_zh.uid) == "0d6f5f0e-2c3b-4a8e-8a77-3c9a3b1e2f40"
    assert article_zh.article == Article.objects.get(slug="alcohol")


# Conflicts: the rules of the originals, per translation -----------------------------


def test_an_untouched_imported_translation_takes_a_later_version(translated):
    document = export_content()
    ArticleTranslation.objects.all().delete()
    import_content(document, source="v1.json")

    later = timezone.now() - timedelta(minutes=1)
    new_body = "## 新版本\n\n更新的正文。"
    chinese(document).update(body=new_body, updated_at=later.isoformat())
    report = import_content(document, source="v2.json")
    assert report.updated == ["translation into zh-hans of article “Alcohol”"]
    article_zh = ArticleTranslation.objects.get()
    assert article_zh.body == new_body
    assert "<h2>新版本</h2>" in article_zh.body_html
    assert article_zh.updated_at == later
    assert Version.objects.get_for_object(article_zh).count() == 2


def test_a_translation_edited_here_since_its_import_is_a_conflict(translated):
    document = export_content()
    ArticleTranslation.objects.all().delete()
    import_content(document, source="first.json")

    article_zh = ArticleTranslation.objects.get()
    article_zh.body = "本地的更正。"
    article_zh.save()
    backdate(article_zh, by=timedelta(hours=1))  # Whatever the times say.
    chinese(document).update(
        body="文件里的新正文。",
        updated_at=(timezone.now() - timedelta(minutes=1)).isoformat(),
    )
    # The English in the file is newer too, and nobody edited it here.
    document["articles"][0].update(
        body="Newer English.",
        updated_at=(timezone.now() - timedelta(minutes=1)).isoformat(),
    )

    report = import_content(document, source="second.json")
    assert [conflict.kind for conflict in report.conflicts] == [
        "translation into zh-hans of article “Alcohol”"
    ]
    article_zh.refresh_from_db()
    assert article_zh.body == "本地的更正。"
    # The original follows its own rules: updated.
    assert report.updated == ["article “Alcohol”"]
    assert Article.objects.get().body == "Newer English."


def test_a_translation_conflict_is_reported_by_the_command(translated, tmp_path):
    path = tmp_path / "export.json"
    document = export_to(path)
    article_zh, _tip_zh = translated
    article_zh.title = "饮酒与肝脏"
    article_zh.save()  # Changed here after the export.
    chinese(document)["title"] = "文件里的标题"
    write(path, document)

    output = run("import_content", str(path))
    assert "conflicts 1." in output
    assert "  translation into zh-hans of article “Alcohol”: changed here" in output
    article_zh.refresh_from_db()
    assert article_zh.title == "饮酒与肝脏"


def test_review_state_of_a_translation_is_imported_on_its_own(translated):
    """Signing off a translation elsewhere updates it here, English untouched."""
    document = export_content()
    ArticleTranslation.objects.all().delete()
    import_content(document, source="first.json")
    english_before = Article.objects.values().get()

    chinese(document).update(
        reviewer="李医生",
        last_reviewed_on="2026-11-20",
        updated_at=(timezone.now() - timedelta(minutes=1)).isoformat(),
    )
    report = import_content(document, source="signed-off.json")
    assert report.updated == ["translation into zh-hans of article “Alcohol”"]
    assert ArticleTranslation.objects.get().reviewer == "李医生"
    assert Article.objects.values().get() == english_before


@pytest.fixture
def seed_dir(tmp_path, monkeypatch):
    """A starter translation of the alcohol page (education/seed/zh-hans/)."""
    folder = tmp_path / "seed" / ZH / "articles"
    folder.mkdir(parents=True)
    (folder / "20-alcohol.md").write_text(
        "title: 饮酒\nsummary: 喝酒会让 ALT 升高。\n\n@@ body\n喝酒过多。\n",
        encoding="utf-8",
    )
    (tmp_path / "seed" / "articles").mkdir()
    (tmp_path / "seed" / "articles" / "20-alcohol.md").write_text(
        "kind: cause\ncause: alcohol\nslug: alcohol\ntitle: Alcohol\norder: 20\n"
        "summary: Alcohol can raise ALT.\n\n@@ body\nDrinking too much.\n",
        encoding="utf-8",
    )
    seed = tmp_path / "seed"
    monkeypatch.setattr(
        "portal.content_transfer.translation_sources",
        lambda: translation_sources(seed),
    )
    return seed


def test_a_restored_version_2_file_stops_the_starter_translations(translated, seed_dir):
    """Deleted before the backup: not brought back by the seed after a restore."""
    ArticleTranslation.objects.all().delete()
    document = export_content()
    Article.objects.all().delete()
    Tip.objects.all().delete()
    SeedRecord.objects.all().delete()

    import_content(document, source="backup.json")
    assert SeedRecord.objects.filter(key="zh-hans/articles/20-alcohol.md").exists()
    assert load_translations(seed_dir).created == []
    assert not ArticleTranslation.objects.exists()


def test_a_restored_version_1_file_still_gets_the_starter_translations(seed_dir):
    SeedRecord.objects.all().delete()
    import_content(copy.deepcopy(V1_DOCUMENT), source="old-backup.json")
    assert load_translations(seed_dir).created == ["zh-hans/articles/20-alcohol.md"]
    assert Article.objects.get(slug="alcohol").translations.get().title == "饮酒"


# Version 1 files ------------------------------------------------------------------

# A file from a site before format 2, as its export_content wrote it.
V1_DOCUMENT = {
    "format": "alt-portal-content",
    "version": 1,
    "exported_at": "2026-11-01T09:00:00+00:00",
    "articles": [
        {
            "uid": "5b0c6f9e-7d0a-4d8e-9b61-0e5a2f3c4d10",
            "kind": "cause",
            "cause": "alcohol",
            "title": "Alcohol",
            "slug": "alcohol",
            "summary": "Summary from the other site.",
            "body": "Body from the other site.",
            "why_it_raises_alt": "",
            "what_you_can_do": "",
            "doctor_treatments": "",
            "references": "",
            "order": 1,
            "status": "published",
            "last_reviewed_on": None,
            "next_review_due": None,
            "reviewer": "",
            "created_at": "2026-10-01T09:00:00+00:00",
            "updated_at": "2026-11-01T08:00:00+00:00",
        },
        {
            "uid": "6c1d7fa0-8e1b-4e9f-8c72-1f6b3a4d5e21",
            "kind": "cause",
            "cause": "sleep-exertion",
            "title": "Sleep",
            "slug": "sleep",
            "summary": "About sleep.",
            "body": "Sleep text.",
            "why_it_raises_alt": "",
            "what_you_can_do": "",
            "doctor_treatments": "",
            "references": "",
            "order": 2,
            "status": "published",
            "last_reviewed_on": "2026-10-01",
            "next_review_due": "2027-10-01",
            "reviewer": "Dr B",
            "created_at": "2026-10-01T09:00:00+00:00",
            "updated_at": "2026-11-01T08:00:00+00:00",
        },
    ],
    "tips": [
        {
            "uid": "7d2e80b1-9f2c-4fa0-9d83-2a7c4b5e6f32",
            "title": "Sleep well",
            "body": "Tip from the other site.",
            "order": 1,
            "status": "published",
            "updated_at": "2026-11-01T08:00:00+00:00",
        }
    ],
    "site_settings": {
        "hospital_name": "Other Site Hospital",
        "contact_phone": "",
        "emergency_number": "112",
        "booking_url": "",
        "default_upper_limit_female": "25.0",
        "default_upper_limit_male": "33.0",
        "default_upper_limit_other": "25.0",
        "drink_country": "international",
        "logo": None,
        "updated_at": "2026-11-01T08:00:00+00:00",
    },
}


def test_a_version_1_file_imports_and_leaves_translations_alone(translated, tmp_path):
    backdate(*Article.objects.all(), *Tip.objects.all(), by=timedelta(days=60))
    backdate(SiteSettings.objects.get(), by=timedelta(days=60))
    before = translations_snapshot()
    path = write(tmp_path / "old-format.json", V1_DOCUMENT)

    output = run("import_content", str(path), "--include-site-settings")
    assert "Created 1, updated 3, unchanged 0, conflicts 0." in output
    assert Article.objects.get(slug="alcohol").body == "Body from the other site."
    assert Tip.objects.get().body == "Tip from the other site."
    # The translations are as they were: same rows, text, review, times.
    assert translations_snapshot() == before
    # Now translated from an older English text, and so shown as out of date.
    assert ArticleTranslation.objects.get().is_out_of_date
    site = SiteSettings.load()
    assert site.hospital_name == "Other Site Hospital"
    assert site.hospital_name_translations == {ZH: "示例医院"}


def test_settings_imported_from_version_1_take_a_later_version_2(tmp_path):
    """Settings brought by a version 1 file are not "edited here" for a version 2
    file just because the new field was missing from the first."""
    SiteSettings.objects.all().delete()
    document = copy.deepcopy(V1_DOCUMENT)
    import_content(document, source="v1.json", include_site_settings=True)

    document["version"] = 2
    for item in [*document["articles"], *document["tips"]]:
        item["translations"] = []
    document["site_settings"].update(
        hospital_name_translations={ZH: "另一家医院"},
        updated_at=(timezone.now() - timedelta(minutes=1)).isoformat(),
    )
    report = import_content(document, source="v2.json", include_site_settings=True)
    assert report.updated == ["site settings"]
    assert SiteSettings.load().hospital_name_translations == {ZH: "另一家医院"}


# Refused files: nothing written, the message names the item and the language ------


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda doc: chinese(doc).update(language="fr"),
            "article 1 (“Alcohol”), translation into “fr”: this site has no such "
            "language to translate into (it has: zh-hans; originals are in “en”).",
        ),
        (
            lambda doc: chinese(doc, "tips").update(language="en"),
            "tip 1 (“Sleep well”), translation into “en”: this site has no such",
        ),
        (
            lambda doc: doc["articles"][0]["translations"].append(
                {**chinese(doc), "uid": "3f6b7b1c-0f4e-4a55-b0a9-2d0f8c9e7a10"}
            ),
            "article 1 (“Alcohol”) has two translations into “zh-hans”.",
        ),
        (
            lambda doc: doc["articles"][0].pop("translations"),
            'article 1 (“Alcohol”) has no list of translations ("translations": [...])',
        ),
        (
            lambda doc: chinese(doc).pop("reviewer"),
            "article 1 (“Alcohol”), translation into “zh-hans” has no reviewer.",
        ),
        (
            lambda doc: chinese(doc).update(uid="nope"),
            "translation into “zh-hans” has an invalid uid",
        ),
        (
            lambda doc: (
                chinese(doc, "tips").update(uid=chinese(doc, "tips")["uid"])
                or doc["tips"].append(
                    {
                        **doc["tips"][0],
                        "uid": "3f6b7b1c-0f4e-4a55-b0a9-2d0f8c9e7a10",
                        "title": "Another tip",
                    }
                )
            ),
            "tip 2 (“Another tip”), translation into “zh-hans” has the same uid as "
            "another translation.",
        ),
        (
            lambda doc: chinese(doc).update(body="x" * 20_000),
            "article 1 (“Alcohol”), translation into “zh-hans”: body: This text is "
            "20,000 characters long",
        ),
        (
            lambda doc: chinese(doc).update(title="a\u0000b"),
            "translation into “zh-hans”: title contains a NUL character",
        ),
        (
            lambda doc: chinese(doc).update(status="maybe"),
            "translation into “zh-hans”: status",
        ),
        (
            lambda doc: chinese(doc).update(
                updated_at=(timezone.now() + timedelta(days=1)).isoformat()
            ),
            "translation into “zh-hans”: the time it was changed",
        ),
        (
            lambda doc: doc["site_settings"].update(
                hospital_name_translations={"fr": "Hôpital"}
            ),
            "the site settings: hospital_name_translations: “fr” is not one of this "
            "site's other languages (zh-hans).",
        ),
        (
            lambda doc: doc["site_settings"].pop("hospital_name_translations"),
            "The site settings have no hospital_name_translations.",
        ),
    ],
)
def test_an_invalid_translation_stops_the_whole_import(
    translated, tmp_path, change, message
):
    document = export_content()
    Article.objects.all().delete()
    Tip.objects.all().delete()
    SeedRecord.objects.all().delete()
    change(document)
    path = write(tmp_path / "bad.json", document)
    before = (Article.objects.count(), Tip.objects.count(), *translation_counts())
    settings_before = SiteSettings.objects.values().get()

    with pytest.raises(CommandError, match=re.escape(message)) as error:
        run("import_content", str(path), "--include-site-settings")
    assert str(error.value).endswith("Nothing was imported.")
    after = (Article.objects.count(), Tip.objects.count(), *translation_counts())
    assert after == before
    assert SiteSettings.objects.values().get() == settings_before


def test_a_version_3_file_is_refused_as_newer(tmp_path):
    path = write(
        tmp_path / "newer.json",
        {"format": "alt-portal-content", "version": 3, "articles": [], "tips": []},
    )
    with pytest.raises(CommandError) as error:
        run("import_content", str(path))
    assert str(error.value) == (
        "This file is version 3 of the content export; this site imports version 1 "
        "or 2 only. Export it again from a site running the same ALT Portal release. "
        "Nothing was imported."
    )


def test_the_export_command_counts_translations(translated, tmp_path):
    path = tmp_path / "out.json"
    err = io.StringIO()
    call_command("export_content", "--output", str(path), stderr=err)
    assert "2 translations" in err.getvalue()
    assert json.loads(path.read_text(encoding="utf-8"))["version"] == 2
