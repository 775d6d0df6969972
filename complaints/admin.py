from django.contrib import admin

from common.admin import ReadOnlyAdmin
from complaints.models import Complaint, DailySummary, DeadlinePolicy, ServiceWeekWindow


@admin.register(DeadlinePolicy)
class DeadlinePolicyAdmin(admin.ModelAdmin):
    """Versions are added, never edited: complaints keep the one they had."""

    list_display = ("category", "effective_from", "resolution_days", "response_cutoff")
    list_filter = ("category",)

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(ServiceWeekWindow)
class ServiceWeekWindowAdmin(admin.ModelAdmin):
    list_display = ("year", "starts_on", "ends_on")


@admin.register(Complaint)
class ComplaintAdmin(ReadOnlyAdmin):
    """Read only: complaints change through their services, which audit them."""

    list_display = ("pk", "estate", "category", "state", "outcome", "received_at")
    list_filter = ("state", "category", "outcome")
    list_select_related = ("estate",)


@admin.register(DailySummary)
class DailySummaryAdmin(admin.ModelAdmin):
    list_display = ("day", "place_kind", "place_id", "as_of")

    def has_change_permission(self, request, obj=None):
        return False
