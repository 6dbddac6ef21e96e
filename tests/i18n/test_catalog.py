"""The Simplified Chinese catalog: complete, compiled, and current with the code.

CI is this machine, where `make test` installs GNU gettext (scripts/ensure-gettext.sh):
the freshness check needs its xgettext.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES"
PO = CATALOG / "django.po"
MO = CATALOG / "django.mo"
# The Makefile's MESSAGES_IGNORE: `make messages` collects from the same files.
NOT_SOURCE = (
    ".venv",
    ".git",
    "tests",
    "node_modules",
    "staticfiles",
    "test-results",
    "screenshots",
    "docs",
    "locale",
    "__pycache__",
    ".pytest_cache",
    ".ruff_cache",
    ".hypothesis",
)


def key(entry):
    return (entry.msgctxt, entry.msgid, entry.msgid_plural or None)


def translation(entry):
    if entry.msgid_plural:
        return tuple(sorted(entry.msgstr_plural.items()))
    return entry.msgstr


def live_entries(catalog):
    """Every entry but the header and the obsolete ones (#~)."""
    return [entry for entry in catalog if entry.msgid and not entry.obsolete]


@pytest.fixture(scope="module")
def po():
    return polib.pofile(str(PO))


def test_every_entry_is_translated_and_none_is_fuzzy(po):
    """compilemessages silently leaves fuzzy entries out: the page would be English."""
    assert not po.metadata_is_fuzzy, "the catalog's header is marked fuzzy"
    fuzzy = [entry.msgid for entry in live_entries(po) if entry.fuzzy]
    untranslated = [
        entry.msgid
        for entry in live_entries(po)
        if not entry.fuzzy and not entry.translated()
    ]
    assert fuzzy == [], f"{len(fuzzy)} fuzzy entries, first: {fuzzy[:5]}"
    assert untranslated == [], (
        f"{len(untranslated)} untranslated entries, first: {untranslated[:5]}"
    )


def test_the_compiled_catalog_matches_the_po_file(po):
    """Compared by content: msgfmt versions write different bytes."""
    compiled = {
        key(entry): translation(entry) for entry in polib.mofile(str(MO)) if entry.msgid
    }
    expected = {
        key(entry): translation(entry)
        for entry in live_entries(po)
        if entry.translated()
    }
    assert compiled == expected, "run make messages to compile the .po again"


@pytest.mark.skipif(
    shutil.which("xgettext") is None,
    reason="GNU gettext is not installed (make test installs it)",
)
def test_the_catalog_has_every_string_of_the_code_and_no_other(tmp_path, po):
    """makemessages over a copy of the source finds exactly the committed msgids."""
    copy = tmp_path / "src"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns(*NOT_SOURCE))
    (copy / "locale").mkdir()
    result = subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "zh_Hans"]
        + [f"--ignore={name}" for name in NOT_SOURCE],
        cwd=copy,
        env={
            "PATH": "/usr/local/bin:/usr/bin:/bin",
            "DJANGO_DEBUG": "true",
            "DJANGO_SETTINGS_MODULE": "alt_portal.settings",
        },
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    fresh = polib.pofile(str(copy / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    committed = {key(entry) for entry in live_entries(po)}
    current = {key(entry) for entry in live_entries(fresh)}
    assert sorted(current - committed, key=str) == [], "new strings: run make messages"
    assert sorted(committed - current, key=str) == [], (
        "strings no longer in the code: run make messages"
    )
