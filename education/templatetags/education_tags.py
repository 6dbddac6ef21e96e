from django import template

from education.markdown import render_markdown

register = template.Library()


@register.filter
def markdown(text):
    """Render staff Markdown as sanitised HTML: {{ article.body|markdown }}."""
    return render_markdown(text)
