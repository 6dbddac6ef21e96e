"""Security headers that Django has no setting for.

``PermissionsPolicyMiddleware`` sends ``Permissions-Policy`` on every response,
built from ``settings.PERMISSIONS_POLICY``: a dict of browser feature to the
origins allowed to use it, where an empty list means "nobody", e.g.
``{"camera": [], "geolocation": []}`` gives ``camera=(), geolocation=()``.
The portal uses none of these features, so none is allowed. A header a view has
already set is left alone.

It also sets ``X-Frame-Options`` on responses that never reached Django's
XFrameOptionsMiddleware (further down): the 400 page for a bad Host header or an
unreadable body, the health checks, the 503 page.
"""

from django.conf import settings

HEADER = "Permissions-Policy"


def build_permissions_policy(policy):
    """Return the header value for a {feature: [allowed origins]} dict."""
    return ", ".join(
        f"{feature}=({' '.join(origins)})" for feature, origins in policy.items()
    )


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        header = build_permissions_policy(getattr(settings, "PERMISSIONS_POLICY", {}))
        if header:
            response.headers.setdefault(HEADER, header)
        if not getattr(response, "xframe_options_exempt", False):
            response.headers.setdefault("X-Frame-Options", settings.X_FRAME_OPTIONS)
        return response
