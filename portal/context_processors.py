from django.utils.functional import SimpleLazyObject, lazy

from portal.models import SiteSettings


def site(request):
    """Add the hospital's details that every page shows, from the site settings
    staff edit in the admin (portal.models.SiteSettings).

    Read lazily, at most once per request: a page that shows none of them (most
    of the admin) makes no query, and one that does makes one.
    """
    site = SimpleLazyObject(lambda: SiteSettings.for_request(request))
    return {
        # site_settings.logo_url, .booking_url, .contact_phone, .emergency_number
        "site_settings": site,
        "hospital_name": lazy(lambda: site.hospital_name, str)(),
    }
