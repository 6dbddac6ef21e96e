from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.core.exceptions import ImproperlyConfigured
from django.templatetags.static import static
from django.urls import URLResolver, include, path, reverse_lazy
from django.utils.functional import lazy
from django.views.generic import RedirectView

from alt_portal import health
from alt_portal.login_protection import AdminLoginForm
from education import views as education_views

# Error pages that never read the request's body (alt_portal/errors.py).
handler400 = "alt_portal.errors.bad_request"
handler500 = "alt_portal.errors.server_error"

admin.site.login_form = AdminLoginForm
# "View site" leads to the home page in the admin's language (/zh-hans/ in Chinese).
admin.site.site_url = reverse_lazy("home")

# Patient pages and the admin: English at these addresses, every other language
# under its own prefix (/zh-hans/...). README, "Languages".
site_urlpatterns = [
    path("", education_views.home, name="home"),
    path("", include("education.urls")),
    path("check/", include("questionnaire.urls")),
]

# The same address in every language: probes, the logo, the browser's favicon.
unprefixed_urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("", include("portal.urls")),
    # Browsers ask for /favicon.ico whatever the page links to. Lazy, because the
    # hashed static name is only known once collectstatic has run.
    path("favicon.ico", RedirectView.as_view(url=lazy(static, str)("img/favicon.svg"))),
]


def first_path_segments(patterns):
    """Yield the first segment of every address the patterns answer."""
    for pattern in patterns:
        route = str(pattern.pattern)
        if route == "" and isinstance(pattern, URLResolver):
            yield from first_path_segments(pattern.url_patterns)
        elif route:
            yield route.split("/")[0]


# DJANGO_ADMIN_PATH may not take over an address the site uses for patients,
# nor a language prefix (compared without case: /ZH-HANS/ is Chinese too).
if settings.ADMIN_PATH.split("/")[0].lower() in {
    segment.lower()
    for segment in (
        settings.STATIC_URL.strip("/").split("/")[0],
        *first_path_segments(site_urlpatterns),
        *first_path_segments(unprefixed_urlpatterns),
        *(code for code, _name in settings.LANGUAGES),
    )
}:
    raise ImproperlyConfigured(
        f"DJANGO_ADMIN_PATH={settings.ADMIN_PATH} is an address the site uses for "
        "patients: choose another, such as staff-admin/."
    )

urlpatterns = [
    *unprefixed_urlpatterns,
    *i18n_patterns(
        *site_urlpatterns,
        path(settings.ADMIN_PATH, admin.site.urls),  # DJANGO_ADMIN_PATH, "admin/"
        prefix_default_language=False,
    ),
]
