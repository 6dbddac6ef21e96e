"""The sanitiser: nothing staff type can run script or restyle a patient's page;
the limits: nothing staff type can make a page slow or break it."""

import time

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.urls import reverse

from education import markdown
from education.markdown import render_markdown
from education.models import (
    ARTICLE_BODY_MAX_CHARS,
    Article,
    Status,
    Tip,
    render_stored_html,
)
from tests.factories import make_article, make_tip

ATTACKS = [
    "<script>alert('x')</script>",
    '<img src="x" onerror="alert(1)">',
    "[click me](javascript:alert(1))",
    '<p style="position:fixed;top:0">cover</p>',
    "<style>body{display:none}</style>",
    '<iframe src="https://example.org"></iframe>',
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_render_markdown_removes_dangerous_markup(attack):
    html = render_markdown(attack, max_chars=1000).lower()
    for forbidden in [
        "<script",
        "onerror",
        "javascript:",
        "style=",
        "<style",
        "<iframe",
    ]:
        assert forbidden not in html


def test_render_markdown_keeps_ordinary_formatting_and_safe_links():
    html = render_markdown(
        "Some **bold** text.\n\n- one\n- two\n\n> Take only under medical guidance.\n\n"
        "[NHS](https://www.nhs.uk/)",
        max_chars=1000,
    )
    assert "<strong>bold</strong>" in html
    assert "<li>one</li>" in html
    assert "<blockquote>" in html
    assert 'href="https://www.nhs.uk/"' in html
    assert 'rel="noopener noreferrer"' in html


@pytest.mark.parametrize(
    ("markdown", "top_level", "expected"),
    [
        ("# Top\n\n## Next", 3, ["<h3>Top</h3>", "<h4>Next</h4>"]),
        ("### Sub\n\n#### Subsub", 3, ["<h3>Sub</h3>", "<h4>Subsub</h4>"]),
        ("### Sub\n\n#### Subsub", 2, ["<h2>Sub</h2>", "<h3>Subsub</h3>"]),
        ("## A\n\n###### Deep", 3, ["<h3>A</h3>", "<h4>Deep</h4>"]),
    ],
)
def test_staff_headings_sit_just_below_the_page_headings(markdown, top_level, expected):
    html = render_markdown(markdown, top_level, max_chars=1000)
    assert [tag for tag in expected if tag in html] == expected


@pytest.mark.django_db
def test_rendered_article_page_contains_no_script_from_staff_text(client):
    article = make_article(
        body="Hello <script>alert('body')</script> [x](javascript:alert(1))",
        why_it_raises_alt='<img src=x onerror="alert(2)">',
        what_you_can_do='<span style="color:red">red</span>',
        references="- <a href='javascript:alert(3)'>ref</a>",
    )
    page = client.get(article.get_absolute_url()).content.decode().lower()
    assert "alert(" not in page
    assert "onerror" not in page
    assert 'style="color:red"' not in page


# Each took the patient site down in the 2026-11 security probe (finding 1), or
# would: each unmatched "[" rescans the paragraph, lists and quotes recurse, raw
# HTML and setext headings cost the square of their length.
PATHOLOGICAL = {
    "unmatched_brackets": "[" * 16000,
    "unmatched_brackets_within_the_length": "[" * 14000,
    "nested_bullets": "* " * 3000,
    "nested_numbers": "1. " * 3000,
    "nested_quotes": "> " * 3000,
    "unclosed_links": "[a](" * 4000,
    "unclosed_images": "![" * 8000,
    "raw_html_starts": "<a " * 4000,
    "one_huge_paragraph": "a\n=\n" * 3000,
    "thirty_megabytes": "x" * 30_000_000,
}


@pytest.mark.parametrize("text", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_pathological_markdown_is_refused_within_a_second(text):
    started = time.monotonic()
    with pytest.raises(ValidationError) as refused:
        render_markdown(text, max_chars=ARTICLE_BODY_MAX_CHARS)
    assert time.monotonic() - started < 1.0
    assert refused.value.messages[0]  # A message staff can act on.


@pytest.mark.django_db
@pytest.mark.parametrize("text", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_pathological_markdown_in_a_tip_is_a_field_error_and_nothing_is_saved(text):
    tip = Tip(title="Slow tip", body=text, status=Status.PUBLISHED)
    with pytest.raises(ValidationError) as refused:
        tip.full_clean()
    assert list(refused.value.message_dict) == ["body"]
    with pytest.raises(ValidationError):
        tip.save()  # Even straight through the ORM.
    assert not Tip.objects.exists()


def test_render_failure_is_a_clear_refusal(monkeypatch):
    def explode(*args, **kwargs):
        raise RecursionError

    monkeypatch.setattr(markdown.markdown_lib, "markdown", explode)
    with pytest.raises(ValidationError, match="could not be turned into a web page"):
        render_markdown("fine text", max_chars=100)


def test_slow_rendering_is_refused_even_when_the_checks_pass(monkeypatch):
    clock = iter([0.0, markdown.MAX_RENDER_SECONDS + 0.1])
    monkeypatch.setattr(markdown.time, "thread_time", lambda: next(clock))
    with pytest.raises(ValidationError, match="takes too long"):
        render_markdown("fine text", max_chars=100)


@pytest.mark.parametrize(
    ("text", "depth"),
    [
        ("plain text", 0),
        ("- item", 1),
        ("- **bold** item", 1),
        ("    - indented item", 2),
        ("> - quoted item", 2),
        ("1. 2. 3. x", 3),
        ("* * *", 3),
    ],
)
def test_nesting_depth(text, depth):
    assert markdown.nesting_depth(text) == depth


@pytest.mark.django_db
def test_admin_refuses_pathological_markdown_next_to_the_field(admin_client):
    started = time.monotonic()
    response = admin_client.post(
        reverse("admin:education_tip_add"),
        {"title": "Slow", "body": "[" * 900, "order": 1, "status": "published"},
    )
    assert time.monotonic() - started < 5
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "square brackets" in errors["body"][0]
    assert not Tip.objects.exists()


@pytest.mark.django_db
def test_pages_serve_stored_html_without_rendering(client, monkeypatch):
    article = make_article(
        body="Some **bold** text.", references="- [NHS](https://nhs.uk)"
    )
    make_tip(body="Sleep *well*.")
    assert article.body_html == render_markdown(
        "Some **bold** text.", 2, max_chars=ARTICLE_BODY_MAX_CHARS
    )

    def never(*args, **kwargs):
        raise AssertionError("rendered while a patient waits")

    monkeypatch.setattr(markdown.markdown_lib, "markdown", never)
    page = client.get(article.get_absolute_url()).content.decode()
    assert "<p>Some <strong>bold</strong> text.</p>" in page
    assert 'href="https://nhs.uk" rel="noopener noreferrer"' in page
    home = client.get("/").content.decode()
    assert "<p>Sleep <em>well</em>.</p>" in home


@pytest.mark.django_db
def test_migration_renders_existing_rows():
    article = make_article(body="## Heading\n\nText")
    tip = make_tip(body="**Tip**")
    huge = make_tip(body="ok")
    # As rows look before the migration: Markdown only (one beyond the limits).
    Article.objects.update(body_html="")
    Tip.objects.filter(pk=tip.pk).update(body_html="")
    Tip.objects.filter(pk=huge.pk).update(body="<b>" + "[" * 2000, body_html="")
    before = Article.objects.get(pk=article.pk).updated_at

    migration = __import__(
        "education.migrations.0009_rendered_markdown_and_imported_hash", fromlist=["x"]
    )
    migration.render_existing_rows(apps, None)

    article.refresh_from_db()
    assert article.body_html == "<h2>Heading</h2>\n<p>Text</p>"
    assert article.updated_at == before
    assert Tip.objects.get(pk=tip.pk).body_html == "<p><strong>Tip</strong></p>"
    assert Tip.objects.get(pk=huge.pk).body_html == "<p>&lt;b&gt;" + "[" * 997 + "</p>"


@pytest.mark.django_db
def test_restoring_an_old_version_beyond_the_limits_keeps_the_page_up():
    tip = make_tip(body="fine")
    tip.body = "[" * 5000
    render_stored_html(Tip, tip, raw=True)  # As reversion's raw save does.
    assert tip.body_html.startswith("<p>[[[")
