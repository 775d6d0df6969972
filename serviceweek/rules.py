"""Who may do what in the service week; imported by the AppConfig."""

from accounts.permissions import rule, scope_of
from accounts.roles import Role


def works_for_partner(user, partner_id):
    scope = scope_of(user)
    return scope.has(Role.PARTNER_STAFF) and partner_id in scope.partner_ids


def manages_estate(user, estate):
    scope = scope_of(user)
    return scope.is_company_staff and estate.company_id in scope.company_ids


@rule("serviceweek.book")
def _book(user, _package):
    scope = scope_of(user)
    return scope.has(Role.RESIDENT) and user.household_id is not None


@rule("serviceweek.book_for")
def _book_for(user, household):
    return household is not None and manages_estate(user, household.estate)


@rule("serviceweek.handle_order")
def _handle_order(user, order):
    return works_for_partner(user, order.package.partner_id)


@rule("serviceweek.work_order")
def _work_order(user, order):
    return order.worker_id is not None and order.worker_id == user.pk


@rule("serviceweek.cancel_order")
def _cancel_order(user, order):
    return user.pk in (order.resident_id, order.booked_by_id)


@rule("serviceweek.rate_order")
def _rate_order(user, order):
    return user.pk == order.resident_id or (
        user.household_id is not None and user.household_id == order.household_id
    )


@rule("serviceweek.manage_packages")
def _manage_packages(user, partner):
    return partner is not None and works_for_partner(user, partner.pk)


@rule("serviceweek.view_figures")
def _view_figures(user, _obj):
    return scope_of(user).is_official


@rule("serviceweek.run_week")
def _run_week(user, _obj):
    return scope_of(user).has(
        Role.CITY_OFFICER, Role.PARTY_COMMITTEE_OFFICER, Role.SYSTEM_ADMIN
    )


@rule("serviceweek.publish_standards")
def _publish_standards(user, estate):
    return estate is not None and manages_estate(user, estate)


@rule("serviceweek.record_action")
def _record_action(user, estate):
    return estate is not None and manages_estate(user, estate)


@rule("serviceweek.close_follow_up")
def _close_follow_up(user, follow_up):
    scope = scope_of(user)
    return scope.is_company_staff and follow_up.company_id in scope.company_ids


@rule("serviceweek.register_care")
def _register_care(user, household):
    member = getattr(user, "party_member", None)
    return (
        member is not None
        and household is not None
        and member.company_id is not None
        and member.company_id == household.estate.company_id
    )


@rule("serviceweek.manage_care")
def _manage_care(user, household):
    """Pairing and the care lists: the company's party members and staff."""
    return household is not None and (
        _register_care(user, household) or manages_estate(user, household.estate)
    )


@rule("serviceweek.manage_booths")
def _manage_booths(user, community):
    """Market-day booths: the city, and district or subdistrict officers whose
    area holds the community. There is no community-level role, so community
    staff act through their subdistrict (docs/limitations.md)."""
    scope = scope_of(user)
    if community is None:
        return False
    if scope.has(Role.CITY_OFFICER, Role.SYSTEM_ADMIN):
        return True
    return (
        community.subdistrict_id in scope.subdistrict_ids
        or community.subdistrict.district_id in scope.district_ids
    )


@rule("serviceweek.view_care_details")
def _view_care_details(user, recipient):
    """Only the paired party member and the registering member see details."""
    member = getattr(user, "party_member", None)
    if member is None or recipient is None:
        return False
    pairing = getattr(recipient, "pairing", None)
    return recipient.registered_by_id == member.pk or (
        pairing is not None and pairing.party_member_id == member.pk
    )


@rule("serviceweek.view_action")
def _view_action(user, action):
    """The estate's company staff and officials whose area holds the estate."""
    from places.selectors import estates_visible_to

    scope = scope_of(user)
    if action is None or not (scope.is_company_staff or scope.is_official):
        return False
    return estates_visible_to(user).filter(pk=action.estate_id).exists()
