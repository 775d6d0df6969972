from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.admin.utils import unquote
from django.db import transaction
from django.utils.html import format_html
from django.utils.translation import gettext

from common import audit
from common.models import AuditEntry, CalendarOverride
from common.privacy import reveal


def masked_row_checkbox(label):
    """An ``action_checkbox`` whose label is ``label(admin, obj)``, not
    ``str(obj)``, for lists whose rows' names hold personal data."""

    def action_checkbox(self, obj):
        attrs = {
            "class": "action-select",
            "aria-label": format_html(
                gettext("Select this object for an action - {}"), label(self, obj)
            ),
        }
        checkbox = forms.CheckboxInput(attrs, lambda value: False)
        return checkbox.render(helpers.ACTION_CHECKBOX_NAME, str(obj.pk))

    return action_checkbox


class RevealingAdmin(admin.ModelAdmin):
    """An admin whose change page shows personal data whole: opening it is a
    full view, recorded as a ``privacy.reveal`` audit entry naming the fields
    shown (never their values), like every other reveal.

    ``reveal_fields`` are the personal fields of the model; ``shows_whole``
    says whether this viewer gets them whole on the page (otherwise the page
    shows them masked and nothing is recorded).
    """

    reveal_fields = ()

    def shows_whole(self, request, obj):
        return True

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and response.status_code == 200:
            obj = self.get_object(request, unquote(object_id))
            own = isinstance(obj, type(request.user)) and obj.pk == request.user.pk
            if obj is not None and not own and self.shows_whole(request, obj):
                fields = [name for name in self.reveal_fields if getattr(obj, name)]
                if fields:
                    reveal(
                        obj,
                        actor=request.user,
                        fields=fields,
                        purpose=gettext("opened in the back office"),
                    )
        return response


class ReadOnlyAdmin(admin.ModelAdmin):
    """An admin that shows records and offers no way to add, change or delete
    them: for records that change only through their services (which check
    the rules and write the audit log)."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class AuditedAdmin(admin.ModelAdmin):
    """An admin whose additions, changes and deletions land in the audit log.

    The entry's action is ``<app>.<model>.admin_add`` (``admin_change``,
    ``admin_delete``), with the changed fields before and after, so that the
    object's history panel also shows what was done in the back office.
    """

    def save_model(self, request, obj, form, change):
        fields = form.changed_data
        before = {name: form.initial.get(name) for name in fields} if change else {}
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            audit.record(
                self._action(obj, "admin_change" if change else "admin_add"),
                obj,
                actor=request.user,
                before=before,
                after={name: form.cleaned_data.get(name) for name in fields},
            )

    def delete_model(self, request, obj):
        with transaction.atomic():
            audit.record(
                self._action(obj, "admin_delete"),
                obj,
                actor=request.user,
                before={"object": str(obj)},
            )
            super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)

    @staticmethod
    def _action(obj, verb):
        return f"{obj._meta.app_label}.{obj._meta.model_name}.{verb}"


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(AuditedAdmin):
    """Corrections of the working-day calendar; they win over the statutory one."""

    list_display = ["date", "is_working_day", "note"]
    list_filter = ["is_working_day"]
    date_hierarchy = "date"
    search_fields = ["note"]


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyAdmin):
    """The audit log, read only: entries are never added, changed or deleted here."""

    list_display = ["at", "actor", "action", "object_type", "object_repr"]
    list_filter = ["action", "object_type"]
    search_fields = ["action", "object_id", "object_repr", "request_id"]
    date_hierarchy = "at"
    list_select_related = ["actor"]

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.fields]
