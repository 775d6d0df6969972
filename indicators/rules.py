from accounts.permissions import rule, scope_of


@rule("indicators.view_complaint_rate")
def _view_complaint_rate(user, _obj):
    scope = scope_of(user)
    return scope.is_official or scope.is_company_staff
