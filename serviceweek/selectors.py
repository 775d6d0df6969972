"""Scoped reads of the service week: every list, export and endpoint uses them."""

from django.db.models import Q

from accounts.permissions import scope_of
from places.selectors import estate_scope_filter
from serviceweek.models import Order, Package, ServiceWeek, Slot


def orders_visible_to(user):
    """Orders a person may see: their household's, the ones they booked, their
    partner's, their estates' (company staff), and those in an official's area."""
    orders = Order.objects.select_related(
        "package__partner",
        "package__theme_day",
        "slot",
        "household__estate",
        "resident",
        "booked_by",
        "worker",
    )
    if not user.is_authenticated:
        return orders.none()
    scope = scope_of(user)
    query = Q(booked_by=user) | Q(resident=user)
    if scope.household_id:
        query |= Q(household_id=scope.household_id)
    if scope.partner_ids:
        query |= Q(package__partner_id__in=scope.partner_ids)
    if scope.company_ids:
        query |= Q(household__estate__company_id__in=scope.company_ids)
    if scope.is_official:
        area = estate_scope_filter(user, prefix="household__estate__")
        if area is None:
            return orders
        query |= area
    return orders.filter(query).distinct()


def packages_visible_to(user):
    """Published packages; partner staff also see their own unpublished ones."""
    packages = Package.objects.select_related("partner", "theme_day", "team")
    scope = scope_of(user)
    query = Q(is_published=True)
    if scope.partner_ids:
        query |= Q(partner_id__in=scope.partner_ids)
    return packages.filter(query)


def packages_for_household(user, household):
    """Published packages serving ``household``'s estate (or everywhere)."""
    estate = household.estate
    return (
        packages_visible_to(user)
        .filter(is_published=True)
        .filter(
            Q(estates__isnull=True, districts__isnull=True)
            | Q(estates=estate)
            | Q(districts=estate.district_id)
        )
        .distinct()
    )


def open_slots(package, *, now):
    return Slot.objects.filter(package=package, starts_at__gt=now).select_related(
        "shift"
    )


def current_week(today):
    """The week of ``today``'s year, else the latest one."""
    return (
        ServiceWeek.objects.filter(year=today.year).first()
        or ServiceWeek.objects.first()
    )


def phase_progress(phase, today):
    """(state, percent) of a timeline phase on ``today``, by days elapsed."""
    if today < phase.starts_on:
        return "upcoming", 0
    if today > phase.ends_on:
        return "done", 100
    total = (phase.ends_on - phase.starts_on).days + 1
    elapsed = (today - phase.starts_on).days + 1
    return "running", round(100 * elapsed / total)


def follow_ups_visible_to(user):
    """Follow-ups of low ratings: the company's own, or those in an official's
    area."""
    from serviceweek.models import FollowUp

    follow_ups = FollowUp.objects.select_related(
        "rating__order__package", "rating__order__household__estate", "company"
    )
    scope = scope_of(user)
    if scope.is_official:
        area = estate_scope_filter(user, prefix="rating__order__household__estate__")
        return follow_ups if area is None else follow_ups.filter(area)
    return follow_ups.filter(company_id__in=scope.company_ids)


def booths_near(user, week):
    """Market-day booths of the person's community first, then the rest of
    their subdistrict; everyone else sees all booths of the week."""
    from serviceweek.models import Booth

    booths = Booth.objects.filter(week=week).select_related("community")
    household = getattr(user, "household", None) if user.is_authenticated else None
    if household is None:
        return list(booths)
    community = household.estate.community
    near = booths.filter(community__subdistrict_id=community.subdistrict_id)
    return sorted(near, key=lambda b: (b.community_id != community.pk, b.zone, b.name))
