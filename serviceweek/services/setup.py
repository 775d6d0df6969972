"""Setting up a week, its packages, teams and slots."""

from decimal import Decimal

from django.db import transaction

from accounts.permissions import can
from common import audit
from common.errors import NotAllowed
from serviceweek import errors, plan
from serviceweek.models import (
    Agreement,
    Package,
    ServiceWeek,
    Slot,
    Team,
    TeamShift,
    ThemeDay,
    WeekPhase,
)


@transaction.atomic
def create_service_week(year, *, actor, title=None, is_sample=False):
    """The week of ``year`` with the plan's theme days and timeline."""
    if not can(actor, "serviceweek.run_week"):
        raise NotAllowed()
    days = plan.theme_days_of(year)
    week, created = ServiceWeek.objects.get_or_create(
        year=year,
        defaults={
            "title": title or f"{year}年“红管家 联万家”物业服务周",
            "starts_on": days[0]["date"],
            "ends_on": days[-1]["date"],
            "is_sample": is_sample,
        },
    )
    if created:
        ThemeDay.objects.bulk_create([ThemeDay(week=week, **day) for day in days])
        WeekPhase.objects.bulk_create(
            [WeekPhase(week=week, **phase) for phase in plan.phases_of(year)]
        )
        audit.record("serviceweek.week.create", week, actor=actor)
    return week


@transaction.atomic
def create_team(partner, *, actor, name, workers=()):
    if not can(actor, "serviceweek.manage_packages", partner):
        raise NotAllowed()
    team = Team.objects.create(partner=partner, name=name)
    team.workers.set(workers)
    audit.record("serviceweek.team.create", team, actor=actor)
    return team


@transaction.atomic
def publish_package(
    partner,
    *,
    actor,
    theme_day,
    team,
    service_item,
    unit,
    list_price,
    red_price,
    free_quota=None,
    description="",
    districts=(),
    estates=(),
    is_sample=False,
):
    """A partner's package; ``red_price`` may not exceed ``list_price``."""
    if not can(actor, "serviceweek.manage_packages", partner) or (
        team.partner_id != partner.pk
    ):
        raise NotAllowed()
    list_price, red_price = Decimal(list_price), Decimal(red_price)
    if red_price > list_price or red_price < 0:
        raise errors.PriceAboveList(
            fields={"red_price": [errors.PriceAboveList.default_message]}
        )
    package = Package.objects.create(
        partner=partner,
        theme_day=theme_day,
        team=team,
        service_item=service_item,
        unit=unit,
        list_price=list_price,
        red_price=red_price,
        free_quota=free_quota if red_price == 0 else None,
        description=description,
        is_sample=is_sample,
    )
    package.districts.set(districts)
    package.estates.set(estates)
    audit.record(
        "serviceweek.package.publish",
        package,
        actor=actor,
        after={"list_price": str(list_price), "red_price": str(red_price)},
    )
    return package


@transaction.atomic
def open_slot(package, *, actor, starts_at, ends_at, capacity, team_capacity=None):
    """A slot of ``package``; the team's shift for the same window is made on
    first use with ``team_capacity`` (default: this slot's capacity) and is
    shared by every package of the team."""
    if not can(actor, "serviceweek.manage_packages", package.partner):
        raise NotAllowed()
    shift, _ = TeamShift.objects.get_or_create(
        team=package.team,
        starts_at=starts_at,
        ends_at=ends_at,
        defaults={"capacity": team_capacity or capacity},
    )
    slot = Slot.objects.create(
        package=package,
        shift=shift,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
    )
    audit.record(
        "serviceweek.slot.open", slot, actor=actor, after={"capacity": capacity}
    )
    return slot


@transaction.atomic
def record_agreement(
    *,
    actor,
    title,
    partners,
    signed_on,
    valid_from,
    valid_until=None,
    week=None,
    campaign_units=(),
    companies=(),
    is_sample=False,
):
    if not can(actor, "serviceweek.run_week"):
        raise NotAllowed()
    agreement = Agreement.objects.create(
        week=week,
        title=title,
        signed_on=signed_on,
        valid_from=valid_from,
        valid_until=valid_until,
        is_sample=is_sample,
    )
    agreement.partners.set(partners)
    agreement.campaign_units.set(campaign_units)
    agreement.companies.set(companies)
    audit.record("serviceweek.agreement.record", agreement, actor=actor)
    return agreement
