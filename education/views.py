from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from education.models import Article, Tip


def visible_articles(user):
    """Return the articles this user may read: published ones, plus drafts for
    staff who can edit articles (the admin's "view on site" preview)."""
    if user.is_active and user.has_perm("education.change_article"):
        return Article.objects.all()
    return Article.objects.published()


def home(request):
    articles = Article.objects.published()
    context = {
        "overview": articles.filter(kind=Article.Kind.OVERVIEW).first(),
        "causes": articles.causes(),
        "tips": Tip.objects.published(),
    }
    return render(request, "home.html", context)


def article_list(request):
    context = {"causes": Article.objects.published().causes()}
    return render(request, "education/article_list.html", context)


def article_detail(request, slug):
    article = get_object_or_404(
        visible_articles(request.user).exclude(kind=Article.Kind.TIPS), slug=slug
    )
    crumbs = []
    if article.kind == Article.Kind.CAUSE:
        crumbs = [(_("Causes"), reverse("education:article_list"))]
    context = {"article": article, "crumbs": crumbs}
    return render(request, "education/article_detail.html", context)


def tips(request):
    article = get_object_or_404(visible_articles(request.user), kind=Article.Kind.TIPS)
    context = {"article": article, "tips": Tip.objects.published()}
    return render(request, "education/tips.html", context)
