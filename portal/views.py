from django.http import Http404, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.views.decorators.http import require_safe

from portal.models import SiteSettings


@require_safe
def site_logo(request):
    """Pages link to the logo with its version (``?v=`` and the start of its
    SHA-256), so that address may be cached for a year; without it, browsers must
    check the ETag again each time."""
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
