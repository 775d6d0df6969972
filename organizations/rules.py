"""Who may see and import property companies."""

from accounts.permissions import rule, scope_of
from accounts.roles import Role


@rule("organizations.view_companies")
def _view_companies(user, _obj):
    scope = scope_of(user)
    return scope.city or scope.is_official or scope.is_company_staff


@rule("organizations.import_companies")
def _import_companies(user, _obj):
    return scope_of(user).has(
        Role.CITY_OFFICER, Role.ASSOCIATION_STAFF, Role.SYSTEM_ADMIN
    )
