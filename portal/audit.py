"""The audit trail: who changed what in the admin, and when."""

from django.contrib import admin
from django.contrib.admin.models import DELETION
from django.contrib.contenttypes.models import ContentType
from django.utils.formats import localize
from django.utils.html import format_html
from django.utils.timezone import template_localtime
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from reversion.models import Version

AUDIT_TRAIL_TITLE = _("Audit trail: who changed what, and when")


class AuditTrailMixin:
    """For a django-reversion ModelAdmin: log reverts and recoveries as such, not
    as django-reversion's "No fields changed."."""

    def log_change(self, request, obj, message):
        match = getattr(request, "resolver_match", None)
        url_name = match.url_name if match else ""
        if request.method == "POST" and url_name.endswith(("_revision", "_recover")):
            version = Version.objects.filter(pk=match.args[-1]).first()
            if version is not None:
                saved_on = localize(template_localtime(version.revision.date_created))
                if url_name.endswith("_revision"):
                    text = gettext("Reverted to the version saved on %(date)s.")
                else:
                    text = gettext("Recovered the deleted version saved on %(date)s.")
                message = text % {"date": saved_on}
        return super().log_change(request, obj, message)


class AuditTrailAdmin(admin.ModelAdmin):
    list_display = [
        "action_time",
        "user",
        "action",
        "object_link",
        "content_type",
        "change_summary",
    ]
    list_display_links = ["action_time"]
    list_filter = [
        ("user", admin.RelatedOnlyFieldListFilter),
        "action_flag",
        ("content_type", admin.RelatedOnlyFieldListFilter),
        "action_time",
    ]
    search_fields = [
        "object_repr",
        "object_id",
        "change_message",
        "user__username",
        "user__first_name",
        "user__last_name",
    ]
    date_hierarchy = "action_time"
    list_select_related = ["user", "content_type"]
    ordering = ["-action_time", "-pk"]
    list_per_page = 50
    fields = [
        "action_time",
        "user",
        "action",
        "content_type",
        "object_id",
        "object_link",
        "change_summary",
    ]
    readonly_fields = fields

    def get_queryset(self, request):
        """Staff read entries only about what they may see themselves: an editor
        never learns who changed staff accounts, groups or permissions."""
        queryset = super().get_queryset(request)
        user = request.user
        if user.is_superuser:
            return queryset
        visible = [
            content_type.pk
            for content_type in ContentType.objects.all()
            if any(
                user.has_perm(f"{content_type.app_label}.{action}_{content_type.model}")
                for action in ("view", "change")
            )
        ]
        return queryset.filter(content_type__in=visible)

    # Read-only for everyone, superusers included: the trail is evidence.
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("action"), ordering="action_flag")
    def action(self, entry):
        return entry.get_action_flag_display()

    @admin.display(description=_("object"), ordering="object_repr")
    def object_link(self, entry):
        url = None if entry.action_flag == DELETION else entry.get_admin_url()
        if url:
            return format_html('<a href="{}">{}</a>', url, entry.object_repr)
        return entry.object_repr

    @admin.display(description=_("change message"))
    def change_summary(self, entry):
        return entry.get_change_message()

    def changelist_view(self, request, extra_context=None):
        extra_context = {"title": AUDIT_TRAIL_TITLE, **(extra_context or {})}
        return super().changelist_view(request, extra_context)
