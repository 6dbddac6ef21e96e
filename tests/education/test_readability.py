"""The reading score: what it counts, and that it works with no network."""

import os
import subprocess
import sys
import textwrap

import pytest

from education.readability import (
    TARGET_GRADE,
    plain_sentences,
    reading_score,
)


def test_each_bullet_and_heading_counts_as_a_sentence():
    text = "### Causes\n\n- too much alcohol\n- a virus: hepatitis B\n\nSee a doctor."
    assert plain_sentences(text) == (
        "Causes. too much alcohol. a virus: hepatitis B. See a doctor."
    )


def test_markdown_is_scored_as_patients_read_it():
    assert plain_sentences("**Bold** and a [link](https://example.org/x).") == (
        "Bold and a link."
    )


def test_a_list_scores_like_the_same_words_written_as_sentences():
    as_list = reading_score("- Eat well\n- Sleep well\n- Walk every day")
    as_sentences = reading_score("Eat well. Sleep well. Walk every day.")
    assert as_list == as_sentences


@pytest.mark.parametrize(
    ("text", "grade"),
    [
        # 0.39 × 3 words per sentence + 11.8 × 1 syllable per word − 15.59
        ("The cat sat.", -2.6),
        # 5 words, 13 syllables (he-pa-ti-tis, da-ma-ges, ev-e-ry, li-ver, cell):
        # 0.39 × 5 + 11.8 × (13 / 5) − 15.59 = 17.04
        ("Hepatitis damages every liver cell.", 17.0),
    ],
)
def test_flesch_kincaid_grade_of_known_sentences(text, grade):
    assert reading_score(text).grade == grade


def test_empty_text_has_no_score():
    assert reading_score("", "  ", "\n") is None


@pytest.mark.parametrize(
    ("grade", "on_target", "advice_start"),
    [(TARGET_GRADE, True, "Easy"), (7.0, False, "A little hard"), (9.5, False, "Hard")],
)
def test_advice_follows_the_grade(grade, on_target, advice_start):
    from education.readability import ReadingScore

    score = ReadingScore(grade=grade, words=10, sentences=2)
    assert score.is_on_target is on_target
    assert str(score.advice).startswith(advice_start)


def test_scorer_works_offline_and_downloads_nothing(tmp_path):
    """A hospital server may have no internet: scoring must not try to fetch
    dictionaries (textstat 0.7.10 and later fetch NLTK data on first use)."""
    script = textwrap.dedent(
        """
        import socket, sys

        def refuse(*args, **kwargs):
            raise OSError("network use attempted")

        socket.socket.connect = refuse
        socket.socket.connect_ex = refuse
        socket.create_connection = refuse
        import django
        django.setup()
        from education.readability import reading_score
        score = reading_score("The liver cleans your blood. It also stores energy.")
        assert score is not None and score.grade < 6, score
        assert "nltk" not in sys.modules
        print("ok", score.grade)
        """
    )
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "NLTK_DATA": str(tmp_path / "nltk"),
        "DJANGO_SETTINGS_MODULE": "alt_portal.settings",
    }
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("ok")
    assert not (tmp_path / "nltk").exists()
