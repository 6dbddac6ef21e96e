"""The admin's site-wide parts: its titles, the site settings and the audit trail."""

from django import forms
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from reversion_compare.admin import CompareVersionAdmin

from education.models import translated_languages
from portal.audit import AuditTrailAdmin, AuditTrailMixin
from portal.models import (
    HOSPITAL_NAME_MAX_LENGTH,
    LOGO_MAX_BYTES,
    SiteSettings,
    check_logo_size,
    logo_content_type,
)

admin.site.site_header = _("ALT Portal: content for patients")
admin.site.site_title = _("ALT Portal admin")
admin.site.index_title = _("Patient information")
admin.site.register(LogEntry, AuditTrailAdmin)


class SiteSettingsForm(forms.ModelForm):
    logo_upload = forms.FileField(
        label=_("New logo"),
        required=False,
        help_text=format_lazy(
            _(
                "Optional. A PNG or JPEG image of at most {max} kB, ideally about "
                "80 pixels high on a transparent or white background. It is shown "
                "at the top of every page, next to the hospital name."
            ),
            max=LOGO_MAX_BYTES // 1024,
        ),
    )
    remove_logo = forms.BooleanField(
        label=_("Remove the logo"),
        required=False,
        help_text=_("Tick to show the hospital name without a logo."),
    )

    class Meta:
        model = SiteSettings
        # hospital_name_translations is edited as one field per language:
        # see hospital_name_field() and with_language_fields().
        fields = [
            name
            for name in SiteSettings.EDITABLE_FIELDS
            if name != "hospital_name_translations"
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        names = self.instance.hospital_name_translations or {}
        for code, _name in translated_languages():
            field = hospital_name_field(code)
            if field in self.fields:
                self.initial.setdefault(field, names.get(code, ""))

    def clean_logo_upload(self):
        upload = self.cleaned_data.get("logo_upload")
        if not upload:
            return None
        # Checked before reading, so a huge file is never loaded into memory.
        check_logo_size(upload.size)
        data = upload.read()
        logo_content_type(data)  # Raises ValidationError with a message for staff.
        return data

    def clean(self):
        data = super().clean()
        if data.get("logo_upload") and data.get("remove_logo"):
            raise ValidationError(
                _("Either upload a new logo or tick “Remove the logo”, not both.")
            )
        return data

    def save(self, commit=True):
        names = dict(self.instance.hospital_name_translations or {})
        for code, _name in translated_languages():
            field = hospital_name_field(code)
            if field not in self.fields:
                continue
            name = self.cleaned_data.get(field, "").strip()
            if name:
                names[code] = name
            else:
                names.pop(code, None)  # Empty: the main name is shown.
        self.instance.hospital_name_translations = names
        if self.cleaned_data.get("logo_upload"):
            self.instance.set_logo(self.cleaned_data["logo_upload"])
        elif self.cleaned_data.get("remove_logo"):
            self.instance.clear_logo()
        return super().save(commit)


def hospital_name_field(code):
    return "hospital_name_" + code.replace("-", "_")


def with_language_fields(form):
    """``form`` with a hospital name field for each of the site's other
    languages (read from settings.LANGUAGES when the admin builds the form)."""
    fields = {
        hospital_name_field(code): forms.CharField(
            label=format_lazy(_("Hospital name in {language}"), language=name),
            max_length=HOSPITAL_NAME_MAX_LENGTH,
            required=False,
            help_text=format_lazy(
                _(
                    "Shown instead of the hospital name above on pages in "
                    "{language}. Leave empty to show the name above."
                ),
                language=name,
            ),
        )
        for code, name in translated_languages()
    }
    return type(form.__name__, (form,), fields)


@admin.register(SiteSettings)
class SiteSettingsAdmin(AuditTrailMixin, CompareVersionAdmin):
    form = SiteSettingsForm
    readonly_fields = ["current_logo", "updated_at"]
    # The image itself is kept in every version; comparing it as text helps no
    # one. A new logo shows in the comparison as a changed logo_sha256.
    compare_exclude = ["logo"]
    fieldsets = [
        (
            _("Your hospital"),
            {
                "fields": [
                    "hospital_name",
                    "current_logo",
                    "logo_upload",
                    "remove_logo",
                ],
                "description": _(
                    "Patients see these on every page as soon as you save. Every "
                    "change is kept: use History to compare or go back."
                ),
            },
        ),
        (
            _("Phone numbers and booking"),
            {"fields": ["contact_phone", "emergency_number", "booking_url"]},
        ),
        (
            _("Clinical defaults"),
            {
                "fields": [
                    "default_upper_limit_female",
                    "default_upper_limit_male",
                    "default_upper_limit_other",
                    "drink_country",
                ],
                "description": _(
                    "These change patients' results. Agree any change with a "
                    "clinician first."
                ),
            },
        ),
        (_("Record"), {"fields": ["updated_at"]}),
    ]

    def get_form(self, request, obj=None, change=False, **kwargs):
        kwargs.setdefault("form", with_language_fields(self.form))
        return super().get_form(request, obj, change, **kwargs)

    def get_fieldsets(self, request, obj=None):
        names = [hospital_name_field(code) for code, _name in translated_languages()]
        fieldsets = []
        for title, options in super().get_fieldsets(request, obj):
            fields = []
            for field in options["fields"]:
                fields.append(field)
                if field == "hospital_name":
                    fields.extend(names)
            fieldsets.append((title, {**options, "fields": fields}))
        return fieldsets

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        settings = SiteSettings.load()
        return redirect(
            reverse(
                f"{self.admin_site.name}:portal_sitesettings_change",
                args=[settings.pk],
            )
        )

    @admin.display(description=_("current logo"))
    def current_logo(self, settings):
        if not settings.has_logo:
            return gettext("No logo: the hospital name is shown on its own.")
        return format_html(
            '<img src="{}" alt="{}" height="60">',
            settings.logo_url,
            gettext("The current logo"),
        )
