"""Content export and import: versioned JSON that never overwrites a newer edit."""

import base64
import io
import json
import re
from datetime import timedelta

import pytest
import reversion
from django.core.management import CommandError, call_command
from django.utils import timezone
from reversion.models import Version

from education.models import Article, SeedRecord, Status, Tip
from education.seeding import load_seed
from portal.content_transfer import (
    ARTICLE_FIELDS,
    SETTINGS_FIELDS,
    TIP_FIELDS,
    export_content,
    import_content,
)
from portal.models import SiteSettings
from tests.factories import PNG, make_article, make_tip

pytestmark = pytest.mark.django_db


def run(*args):
    """Run a command; return its standard output."""
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def export_to(path):
    run("export_content", "--output", str(path))
    return json.loads(path.read_text(encoding="utf-8"))


def write(path, document):
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def snapshot():
    """Return everything an export should carry, as plain values."""
    site = SiteSettings.objects.get()
    return {
        "articles": sorted(
            Article.objects.values("uid", *ARTICLE_FIELDS, "created_at", "updated_at"),
            key=lambda row: str(row["uid"]),
        ),
        "tips": sorted(
            Tip.objects.values("uid", *TIP_FIELDS, "updated_at"),
            key=lambda row: str(row["uid"]),
        ),
        "site_settings": {
            **{name: getattr(site, name) for name in SETTINGS_FIELDS},
            "logo": bytes(site.logo),
            "logo_content_type": site.logo_content_type,
            "updated_at": site.updated_at,
        },
    }


def content_counts():
    return (
        Article.objects.count(),
        Tip.objects.count(),
        Version.objects.count(),
        SeedRecord.objects.count(),
    )


@pytest.fixture
def content():
    """Some articles and tips, and site settings with a logo."""
    make_article(
        kind=Article.Kind.OVERVIEW, title="What a raised ALT means", slug="overview"
    )
    make_article(
        title="Alcohol",
        slug="alcohol",
        cause="alcohol",
        why_it_raises_alt="Acetaldehyde harms liver cells.",
        references="- Kwo PY et al. 2017.",
        last_reviewed_on="2026-01-05",
        next_review_due="2027-01-05",
        reviewer="Dr A. Clinician",
    )
    make_article(title="A draft page", slug="draft-page", status=Status.DRAFT)
    make_tip(title="Sleep well")
    make_tip(title="Eat well", status=Status.DRAFT)
    site = SiteSettings.load()
    site.hospital_name = "St Example's Hospital"
    site.contact_phone = "01234 567890"
    site.booking_url = "https://book.example.org/"
    site.default_upper_limit_male = 40
    site.drink_country = "uk"
    site.set_logo(PNG)
    site.save()


def test_export_writes_the_versioned_format_to_stdout(content):
    document = json.loads(run("export_content"))
    assert document["format"] == "alt-portal-content"
    assert document["version"] == 2
    assert document["exported_at"]
    assert [a["slug"] for a in document["articles"]] == [
        "overview",
        "alcohol",
        "draft-page",
    ]
    assert {t["title"] for t in document["tips"]} == {"Sleep well", "Eat well"}
    settings = document["site_settings"]
    assert settings["hospital_name"] == "St Example's Hospital"
    assert settings["default_upper_limit_male"] == "40.0"
    assert base64.b64decode(settings["logo"]["data"]) == PNG
    assert settings["logo"]["content_type"] == "image/png"


def test_seed_records_are_not_exported():
    load_seed()
    text = run("export_content")
    assert SeedRecord.objects.exists()
    assert "seed" not in json.loads(text)
    assert "article:" not in text


def test_round_trip_into_an_empty_database_reproduces_the_content(content, tmp_path):
    before = snapshot()
    path = tmp_path / "backup.json"
    export_to(path)

    Article.objects.all().delete()
    Tip.objects.all().delete()
    SiteSettings.objects.all().delete()
    Version.objects.all().delete()

    output = run("import_content", str(path), "--include-site-settings")
    assert "Created 6, updated 0, unchanged 0, conflicts 0." in output
    assert snapshot() == before

    # Each created item is in its History, with where it came from.
    for obj in [*Article.objects.all(), *Tip.objects.all(), SiteSettings.load()]:
        version = Version.objects.get_for_object(obj).get()
        assert version.revision.comment == f"Imported from {path}"
        # The version holds the file's timestamp, not the time of the import
        # (django-reversion keeps it to the millisecond).
        saved = version.field_dict["updated_at"]
        assert abs(saved - obj.updated_at) < timedelta(milliseconds=1)

    # Importing the same file again changes nothing.
    output = run("import_content", str(path), "--include-site-settings")
    assert "Created 0, updated 0, unchanged 6, conflicts 0." in output
    assert snapshot() == before


def test_restoring_into_an_empty_site_stops_the_seed_adding_starter_content(
    tmp_path,
):
    load_seed()
    path = tmp_path / "backup.json"
    export_to(path)
    Article.objects.all().delete()
    Tip.objects.all().delete()
    SeedRecord.objects.all().delete()

    output = run("import_content", str(path))
    assert "The starter content is marked as loaded" in output
    counts = (Article.objects.count(), Tip.objects.count())
    assert load_seed().created == 0
    assert (Article.objects.count(), Tip.objects.count()) == counts


def test_import_keeps_a_newer_local_edit_and_reports_the_conflict(content, tmp_path):
    path = tmp_path / "export.json"
    document = export_to(path)
    exported = next(a for a in document["articles"] if a["slug"] == "alcohol")

    # Edited here after the export.
    article = Article.objects.get(slug="alcohol")
    article.body = "A newer local edit."
    article.save()
    # And the file has its own, older, change to the same page.
    exported["body"] = "The file's older text."
    write(path, document)

    output = run("import_content", str(path))
    article.refresh_from_db()
    assert article.body == "A newer local edit."
    assert "conflicts 1." in output
    assert "Conflicts: changed here since the last import, or more recently" in output
    local = timezone.localtime(article.updated_at).strftime("%Y-%m-%d %H:%M:%S")
    assert f"article “Alcohol”: changed here {local}" in output
    in_file = timezone.localtime(
        timezone.datetime.fromisoformat(exported["updated_at"])
    ).strftime("%Y-%m-%d %H:%M:%S")
    assert f"in the file {in_file}" in output


def backdate(*objects, by=timedelta(hours=2)):
    """Make items look last changed a while ago (saving sets updated_at to now)."""
    for obj in objects:
        type(obj).objects.filter(pk=obj.pk).update(updated_at=timezone.now() - by)


def test_import_updates_an_older_local_item_in_a_revision(content, tmp_path):
    path = tmp_path / "newer.json"
    backdate(*Article.objects.all())
    document = export_to(path)
    exported = next(a for a in document["articles"] if a["slug"] == "alcohol")
    newer = timezone.now() - timedelta(minutes=1)
    exported["body"] = "Reviewed text from the other site."
    exported["updated_at"] = newer.isoformat()
    write(path, document)

    output = run("import_content", str(path))
    assert "Created 0, updated 1, unchanged 4, conflicts 0." in output
    assert "Updated: article “Alcohol”" in output
    article = Article.objects.get(slug="alcohol")
    assert article.body == "Reviewed text from the other site."
    assert article.updated_at == newer
    version = Version.objects.get_for_object(article).first()
    assert version.revision.comment == f"Imported from {path}"
    assert version.field_dict["body"] == "Reviewed text from the other site."


def test_items_match_by_slug_or_title_and_take_the_files_uid(tmp_path):
    """Two sites that each loaded the starter content share it by slug/title."""
    article = make_article(slug="alcohol", title="Alcohol", body="Old text.")
    tip = make_tip(title="Sleep well", body="Old tip.")
    backdate(article, tip)
    document = export_content()
    later = (timezone.now() - timedelta(minutes=1)).isoformat()
    for item, body in [
        (document["articles"][0], "New text."),
        (document["tips"][0], "New tip."),
    ]:
        item.update(uid="8c1d8a0e-1b7c-4b57-9a0e-6f0f2f0b9a11", body=body)
        item["updated_at"] = later
    document["tips"][0]["uid"] = "0d6f5f0e-2c3b-4a8e-8a77-3c9a3b1e2f40"

    report = import_content(document, source="other-site.json")
    assert len(report.updated) == 2
    article.refresh_from_db()
    tip.refresh_from_db()
    assert (article.body, str(article.uid)) == (
        "New text.",
        "8c1d8a0e-1b7c-4b57-9a0e-6f0f2f0b9a11",
    )
    assert (tip.body, str(tip.uid)) == (
        "New tip.",
        "0d6f5f0e-2c3b-4a8e-8a77-3c9a3b1e2f40",
    )
    assert Article.objects.count() == 1 and Tip.objects.count() == 1


def test_new_items_keep_their_status_and_the_report_says_so(content, tmp_path):
    path = tmp_path / "export.json"
    export_to(path)
    Article.objects.all().delete()
    Tip.objects.all().delete()

    output = run("import_content", str(path))
    assert "3 of the created items are published: patients can see them now." in (
        output
    )
    assert Article.objects.get(slug="alcohol").status == Status.PUBLISHED
    assert Article.objects.get(slug="draft-page").status == Status.DRAFT


def test_new_items_can_arrive_as_drafts(content, tmp_path):
    path = tmp_path / "export.json"
    export_to(path)
    Article.objects.all().delete()
    Tip.objects.all().delete()

    output = run("import_content", str(path), "--new-as-drafts")
    assert "published" not in output
    assert not Article.objects.published().exists()
    assert not Tip.objects.published().exists()


def test_site_settings_are_imported_only_when_asked(content, tmp_path):
    path = tmp_path / "other-hospital.json"
    document = export_to(path)
    document["site_settings"]["hospital_name"] = "Other Hospital"
    backdate(SiteSettings.objects.get())
    document["site_settings"]["updated_at"] = (
        timezone.now() - timedelta(minutes=1)
    ).isoformat()
    write(path, document)

    output = run("import_content", str(path))
    assert "site settings were not imported" in output
    assert SiteSettings.load().hospital_name == "St Example's Hospital"

    output = run("import_content", str(path), "--include-site-settings")
    assert "Updated: site settings" in output
    assert SiteSettings.load().hospital_name == "Other Hospital"


def test_site_settings_edited_here_later_are_a_conflict(content, tmp_path):
    path = tmp_path / "export.json"
    document = export_to(path)
    document["site_settings"]["hospital_name"] = "From The File"
    write(path, document)
    # The settings saved through the admin (so with history), after the export.
    site = SiteSettings.objects.get()
    with reversion.create_revision():
        site.emergency_number = "999"
        site.save()

    output = run("import_content", str(path), "--include-site-settings")
    assert "conflicts 1." in output
    assert "  site settings: changed here" in output
    assert SiteSettings.load().hospital_name == "St Example's Hospital"


def test_untouched_first_run_settings_never_block_a_restore(content, tmp_path):
    path = tmp_path / "backup.json"
    export_to(path)
    # A new site: settings made from the environment at first use, never saved.
    SiteSettings.objects.all().delete()
    SiteSettings.load()

    output = run("import_content", str(path), "--include-site-settings")
    assert "Updated: site settings" in output
    site = SiteSettings.objects.get()
    assert site.hospital_name == "St Example's Hospital"
    assert bytes(site.logo) == PNG


def test_dry_run_writes_nothing(content, tmp_path):
    path = tmp_path / "export.json"
    export_to(path)
    Article.objects.all().delete()
    Tip.objects.all().delete()
    SeedRecord.objects.all().delete()
    before = content_counts()

    output = run("import_content", str(path), "--dry-run", "--include-site-settings")
    assert "Dry run of importing" in output
    assert "nothing was saved" in output
    assert "Created 5," in output
    assert content_counts() == before


BAD_FILES = [
    ("not json at all", "is not a JSON file"),
    (json.dumps([1, 2]), "not an ALT Portal content export"),
    (json.dumps({"format": "something-else", "version": 1}), "not an ALT Portal"),
    (
        json.dumps({"format": "alt-portal-content", "version": 3}),
        "version 3 of the content export; this site imports version 1 or 2 only. "
        "Export it again from a site running the same ALT Portal release.",
    ),
    (
        json.dumps({"format": "alt-portal-content", "version": "1"}),
        "imports version 1 or 2 only",
    ),
    (
        json.dumps({"format": "alt-portal-content", "version": True}),
        "imports version 1 or 2 only",
    ),
    (
        json.dumps({"format": "alt-portal-content", "version": 1, "tips": []}),
        "no list of articles",
    ),
]


@pytest.mark.parametrize(("text", "message"), BAD_FILES)
def test_bad_files_are_refused_with_a_clear_error(content, tmp_path, text, message):
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    before = content_counts()
    with pytest.raises(CommandError, match=message):
        run("import_content", str(path))
    assert content_counts() == before


def test_a_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read .*missing.json"):
        run("import_content", str(tmp_path / "missing.json"))


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda doc: doc["articles"][-1].pop("slug"), "has no slug"),
        (lambda doc: doc["articles"][-1].update(status="maybe"), "status"),
        (lambda doc: doc["articles"][-1].update(uid="nope"), "invalid uid"),
        (lambda doc: doc["tips"][-1].update(updated_at="yesterday"), "updated_at"),
        (
            lambda doc: doc["tips"][-1].update(uid=doc["tips"][0]["uid"]),
            "same uid as another tip",
        ),
        # A second page for the same cause breaks the one-page-per-cause rule.
        (
            lambda doc: doc["articles"][-1].update(cause="alcohol"),
            "Another article already covers this cause",
        ),
        (
            lambda doc: doc["site_settings"]["logo"].update(
                data=base64.b64encode(b"<svg></svg>").decode()
            ),
            "Choose a PNG or JPEG image",
        ),
        # The 2026-11 probe (findings 1, 4 and 10): each used to be written, to
        # raise a traceback or to merge two items.
        (
            lambda doc: doc["articles"][-1].update(body="x" * 10_000_000),
            "body: This text is 10,000,000 characters long",
        ),
        (
            lambda doc: doc["articles"][-1].update(body="[" * 16000),
            "body: This text is 16,000 characters long",
        ),
        (
            lambda doc: doc["tips"][-1].update(body="* " * 3000),
            "body: This text is 6,000 characters long",
        ),
        (
            lambda doc: doc["articles"][-1].update(why_it_raises_alt="1. " * 900),
            "nested 900 levels deep",
        ),
        (lambda doc: doc["articles"][-1].update(title="T" * 500), "title"),
        (lambda doc: doc["articles"][-1].update(body="nul\x00byte"), "NUL character"),
        (lambda doc: doc["tips"][-1].update(title="a\u0000b"), "NUL character"),
        (
            lambda doc: doc["articles"][-1].update(slug=doc["articles"][0]["slug"]),
            "has the same slug as article 1",
        ),
        (
            lambda doc: doc["tips"][-1].update(title=doc["tips"][0]["title"]),
            "has the same title as tip 1",
        ),
        (
            lambda doc: doc["articles"][-1].update(
                updated_at="9999-12-31T23:59:59-05:00"
            ),
            "impossible time",
        ),
        (
            lambda doc: doc["articles"][-1].update(
                updated_at="0001-01-01T00:00:00+05:00"
            ),
            "impossible time",
        ),
        (
            lambda doc: doc["articles"][-1].update(last_reviewed_on="2026-02-30"),
            "last_reviewed_on",
        ),
        (
            lambda doc: doc["tips"][-1].update(
                updated_at=(timezone.now() + timedelta(days=1)).isoformat()
            ),
            "is in the future on this site's clock",
        ),
    ],
)
def test_an_invalid_item_stops_the_whole_import(content, tmp_path, change, message):
    document = export_content()
    Article.objects.all().delete()
    Tip.objects.all().delete()
    SeedRecord.objects.all().delete()
    # One more valid cause page, last: the items before it would import.
    document["articles"].append(
        {
            **document["articles"][1],
            "uid": "3f6b7b1c-0f4e-4a55-b0a9-2d0f8c9e7a10",
            "slug": "alcohol-again",
            "cause": "",
        }
    )
    change(document)
    path = write(tmp_path / "bad-item.json", document)
    before = content_counts()
    site_before = snapshot()["site_settings"]

    with pytest.raises(CommandError, match=message) as error:
        run("import_content", str(path), "--include-site-settings")
    assert "Nothing was imported." in str(error.value)
    assert content_counts() == before
    assert snapshot()["site_settings"] == site_before


@pytest.mark.parametrize(
    ("change", "message"),
    [
        # Numbers and lists where a date belongs: DateField.to_python raises
        # TypeError for these, not a ValidationError.
        (
            lambda doc: doc["articles"][1].update(last_reviewed_on=5),
            "last_reviewed_on has an invalid value: 5",
        ),
        (
            lambda doc: doc["articles"][1].update(next_review_due=[2027, 1, 5]),
            "next_review_due has an invalid value",
        ),
        (lambda doc: doc["articles"][1].update(last_reviewed_on="2026-13-45"), "date"),
        (lambda doc: doc["tips"][0].update(order=[1]), "order"),
        (lambda doc: doc["tips"][0].update(order="first"), "order"),
        (
            lambda doc: doc["site_settings"].update(default_upper_limit_male={}),
            "default_upper_limit_male",
        ),
    ],
)
def test_a_hand_edited_wrong_type_is_a_clear_error(content, tmp_path, change, message):
    document = export_content()
    change(document)
    path = write(tmp_path / "hand-edited.json", document)
    Article.objects.all().delete()
    before = content_counts()
    site_before = snapshot()["site_settings"]

    with pytest.raises(CommandError, match=re.escape(message)) as error:
        run("import_content", str(path), "--include-site-settings")
    assert str(error.value).endswith("Nothing was imported.")
    assert "Traceback" not in str(error.value)
    assert content_counts() == before
    assert snapshot()["site_settings"] == site_before


# Not trusting the sender's clock (2026-11 probe, finding 4) -------------------


def test_file_from_a_clock_a_day_ahead_is_refused_and_writes_nothing(content, tmp_path):
    """The probe: a file stamped a day ahead overwrote a local correction."""
    path = tmp_path / "skewed.json"
    document = export_to(path)
    article = Article.objects.get(slug="alcohol")
    article.body = "A local correction."
    article.save()
    skewed = timezone.now() + timedelta(days=1)
    exported = next(a for a in document["articles"] if a["slug"] == "alcohol")
    exported.update(body="The file's text.", updated_at=skewed.isoformat())
    write(path, document)
    before = content_counts()

    with pytest.raises(CommandError, match="in the future on this site's clock"):
        run("import_content", str(path))
    article.refresh_from_db()
    assert article.body == "A local correction."
    assert content_counts() == before


def test_a_local_change_after_an_import_is_always_a_conflict(tmp_path):
    """Whatever the times: the file's may look later (its clock runs ahead, or
    it was exported later elsewhere) and still never overwrites the edit."""
    article = make_article(slug="alcohol", title="Alcohol", body="Text v1.")
    backdate(article, by=timedelta(hours=3))
    document = export_content()
    Article.objects.all().delete()
    assert import_content(document, source="v1.json").created == ["article “Alcohol”"]

    article = Article.objects.get(slug="alcohol")
    article.body = "A local correction."
    article.save()
    backdate(article, by=timedelta(hours=2))  # The local edit, two hours ago.

    exported = document["articles"][0]
    exported.update(
        body="Text v2.",
        updated_at=(timezone.now() - timedelta(minutes=1)).isoformat(),
    )
    report = import_content(document, source="v2.json")
    assert [conflict.title for conflict in report.conflicts] == ["Alcohol"]
    article.refresh_from_db()
    assert article.body == "A local correction."


def test_an_untouched_imported_item_takes_a_later_version(tmp_path):
    article = make_article(slug="alcohol", title="Alcohol", body="Text v1.")
    backdate(article, by=timedelta(hours=3))
    document = export_content()
    Article.objects.all().delete()
    import_content(document, source="v1.json")

    document["articles"][0].update(
        body="Text v2.",
        updated_at=(timezone.now() - timedelta(minutes=1)).isoformat(),
    )
    report = import_content(document, source="v2.json")
    assert report.updated == ["article “Alcohol”"]
    assert Article.objects.get().body == "Text v2."
    # And the same file again changes nothing.
    assert import_content(document, source="v2.json").unchanged == ["article “Alcohol”"]


# Failures (2026-11 probe, finding 10) -----------------------------------------


def test_deeply_nested_json_is_a_clear_error(tmp_path):
    path = tmp_path / "deep.json"
    path.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    with pytest.raises(CommandError, match="nested too deeply"):
        run("import_content", str(path))


def test_a_file_over_the_size_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr("portal.content_transfer.MAX_FILE_BYTES", 100)
    path = tmp_path / "big.json"
    path.write_text(json.dumps({"padding": "x" * 200}), encoding="utf-8")
    with pytest.raises(CommandError, match="larger than"):
        run("import_content", str(path))


def test_the_report_is_printed_before_the_import_commits(content, tmp_path):
    """The probe: printing the report failed after the commit (exit 1, yet a new
    published tip was saved). Now a failure to print saves nothing."""
    path = tmp_path / "export.json"
    export_to(path)
    Tip.objects.all().delete()
    before = content_counts()

    class BrokenOutput(io.StringIO):
        def write(self, text):
            raise OverflowError("cannot print")

    with pytest.raises(OverflowError):
        call_command("import_content", str(path), stdout=BrokenOutput())
    assert content_counts() == before
