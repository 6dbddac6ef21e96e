from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from education.models import Article, SiteSettings, Tip


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


@require_safe
def site_logo(request):
    """Serve the logo staff uploaded in the site settings, from the database.

    Pages link to it with its version (``?v=`` and the start of its SHA-256), so
    that address may be cached for a year; without the version, browsers must
    check the ETag again each time.
    """
    logo = (
        SiteSettings.objects.filter(pk=SiteSettings.SINGLETON_ID)
        .exclude(logo_sha256="")
        .values("logo", "logo_content_type", "logo_sha256")
        .first()
    )
    if logo is None:
        raise Http404
    etag = f'"{logo["logo_sha256"]}"'
    response = get_conditional_response(request, etag=etag)
    if response is None:
        response = HttpResponse(bytes(logo["logo"]), logo["logo_content_type"])
    response["ETag"] = etag
    if request.GET.get("v") == logo["logo_sha256"][:16]:
        patch_cache_control(response, public=True, max_age=365 * 24 * 3600)
        patch_cache_control(response, immutable=True)
    else:
        patch_cache_control(response, public=True, no_cache=True)
    # Only PNG and JPEG are accepted; still, never run anything in it.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
