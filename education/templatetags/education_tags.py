from django import template

from education.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text, top_level=3):
    """Render staff Markdown as sanitised HTML: {{ article.body|markdown }}.

    Headings start at <h3>, below a section's <h2>; text placed straight under
    the page's <h1> uses {{ article.body|markdown:2 }}.
    """
    return render_markdown(text, int(top_level))
