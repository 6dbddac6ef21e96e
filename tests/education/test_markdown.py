"""The sanitiser: nothing staff type can run script or restyle a patient's page."""

import pytest

from education.markdown import render_markdown
from tests.factories import make_article

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
    html = render_markdown(attack).lower()
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
        "[NHS](https://www.nhs.uk/)"
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
    html = render_markdown(markdown, top_level)
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
