from typing import NamedTuple

from django.urls import reverse
from django.utils.functional import SimpleLazyObject, lazy
from django.utils.translation import gettext_lazy as _

from portal.models import SiteSettings

MAIN_MENU = [
    (_("Home"), "home"),
    (_("Causes"), "education:article_list"),
    (_("Liver-health tips"), "education:tips"),
    (_("Check your result"), "questionnaire:start"),
]


class MenuItem(NamedTuple):
    label: str
    url: str
    is_current: bool


def main_menu(path):
    return [
        MenuItem(label, url, path == url)
        for label, url in ((label, reverse(name)) for label, name in MAIN_MENU)
    ]


# Made once: each lazy() call builds a proxy class, a cost on every page. Read
# when rendered, so in the language the page is rendered in.
_hospital_name = lazy(lambda site: site.hospital_name_in(), str)


def site(request):
    """Add the site settings every page shows, read lazily: at most one query."""
    site = SimpleLazyObject(lambda: SiteSettings.for_request(request))
    return {
        "site_settings": site,
        "hospital_name": _hospital_name(site),
        # Called by the template only where the menu is shown (not in the admin).
        "main_menu": lambda: main_menu(request.path),
    }
