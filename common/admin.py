"""Admin of the shared models. The audit log is read-only here too."""

from django.contrib import admin

from common.models import AuditEntry, CalendarOverride


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "action", "object_type", "object_id", "actor", "request_id")
    list_filter = ("action", "object_type")
    search_fields = ("object_id", "request_id", "action")
    date_hierarchy = "at"

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in AuditEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(CalendarOverride)
class CalendarOverrideAdmin(admin.ModelAdmin):
    list_display = ("date", "is_working_day", "note")
