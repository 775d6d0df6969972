"""Scoped reads of places."""

from django.db.models import Q

from accounts.permissions import scope_of
from places.models import Estate


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
        "community", "subdistrict", "district", "company"
    )
    query = estate_scope_filter(user)
    if query is None:
        return estates
    return estates.filter(query).distinct()
