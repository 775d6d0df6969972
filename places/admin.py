from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.privacy import with_care_flag
from common.admin import AuditedAdmin, masked_row_checkbox
from common.masking import mask_address
from places.models import (
    Community,
    District,
    Estate,
    Household,
    ImportBatch,
    Subdistrict,
)


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["code", "name"]
    search_fields = ["code", "name"]


@admin.register(Subdistrict)
class SubdistrictAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "district"]
    list_filter = ["kind", "district"]
    search_fields = ["code", "name"]


@admin.register(Community)
class CommunityAdmin(AuditedAdmin):
    list_display = ["code", "name", "subdistrict"]
    list_filter = ["subdistrict__district"]
    search_fields = ["code", "name"]
    list_select_related = ["subdistrict"]


@admin.register(Estate)
class EstateAdmin(AuditedAdmin):
    list_display = [
        "name",
        "community",
        "subdistrict",
        "district",
        "company",
        "is_sample",
    ]
    list_filter = ["district", "is_sample"]
    search_fields = ["name", "address"]
    list_select_related = ["community", "subdistrict", "district", "company"]
    raw_id_fields = ["community", "company"]


@admin.register(Household)
class HouseholdAdmin(AuditedAdmin):
    """The room of a care household is masked in the list, for everyone."""

    list_display = ["estate", "building", "unit", "shown_room"]
    search_fields = ["estate__name"]
    raw_id_fields = ["estate"]

    def get_queryset(self, request):
        return with_care_flag(super().get_queryset(request), household="pk")

    def label(self, household):
        return mask_address(str(household)) if household.in_care else str(household)

    action_checkbox = masked_row_checkbox(label)

    @admin.display(description=_("room"), ordering="room")
    def shown_room(self, household):
        return "****" if household.in_care else household.room


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    """The record of imports; made by the import pages only."""

    list_display = ["at", "kind", "file_name", "rows", "actor"]
    list_filter = ["kind"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
