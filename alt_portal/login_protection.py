"""What django-axes needs from us to lock out failed admin sign-ins (docs/security.md).

``client_ip`` stays ours, not axes' django-ipware lookup: ipware checks the proxy
count against every header, REMOTE_ADDR included, so a request that bypassed the
proxy gets no address instead of the peer's, and it has no IPv6 /64 grouping.
"""

import ipaddress
import math

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_failure_limit
from django.conf import settings
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.core.validators import MaxLengthValidator
from django.db.models import Sum
from django.shortcuts import render
from django.utils.translation import gettext as _

LOCKOUT_TEMPLATE = "axes/lockout.html"


# One IPv6 customer or device usually holds a whole /64: counted as one address,
# or each of its 2^64 addresses would get its own allowance of guesses.
IPV6_PREFIX = 64


def _valid_ip(value):
    try:
        address = ipaddress.ip_address(value.strip())
    except ValueError:
        return None
    if address.version == 6:
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/{IPV6_PREFIX}", strict=False)[0])
    return str(address)


def client_ip(request):
    """Each of the ``TRUSTED_PROXY_COUNT`` proxies appends the address it saw to
    X-Forwarded-For, so the client is that many entries from the right; entries
    further left are the client's own and untrusted. A header shorter than that (a
    request that bypassed the proxy) counts as absent: REMOTE_ADDR is used."""
    remote_addr = _valid_ip(request.META.get("REMOTE_ADDR", "")) or "0.0.0.0"
    count = settings.TRUSTED_PROXY_COUNT
    if count <= 0:
        return remote_addr
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < count:
        return remote_addr
    return _valid_ip(forwarded[-count]) or remote_addr


class CappedLockoutHandler(AxesDatabaseHandler):
    """A cap per AXES_LOCKOUT_PARAMETERS entry (LOGIN_LOCKOUT_CAPS, same order).

    django-axes compares every count with one AXES_FAILURE_LIMIT, so each count is
    scaled to it: it reaches the limit exactly when it reaches its own cap.
    """

    def get_failures(self, request, credentials=None) -> int:
        limit = get_failure_limit(request, credentials)
        attempts_list = self.get_user_attempts(request, credentials)
        counts = [
            (attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0)
            * limit
            // cap
            for attempts, cap in zip(
                attempts_list, settings.LOGIN_LOCKOUT_CAPS, strict=True
            )
        ]
        return max(counts, default=0)

    def reset_user_attempts(self, request, credentials=None) -> int:
        """Only the (user name, address) pair: one person's sign-in must not clear
        the count for other names from a shared address, or for that name from
        elsewhere."""
        pair = self.filter_user_attempts(request, credentials)[0]
        count, _ = pair.delete()
        return count


class AdminLoginForm(AdminAuthenticationForm):
    """Django's form sets max_length after creating the field, so it was never
    checked: a 256-character user name reached django-axes' varchar(255) column
    and PostgreSQL failed with a 500."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))


def lockout_response(request, original_response=None, credentials=None):
    from axes.helpers import get_cool_off, get_failure_limit

    cool_off = get_cool_off(request)
    context = {
        **admin.site.each_context(request),
        "title": _("Sign-in locked"),
        "failure_limit": get_failure_limit(request, credentials),
        "cooloff_minutes": math.ceil(cool_off.total_seconds() / 60) if cool_off else 0,
    }
    response = render(
        request, LOCKOUT_TEMPLATE, context, status=settings.AXES_HTTP_RESPONSE_CODE
    )
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response
