from datetime import timedelta

import reversion
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from reversion_compare.admin import CompareVersionAdmin

from education.models import Article, Status, Tip
from portal.audit import AuditTrailMixin


class ReviewDueFilter(admin.SimpleListFilter):
    title = _("review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [
            ("overdue", _("Overdue for review")),
            ("next_30_days", _("Due in the next 30 days")),
            ("no_date", _("No review date set")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        match self.value():
            case "overdue":
                return queryset.overdue_for_review(today)
            case "next_30_days":
                return queryset.filter(
                    next_review_due__gte=today,
                    next_review_due__lte=today + timedelta(days=30),
                )
            case "no_date":
                return queryset.filter(next_review_due__isnull=True)
        return queryset


class PublishActionsMixin:
    actions = ["publish", "unpublish"]

    @admin.action(description=_("Publish the selected items"))
    def publish(self, request, queryset):
        self._set_status(request, queryset, Status.PUBLISHED)

    @admin.action(description=_("Unpublish the selected items (hide from patients)"))
    def unpublish(self, request, queryset):
        self._set_status(request, queryset, Status.DRAFT)

    def _set_status(self, request, queryset, status):
        # Save one by one, each in its own revision, so the history shows it.
        for item in queryset:
            with reversion.create_revision():
                item.status = status
                item.save()
                reversion.set_user(request.user)
                message = _("Status set to “%s”.") % item.get_status_display()
                reversion.set_comment(message)
                # And in the audit trail (portal/audit.py), like a form save.
                self.log_change(request, item, message)
        count = queryset.count()
        self.message_user(
            request,
            ngettext("%d item updated.", "%d items updated.", count) % count,
            messages.SUCCESS,
        )


@admin.register(Article)
class ArticleAdmin(AuditTrailMixin, PublishActionsMixin, CompareVersionAdmin):
    list_display = [
        "title",
        "kind",
        "status",
        "order",
        "last_reviewed_on",
        "next_review_due",
        "review_overdue",
    ]
    list_filter = ["status", "kind", ReviewDueFilter]
    search_fields = ["title", "summary", "body", "reviewer"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "status", "order"]}),
        (_("Type of page"), {"fields": ["kind", "cause"]}),
        (
            _("Text"),
            {
                "fields": [
                    "body",
                    "why_it_raises_alt",
                    "what_you_can_do",
                    "doctor_treatments",
                    "references",
                ],
                "description": _(
                    "Write for patients: short sentences, everyday words, and "
                    "explain each medical term once."
                ),
            },
        ),
        (
            _("Clinical review"),
            {"fields": ["last_reviewed_on", "next_review_due", "reviewer"]},
        ),
        (_("Record"), {"fields": ["created_at", "updated_at"]}),
    ]

    @admin.display(boolean=True, description=_("review overdue"))
    def review_overdue(self, article):
        return article.is_overdue_for_review


@admin.register(Tip)
class TipAdmin(AuditTrailMixin, PublishActionsMixin, CompareVersionAdmin):
    list_display = ["title", "status", "order", "updated_at"]
    list_filter = ["status"]
    search_fields = ["title", "body"]
