"""Who may look at the estate register."""

from accounts.permissions import rule, scope_of


@rule("places.view_estates")
def _view_estates(user, _obj):
    scope = scope_of(user)
    return scope.is_official or scope.is_company_staff or scope.city
