"""Scoped reads of organisations."""

from django.db.models import Count, Q

from accounts.permissions import scope_of
from organizations.models import GovernmentUnit, PropertyCompany
from places.selectors import estate_scope_filter


def companies_visible_to(user):
    """Companies ``user`` may look at, each with ``estate_count`` in scope.

    City roles see every company; company staff their own companies; district
    and subdistrict officers the companies serving an estate of their area.
    """
    scope = scope_of(user)
    estates_in_scope = estate_scope_filter(user, prefix="estates__")
    if estates_in_scope is None:
        return PropertyCompany.objects.annotate(estate_count=Count("estates")).order_by(
            "name", "pk"
        )
    if not user.is_authenticated or not (scope.is_official or scope.company_ids):
        return PropertyCompany.objects.none()
    visible = PropertyCompany.objects.filter(
        Q(pk__in=scope.company_ids)
        | Q(pk__in=PropertyCompany.objects.filter(estates_in_scope).values("pk"))
    )
    return visible.annotate(
        estate_count=Count("estates", filter=estates_in_scope, distinct=True)
    ).order_by("name", "pk")


def filter_companies(companies, *, q=""):
    if q:
        companies = companies.filter(Q(name__contains=q) | Q(credit_code=q.upper()))
    return companies


def government_units():
    return GovernmentUnit.objects.select_related("district", "subdistrict")
