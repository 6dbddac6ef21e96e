from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from education.models import Article, Tip
from education.translation import localise, site_languages
from portal.page_cache import shared_page


def visible_articles(user):
    """Return the articles this user may read: published ones, plus drafts for
    staff who can edit articles (the admin's "view on site" preview)."""
    if user.is_active and user.has_perm("education.change_article"):
        return Article.objects.all()
    return Article.objects.published()


def _visible_article(request, articles):
    """The one article in ``articles`` as this reader sees it (its translation
    into the active language, drafts for staff), or 404."""
    found = localise(articles, get_language(), user=request.user, with_languages=True)
    if not found:
        raise Http404
    return found[0]


@shared_page
def home(request):
    articles = localise(
        Article.objects.published().filter(
            kind__in=[Article.Kind.OVERVIEW, Article.Kind.CAUSE]
        ),
        get_language(),
    )
    overview = [
        article for article in articles if article.kind == Article.Kind.OVERVIEW
    ]
    context = {
        "overview": overview[0] if overview else None,
        "causes": [
            article for article in articles if article.kind == Article.Kind.CAUSE
        ],
        "tips": localise(Tip.objects.published(), get_language()),
        "page_languages": site_languages(),
    }
    return render(request, "home.html", context)


@shared_page
def article_list(request):
    context = {
        "causes": localise(Article.objects.published().causes(), get_language()),
        "page_languages": site_languages(),
    }
    return render(request, "education/article_list.html", context)


@shared_page
def article_detail(request, slug):
    article = _visible_article(
        request,
        visible_articles(request.user)
        .exclude(kind=Article.Kind.TIPS)
        .filter(slug=slug),
    )
    crumbs = []
    if article.kind == Article.Kind.CAUSE:
        crumbs = [(_("Causes"), reverse("education:article_list"))]
    context = {
        "article": article,
        "crumbs": crumbs,
        "page_languages": article.page_languages,
    }
    return render(request, "education/article_detail.html", context)


@shared_page
def tips(request):
    article = _visible_article(
        request, visible_articles(request.user).filter(kind=Article.Kind.TIPS)
    )
    context = {
        "article": article,
        "tips": localise(Tip.objects.published(), get_language()),
        "page_languages": article.page_languages,
    }
    return render(request, "education/tips.html", context)
