from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from education.models import Article, Tip
from portal.page_cache import shared_page


def visible_articles(user):
    """Return the articles this user may read: published ones, plus drafts for
    staff who can edit articles (the admin's "view on site" preview)."""
    if user.is_active and user.has_perm("education.change_article"):
        return Article.objects.all()
    return Article.objects.published()


@shared_page
def home(request):
    articles = Article.objects.published().filter(
        kind__in=[Article.Kind.OVERVIEW, Article.Kind.CAUSE]
    )
    overview = [
        article for article in articles if article.kind == Article.Kind.OVERVIEW
    ]
    context = {
        "overview": overview[0] if overview else None,
        "causes": [
            article for article in articles if article.kind == Article.Kind.CAUSE
        ],
        "tips": Tip.objects.published(),
    }
    return render(request, "home.html", context)


@shared_page
def article_list(request):
    context = {"causes": Article.objects.published().causes()}
    return render(request, "education/article_list.html", context)


@shared_page
def article_detail(request, slug):
    article = get_object_or_404(
        visible_articles(request.user).exclude(kind=Article.Kind.TIPS), slug=slug
    )
    crumbs = []
    if article.kind == Article.Kind.CAUSE:
        crumbs = [(_("Causes"), reverse("education:article_list"))]
    context = {"article": article, "crumbs": crumbs}
    return render(request, "education/article_detail.html", context)


@shared_page
def tips(request):
    article = get_object_or_404(visible_articles(request.user), kind=Article.Kind.TIPS)
    context = {"article": article, "tips": Tip.objects.published()}
    return render(request, "education/tips.html", context)
