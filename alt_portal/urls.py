from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path
from django.utils.functional import lazy
from django.views.generic import RedirectView

from education import views as education_views

urlpatterns = [
    path("", education_views.home, name="home"),
    path("", include("education.urls")),
    path("check/", include("questionnaire.urls")),
    path("admin/", admin.site.urls),
    # Browsers ask for /favicon.ico whatever the page links to. Lazy, because the
    # hashed static name is only known once collectstatic has run.
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("img/favicon.svg"))),
]
