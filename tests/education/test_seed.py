import datetime
import json
import re
from http import HTTPStatus

import pytest
from django.core.management import call_command
from reversion.models import Version

from education.causes import Cause
from education.models import Article, SeedRecord, Tip
from education.readability import (
    TARGET_GRADE,
    article_reading_score,
    reading_score,
    tip_reading_score,
)
from education.seeding import (
    PREVIOUS_VERSIONS_FILE,
    SEED_DIR,
    build_item,
    fingerprint,
    items_with_newer_starter_version,
    load_seed,
    newer_starter_version,
    parse_seed_file,
    previous_versions,
    resolve_starter_version,
    seed_sources,
)
from questionnaire.rules import WARNING_SIGN_URGENCY, Urgency, WarningSign

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


def test_seed_loads_overview_causes_tips_page_and_tips():
    summary = load_seed()
    assert summary.created == len(list(SEED_DIR.glob("*/*.md")))
    assert summary.skipped == []
    assert Article.objects.filter(kind=Article.Kind.OVERVIEW).count() == 1
    assert Article.objects.filter(kind=Article.Kind.TIPS).count() == 1
    # One page per questionnaire cause, plus "Other causes" (linked to none).
    assert set(Article.objects.causes().values_list("cause", flat=True)) == {
        *Cause,
        "",
    }
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


# Upgrading the starter content
# -----------------------------


def write_seed(seed_dir, *, alcohol_body, tip_body, previous=None):
    """Write a two-item seed (one article, one tip) into ``seed_dir``."""
    (seed_dir / "articles").mkdir(parents=True, exist_ok=True)
    (seed_dir / "tips").mkdir(parents=True, exist_ok=True)
    (seed_dir / "articles" / "20-alcohol.md").write_text(
        "kind: cause\ncause: alcohol\nslug: alcohol\ntitle: Alcohol\n"
        f"summary: About alcohol.\n\n{alcohol_body}\n\n@@ references\n- A source\n"
    )
    (seed_dir / "tips" / "20-avoid-alcohol.md").write_text(
        f"title: Avoid alcohol\norder: 20\n\n{tip_body}\n"
    )
    if previous is not None:
        (seed_dir / PREVIOUS_VERSIONS_FILE).write_text(json.dumps(previous))


def fingerprints_of(seed_dir):
    return {
        key: {"fingerprints": [fingerprint(build_item(path))]}
        for key, _build, path in seed_sources(seed_dir)
    }


@pytest.fixture
def upgraded_seed(tmp_path):
    """Load release 1 of a small seed, then return a function that writes
    release 2 (its previous-versions file listing release 1) and loads it."""
    old, new = tmp_path / "old", tmp_path / "new"
    write_seed(old, alcohol_body="Old wrong text.", tip_body="Old tip.")
    load_seed(old)

    def _upgrade():
        write_seed(
            new,
            alcohol_body="New corrected text.",
            tip_body="New tip.",
            previous=fingerprints_of(old),
        )
        return load_seed(new), new

    return _upgrade


def test_upgraded_seed_updates_pages_nobody_edited(upgraded_seed):
    summary, new = upgraded_seed()
    assert sorted(summary.updated) == ["article:20-alcohol", "tip:20-avoid-alcohol"]
    assert Article.objects.get(slug="alcohol").body == "New corrected text."
    assert Tip.objects.get().body == "New tip."
    article = Article.objects.get(slug="alcohol")
    assert Version.objects.get_for_object(article).count() == 2
    assert newer_starter_version(article, new) is None


def test_upgraded_seed_keeps_an_edit_and_offers_the_new_version(upgraded_seed):
    article = Article.objects.get(slug="alcohol")
    article.body = "Our clinic's own text."
    article.save()
    summary, new = upgraded_seed()
    article.refresh_from_db()
    assert article.body == "Our clinic's own text."
    assert summary.newer_version_offered == ["article:20-alcohol"]
    assert summary.updated == ["tip:20-avoid-alcohol"]
    starter = newer_starter_version(article, new)
    assert starter.body == "New corrected text."
    # Loading again changes nothing and keeps offering it.
    again = load_seed(new)
    article.refresh_from_db()
    assert article.body == "Our clinic's own text."
    assert again.newer_version_offered == ["article:20-alcohol"]


def test_upgraded_seed_does_not_touch_a_page_a_clinician_reviewed(upgraded_seed):
    article = Article.objects.get(slug="alcohol")
    article.last_reviewed_on = datetime.date(2026, 11, 1)
    article.save()
    summary, _new = upgraded_seed()
    article.refresh_from_db()
    assert article.body == "Old wrong text."
    assert summary.newer_version_offered == ["article:20-alcohol"]


def test_saving_a_page_unchanged_does_not_count_as_an_edit(upgraded_seed):
    article = Article.objects.get(slug="alcohol")
    article.body = article.body.replace("\n", "\r\n") + "\r\n"  # as a browser sends
    article.save()
    summary, _new = upgraded_seed()
    assert "article:20-alcohol" in summary.updated


def test_site_seeded_before_fingerprints_were_kept_is_upgraded_safely(upgraded_seed):
    # A site that ran the old seed command: its records have no fingerprint
    # or item ID. The unedited tip is updated, the edited article kept.
    article = Article.objects.get(slug="alcohol")
    article.body = "Edited before the upgrade."
    article.save()
    SeedRecord.objects.update(fingerprint="", object_uid=None)
    summary, new = upgraded_seed()
    article.refresh_from_db()
    assert article.body == "Edited before the upgrade."
    assert Tip.objects.get().body == "New tip."
    assert summary.newer_version_offered == ["article:20-alcohol"]
    assert newer_starter_version(article, new).body == "New corrected text."


def test_a_deleted_page_stays_deleted_after_an_upgrade(upgraded_seed):
    Tip.objects.all().delete()
    upgraded_seed()
    assert not Tip.objects.exists()


@pytest.mark.parametrize("adopt", [True, False])
def test_staff_adopt_or_dismiss_a_newer_starter_version(upgraded_seed, adopt):
    article = Article.objects.get(slug="alcohol")
    article.body = "Our clinic's own text."
    article.save()
    _summary, new = upgraded_seed()
    assert resolve_starter_version(article, adopt=adopt, seed_dir=new)
    article.refresh_from_db()
    expected = "New corrected text." if adopt else "Our clinic's own text."
    assert article.body == expected
    assert newer_starter_version(article, new) is None
    assert items_with_newer_starter_version(Article, new) == set()


FIRST_RELEASE_KEYS = {
    "article:00-what-a-raised-alt-means",
    "article:10-sleep-loss-and-overexertion",
    "article:20-alcohol",
    "article:30-viral-hepatitis",
    "article:40-fatty-liver-disease",
    "article:50-medicines-and-liver-injury",
    "article:60-liver-health-tips",
    "tip:10-regular-sleep",
    "tip:20-avoid-alcohol",
    "tip:30-balanced-diet",
    "tip:40-ask-before-medicines",
    "tip:50-liver-check-ups",
    "tip:60-stay-active",
    "tip:70-hepatitis-test",
}


def test_shipped_seed_knows_every_first_release_item_so_old_sites_upgrade():
    previous = previous_versions()
    assert set(previous) == FIRST_RELEASE_KEYS
    current = {key for key, _build, _path in seed_sources()}
    assert FIRST_RELEASE_KEYS <= current
    for key, entry in previous.items():
        assert entry["fingerprints"], key
        if key.startswith("tip:"):
            assert entry["titles"], key


# The corrected content
# ---------------------

SEED_FILES = sorted(SEED_DIR.glob("*/*.md"))


def patient_sections(path):
    header, sections = parse_seed_file(path.read_text(encoding="utf-8"))
    sections.pop("references", None)
    if "summary" in header:
        sections["summary"] = header["summary"]
    return sections


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda path: path.stem)
def test_every_seed_item_reads_at_grade_6_or_below(path):
    sections = patient_sections(path)
    whole = reading_score(*sections.values())
    assert whole.grade <= TARGET_GRADE, whole
    for name, text in sections.items():
        score = reading_score(text)
        assert score.grade <= TARGET_GRADE, f"{name}: grade {score}"


@pytest.mark.parametrize("path", SEED_FILES, ids=lambda path: path.stem)
def test_admin_shows_the_same_grade_as_the_seed_test(path):
    item = build_item(path)
    score = (
        article_reading_score(item)
        if isinstance(item, Article)
        else tip_reading_score(item)
    )
    assert score == reading_score(*patient_sections(path).values())


WRONG_OR_HARD = [
    "mostly when taken for a long time",
    "when they are taken for a long time",
    "puts extra strain on your liver",
    "find a problem early, so it can be treated",
    "does not tell you how serious",
    "every adult has",
    "every adult should",
    "hepatocyte",
    "antipyretic",
    "analgesic",
    "metabolite",
    "acetaldehyde",
    "necrosis",
    "cell membrane",
    "metabolism",
    "lets more through than usual",
]


@pytest.mark.parametrize("phrase", WRONG_OR_HARD)
def test_wrong_overstated_and_jargon_phrases_are_gone(phrase):
    for path in SEED_FILES:
        assert phrase not in path.read_text(encoding="utf-8").lower(), path.name


def test_sleep_loss_is_described_as_uncertain_not_as_fact():
    load_seed()
    page = Article.objects.get(cause=Cause.SLEEP_AND_EXERTION)
    assert "may" in page.summary
    assert "We do not know if one short night" in page.why_it_raises_alt


NON_STANDARD_MEDICINES = {
    Cause.FATTY_LIVER: ["silibinin", "polyene phosphatidylcholine", "ursodeoxycholic"],
    Cause.DRUG_INJURY: ["glutathione", "glycyrrhizin", "tiopronin"],
}


@pytest.mark.parametrize("cause", NON_STANDARD_MEDICINES)
def test_non_standard_medicines_say_where_they_are_used_and_who_decides(cause):
    load_seed()
    text = Article.objects.get(cause=cause).doctor_treatments
    for medicine in NON_STANDARD_MEDICINES[cause]:
        assert medicine in text
    assert "used in some countries" in text
    assert "not standard treatment everywhere" in text
    assert "Only a doctor can decide" in text


def test_hepatitis_b_page_says_lamivudine_is_not_first_choice():
    load_seed()
    text = Article.objects.get(cause=Cause.VIRAL_HEPATITIS).doctor_treatments
    assert "Lamivudine is an older medicine" in text
    assert "usually choose others first" in text


def test_medicines_page_names_the_paracetamol_antidote():
    load_seed()
    page = Article.objects.get(cause=Cause.DRUG_INJURY)
    assert "acetylcysteine" in page.what_you_can_do
    assert "3 months" in page.body


def test_hepatitis_testing_advice_is_not_one_countrys_policy():
    load_seed()
    page = Article.objects.get(cause=Cause.VIRAL_HEPATITIS)
    assert "not the same in every country" in page.what_you_can_do
    tip = Tip.objects.get(title__icontains="hepatitis")
    assert "differs between countries" in tip.body


# The check's warning signs after the clinical review of 2026-11; the overview
# lists each one (its wording is the article's own).
WARNING_SIGNS_ON_THE_OVERVIEW = [
    "you feel confused, or you are very sleepy",
    "you vomit blood, or your poo is black and sticky",
    "you have taken too much paracetamol",
    "you faint or pass out",
    "sudden, very bad pain in your tummy",
    "yellow skin, or the whites of your eyes turn yellow",
    "dark pee together with pale poo",
    "a fever or shivers, with tummy pain or yellow skin",
    "sickness that keeps coming back",
    "a swollen tummy",
    "bruises or bleeding that happen very easily",
    "a bad headache",
    "changes in your sight",
    "pain just below your ribs",
    "itching",
]


@pytest.mark.parametrize("sign", WARNING_SIGNS_ON_THE_OVERVIEW)
def test_overview_urgent_list_has_every_warning_sign_of_the_check(sign):
    load_seed()
    assert sign in Article.objects.get(kind=Article.Kind.OVERVIEW).body


GAP_TOPICS = {
    "pregnancy": "If you are pregnant or have just had a baby",
    "before a repeat test": "Before a repeat test",
    "other liver tests": "Bilirubin",
    "short-lived causes": "Glandular fever",
    "less common causes": "Haemochromatosis",
    "known liver disease": "If you already have a liver condition",
    "liver scarring test": "FIB-4",
    "weight-loss target": "Aim to lose 7 to 10% of your weight",
    "alcohol and fatty liver": "Alcohol makes fatty liver worse",
    "help to stop drinking": "Where to get help",
    "stopping drinking safely": "Stopping all at once can make you very ill",
}


def pages_within_two_clicks_of_home(client):
    """Return {path: html} for home and every site page linked within 2 clicks."""
    found = {"/": client.get("/").content.decode()}
    frontier = ["/"]
    for _click in range(2):
        next_frontier = []
        for path in frontier:
            for href in re.findall(r'href="(/[^"#?]*)"', found[path]):
                if href in found or href.startswith(("/static/", "/admin/")):
                    continue
                response = client.get(href)
                if response.status_code == HTTPStatus.OK and "html" in response.get(
                    "Content-Type", ""
                ):
                    found[href] = response.content.decode()
                    next_frontier.append(href)
        frontier = next_frontier
    return found


def test_every_gap_topic_is_within_two_clicks_of_home(client):
    load_seed()
    pages = pages_within_two_clicks_of_home(client)
    for topic, phrase in GAP_TOPICS.items():
        assert any(phrase in html for html in pages.values()), topic


@pytest.mark.parametrize(
    "path", sorted(SEED_DIR.glob("articles/*.md")), ids=lambda path: path.stem
)
def test_every_article_keeps_a_complete_reference_list(path):
    _header, sections = parse_seed_file(path.read_text(encoding="utf-8"))
    lines = sections["references"].splitlines()
    assert len(lines) >= 3
    assert all(line.startswith("- ") for line in lines)
    assert any("Patient article on raised ALT" in line for line in lines)


# Each warning sign of the check, as the overview words it.
OVERVIEW_WORDING = {
    WarningSign.CONFUSION_OR_SLEEPINESS: "you feel confused",
    WarningSign.FAINTING: "you faint or pass out",
    WarningSign.VOMITING_BLOOD_OR_BLACK_STOOLS: "you vomit blood",
    WarningSign.PARACETAMOL_OVERDOSE: "you have taken too much paracetamol",
    WarningSign.SEVERE_TUMMY_PAIN: "sudden, very bad pain in your tummy",
    WarningSign.FEVER_WITH_PAIN_OR_JAUNDICE: "a fever or shivers",
    WarningSign.JAUNDICE: "yellow skin, or the whites of your eyes",
    WarningSign.DARK_URINE_PALE_STOOLS: "dark pee together with pale poo",
    WarningSign.REPEATED_VOMITING: "sickness that keeps coming back",
    WarningSign.SWOLLEN_TUMMY: "a swollen tummy",
    WarningSign.BRUISING_OR_BLEEDING: "bruises or bleeding",
}


@pytest.mark.parametrize("sign", list(WARNING_SIGN_URGENCY))
def test_overview_gives_each_warning_sign_the_checks_level(sign):
    overview = SEED_DIR / "articles" / "00-what-a-raised-alt-means.md"
    body = parse_seed_file(overview.read_text())[1]["body"]
    emergency = body[body.index("Call your local emergency") :]
    emergency, today = emergency.split("Contact a doctor today", 1)
    today = today.split("###", 1)[0]
    section = emergency if WARNING_SIGN_URGENCY[sign] == Urgency.EMERGENCY else today
    assert OVERVIEW_WORDING[sign] in section
