from django.contrib import admin

from common.admin import AuditedAdmin
from organizations.models import (
    GovernmentUnit,
    OwnersCommittee,
    Partner,
    PropertyCompany,
)


@admin.register(PropertyCompany)
class PropertyCompanyAdmin(AuditedAdmin):
    list_display = ["name", "credit_code", "contact_phone", "is_sample"]
    list_filter = ["is_sample"]
    search_fields = ["name", "credit_code"]


@admin.register(Partner)
class PartnerAdmin(AuditedAdmin):
    list_display = ["name", "kind", "credit_code", "is_sample"]
    list_filter = ["kind", "is_sample"]
    search_fields = ["name", "credit_code"]


@admin.register(GovernmentUnit)
class GovernmentUnitAdmin(AuditedAdmin):
    list_display = ["name", "kind", "district", "subdistrict"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(OwnersCommittee)
class OwnersCommitteeAdmin(AuditedAdmin):
    list_display = ["estate", "kind", "formed_on", "term_end", "chair_name"]
    list_filter = ["kind"]
    search_fields = ["estate__name"]
    raw_id_fields = ["estate"]
