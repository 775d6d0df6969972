"""The roles a person can hold, and which scope each role carries."""

from django.db import models
from django.utils.translation import pgettext_lazy


class Role(models.TextChoices):
    RESIDENT = "resident", pgettext_lazy("role", "resident")
    COMPANY_ADMIN = "company_admin", pgettext_lazy("role", "company administrator")
    ESTATE_MANAGER = "estate_manager", pgettext_lazy("role", "estate manager")
    FRONTLINE_STAFF = "frontline_staff", pgettext_lazy("role", "frontline staff")
    PARTNER_STAFF = "partner_staff", pgettext_lazy("role", "partner staff")
    SUBDISTRICT_OFFICER = (
        "subdistrict_officer",
        pgettext_lazy("role", "subdistrict officer"),
    )
    DISTRICT_OFFICER = "district_officer", pgettext_lazy("role", "district officer")
    CITY_OFFICER = "city_officer", pgettext_lazy("role", "city officer")
    PARTY_COMMITTEE_OFFICER = (
        "party_committee_officer",
        pgettext_lazy("role", "party committee officer"),
    )
    ASSOCIATION_STAFF = "association_staff", pgettext_lazy("role", "association staff")
    EXPERT = "expert", pgettext_lazy("role", "expert")
    JUDGE = "judge", pgettext_lazy("role", "judge")
    REVIEWER = "reviewer", pgettext_lazy("role", "review-team member")
    PANEL_CHAIR = "panel_chair", pgettext_lazy("role", "chair of the expert panel")
    SYSTEM_ADMIN = "system_admin", pgettext_lazy("role", "system administrator")


class ScopeKind(models.TextChoices):
    SELF = "self", pgettext_lazy("scope", "own household")
    COMPANY = "company", pgettext_lazy("scope", "property company")
    PARTNER = "partner", pgettext_lazy("scope", "partner firm")
    SUBDISTRICT = "subdistrict", pgettext_lazy("scope", "subdistrict")
    DISTRICT = "district", pgettext_lazy("scope", "district")
    CITY = "city", pgettext_lazy("scope", "city")


SCOPE_OF_ROLE = {
    Role.RESIDENT: ScopeKind.SELF,
    Role.COMPANY_ADMIN: ScopeKind.COMPANY,
    Role.ESTATE_MANAGER: ScopeKind.COMPANY,
    Role.FRONTLINE_STAFF: ScopeKind.COMPANY,
    Role.PARTNER_STAFF: ScopeKind.PARTNER,
    Role.SUBDISTRICT_OFFICER: ScopeKind.SUBDISTRICT,
    Role.DISTRICT_OFFICER: ScopeKind.DISTRICT,
    Role.CITY_OFFICER: ScopeKind.CITY,
    Role.PARTY_COMMITTEE_OFFICER: ScopeKind.CITY,
    Role.ASSOCIATION_STAFF: ScopeKind.CITY,
    Role.EXPERT: ScopeKind.CITY,
    Role.JUDGE: ScopeKind.CITY,
    Role.REVIEWER: ScopeKind.CITY,
    Role.PANEL_CHAIR: ScopeKind.CITY,
    Role.SYSTEM_ADMIN: ScopeKind.CITY,
}

OFFICIAL_ROLES = frozenset(
    {
        Role.SUBDISTRICT_OFFICER,
        Role.DISTRICT_OFFICER,
        Role.CITY_OFFICER,
        Role.PARTY_COMMITTEE_OFFICER,
        Role.ASSOCIATION_STAFF,
        Role.SYSTEM_ADMIN,
    }
)
COMPANY_ROLES = frozenset(
    {Role.COMPANY_ADMIN, Role.ESTATE_MANAGER, Role.FRONTLINE_STAFF}
)
PANEL_ROLES = frozenset({Role.EXPERT, Role.JUDGE, Role.REVIEWER, Role.PANEL_CHAIR})
