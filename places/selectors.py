"""Scoped reads of places."""

from django.db.models import Q

from accounts.permissions import scope_of
from places.models import Community, District, Estate, Subdistrict


def estate_scope_filter(user, prefix=""):
    """A Q object selecting the estates in ``user``'s scope.

    ``prefix`` points at an estate from another model, e.g. ``"estate__"``.
    Returns ``None`` for a city-wide scope (no filter needed).
    """
    scope = scope_of(user)
    if scope.city:
        return None
    query = Q(pk__in=[])
    if scope.district_ids:
        query |= Q(**{f"{prefix}district_id__in": scope.district_ids})
    if scope.subdistrict_ids:
        query |= Q(**{f"{prefix}subdistrict_id__in": scope.subdistrict_ids})
    if scope.company_ids:
        query |= Q(**{f"{prefix}company_id__in": scope.company_ids})
    if scope.household_id:
        query |= Q(**{f"{prefix}households_set__id": scope.household_id})
    return query


def estates_visible_to(user):
    estates = Estate.objects.select_related(
        "community", "subdistrict", "district", "company", "committee"
    )
    query = estate_scope_filter(user)
    if query is None:
        return estates
    return estates.filter(query).distinct()


COMMITTEE_FILTERS = {
    "none": Q(committee__isnull=True),
    "any": Q(committee__isnull=False),
    "owners": Q(committee__kind="owners"),
    "temporary": Q(committee__kind="temporary"),
}


def filter_estates(
    estates, *, q="", district="", subdistrict="", company="", committee=""
):
    """Narrow a scoped estate queryset by the list page's filters."""
    if q:
        estates = estates.filter(Q(name__contains=q) | Q(address__contains=q))
    if district:
        estates = estates.filter(district__code=district)
    if subdistrict:
        estates = estates.filter(subdistrict__code=subdistrict)
    if company.isdigit():
        estates = estates.filter(company_id=int(company))
    if committee in COMMITTEE_FILTERS:
        estates = estates.filter(COMMITTEE_FILTERS[committee])
    return estates


def districts():
    return District.objects.all()


def subdistricts_for_pickers(district_code=""):
    """Subdistricts and towns a resident may choose; special units are left out.

    Special units (development zones, farms) hold no residential communities
    of their own, so a resident picking where they live never meets them.
    """
    subdistricts = Subdistrict.objects.exclude(kind=Subdistrict.Kind.SPECIAL)
    if district_code:
        subdistricts = subdistricts.filter(district__code=district_code)
    return subdistricts.select_related("district")


def communities_for_pickers(subdistrict_code=""):
    communities = Community.objects.exclude(
        subdistrict__kind=Subdistrict.Kind.SPECIAL
    ).select_related("subdistrict")
    if subdistrict_code:
        communities = communities.filter(subdistrict__code=subdistrict_code)
    return communities
