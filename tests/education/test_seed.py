from http import HTTPStatus

import pytest
from django.core.management import call_command
from reversion.models import Version

from education.causes import Cause
from education.models import Article, Tip
from education.seeding import SEED_DIR, load_seed, parse_seed_file

pytestmark = pytest.mark.django_db


def test_parse_seed_file_reads_header_and_sections():
    header, sections = parse_seed_file(
        "kind: cause\ntitle: Alcohol: a cause\n\nIntro text.\n\n"
        "@@ why_it_raises_alt\nBecause.\n@@ references\n- A source\n"
    )
    assert header == {"kind": "cause", "title": "Alcohol: a cause"}
    assert sections == {
        "body": "Intro text.",
        "why_it_raises_alt": "Because.",
        "references": "- A source",
    }


def test_seed_loads_overview_five_causes_tips_page_and_tips():
    summary = load_seed()
    assert summary.created == len(list(SEED_DIR.glob("*/*.md")))
    assert summary.skipped == []
    assert Article.objects.filter(kind=Article.Kind.OVERVIEW).count() == 1
    assert Article.objects.filter(kind=Article.Kind.TIPS).count() == 1
    assert set(Article.objects.causes().values_list("cause", flat=True)) == set(Cause)
    assert Tip.objects.published().count() >= 5
    assert Article.objects.published().count() == Article.objects.count()


def test_seed_twice_creates_nothing_new():
    load_seed()
    counts = (Article.objects.count(), Tip.objects.count())
    second = load_seed()
    assert second.created == 0
    assert second.kept == sum(counts)
    assert (Article.objects.count(), Tip.objects.count()) == counts


def test_reseed_keeps_staff_edits_and_deletions():
    load_seed()
    article = Article.objects.get(cause=Cause.ALCOHOL)
    article.title = "Alcohol and your liver (edited)"
    article.slug = "alcohol-edited"
    article.save()
    deleted_tip = Tip.objects.first()
    deleted_tip.delete()
    load_seed()
    article.refresh_from_db()
    assert article.title == "Alcohol and your liver (edited)"
    assert Article.objects.filter(cause=Cause.ALCOHOL).count() == 1
    assert not Tip.objects.filter(title=deleted_tip.title).exists()


def test_seed_skips_an_item_that_clashes_with_a_staff_page(tmp_path):
    (tmp_path / "articles").mkdir()
    (tmp_path / "tips").mkdir()
    (tmp_path / "articles" / "10-alcohol.md").write_text(
        "kind: cause\ncause: alcohol\nslug: alcohol\ntitle: Alcohol\nsummary: s\n\n"
        "Body.\n"
    )
    Article.objects.create(
        kind="cause", cause="alcohol", slug="drink", title="Drink", summary="s"
    )
    summary = load_seed(tmp_path)
    assert summary.created == 0
    assert len(summary.skipped) == 1
    assert Article.objects.get(cause="alcohol").title == "Drink"


def test_seeded_items_start_with_a_revision_staff_can_revert_to():
    load_seed()
    article = Article.objects.get(kind=Article.Kind.OVERVIEW)
    assert Version.objects.get_for_object(article).count() == 1


def test_seed_content_command_reports_counts(capsys):
    call_command("seed_content")
    call_command("seed_content")
    output = capsys.readouterr().out
    assert "created 0, kept" in output


def test_every_seeded_cause_is_reachable_from_home(client):
    load_seed()
    home = client.get("/").content.decode()
    for article in Article.objects.causes():
        assert f'href="{article.get_absolute_url()}"' in home
        assert client.get(article.get_absolute_url()).status_code == HTTPStatus.OK
    assert client.get("/liver-health-tips/").status_code == HTTPStatus.OK


SEED_MEDICINES = [
    "entecavir",
    "tenofovir alafenamide",
    "lamivudine",
    "silibinin",
    "polyene phosphatidylcholine",
    "ursodeoxycholic acid",
    "glutathione",
    "glycyrrhizin",
    "tiopronin",
]


@pytest.mark.parametrize("medicine", SEED_MEDICINES)
def test_seed_keeps_every_named_medicine_under_medical_guidance(medicine):
    load_seed()
    article = Article.objects.get(doctor_treatments__icontains=medicine)
    assert "only under medical guidance" in article.doctor_treatments.lower()


def test_seed_has_no_untranslated_words():
    for path in SEED_DIR.glob("*/*.md"):
        text = path.read_text(encoding="utf-8")
        assert not any("\u4e00" <= char <= "\u9fff" for char in text), path.name
