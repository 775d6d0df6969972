"""Setting up a week, its packages, teams and slots."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.permissions import can
from common import audit
from common.errors import NotAllowed
from serviceweek import errors, plan
from serviceweek.enums import Unit
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
from serviceweek.models.booking import CENT


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


def _name(value, *, field="name"):
    name = (value or "").strip()
    if not name:
        raise errors.NameRequired(fields={field: [errors.NameRequired.default_message]})
    return name


def _capacity(value, *, field, required=True):
    if value is None and not required:
        return None
    if value is None or int(value) < 1:
        raise errors.CapacityTooSmall(
            fields={field: [errors.CapacityTooSmall.default_message]}
        )
    return int(value)


def _team_name(partner, name, *, team=None):
    name = _name(name)
    others = Team.objects.filter(partner=partner, name=name)
    if team is not None:
        others = others.exclude(pk=team.pk)
    if others.exists():
        raise errors.TeamExists(fields={"name": [errors.TeamExists.default_message]})
    return name


def _own_workers(partner, workers):
    """Only the partner's own staff may work in its teams."""
    from accounts.models import User
    from accounts.roles import Role

    ids = [getattr(worker, "pk", worker) for worker in workers]
    return User.objects.filter(
        pk__in=ids, roles__role=Role.PARTNER_STAFF, roles__partner=partner
    ).distinct()


@transaction.atomic
def create_team(partner, *, actor, name, workers=(), slot_capacity=None):
    """A delivering team of ``partner``; ``slot_capacity`` is how many orders
    it takes in one time window over all its packages."""
    if not can(actor, "serviceweek.manage_packages", partner):
        raise NotAllowed()
    team = Team.objects.create(
        partner=partner,
        name=_team_name(partner, name),
        slot_capacity=_capacity(slot_capacity, field="slot_capacity", required=False),
    )
    team.workers.set(_own_workers(partner, workers))
    audit.record(
        "serviceweek.team.create",
        team,
        actor=actor,
        after={"name": team.name, "slot_capacity": team.slot_capacity},
    )
    return team


@transaction.atomic
def update_team(team, *, actor, name, slot_capacity=None, workers=None):
    """Rename a team, change its capacity per slot (for slots opened from now
    on) and, when ``workers`` is given, who works in it."""
    team = Team.objects.select_for_update().get(pk=team.pk)
    if not can(actor, "serviceweek.manage_packages", team.partner):
        raise NotAllowed()
    before = {"name": team.name, "slot_capacity": team.slot_capacity}
    team.name = _team_name(team.partner, name, team=team)
    team.slot_capacity = _capacity(slot_capacity, field="slot_capacity", required=False)
    team.save(update_fields=["name", "slot_capacity"])
    if workers is not None:
        team.workers.set(_own_workers(team.partner, workers))
    audit.record(
        "serviceweek.team.update",
        team,
        actor=actor,
        before=before,
        after={"name": team.name, "slot_capacity": team.slot_capacity},
    )
    return team


def _package_terms(
    partner, *, team, service_item, unit, list_price, red_price, free_quota
):
    """The checked terms of a package, or the first refusal among them."""
    if team.partner_id != partner.pk:
        raise errors.TeamNotOwn(fields={"team": [errors.TeamNotOwn.default_message]})
    service_item = _name(service_item, field="service_item")
    if unit not in Unit.values:
        raise errors.UnitUnknown(fields={"unit": [errors.UnitUnknown.default_message]})
    list_price = Decimal(list_price).quantize(CENT)
    red_price = Decimal(red_price).quantize(CENT)
    if red_price > list_price or red_price < 0:
        raise errors.PriceAboveList(
            fields={"red_price": [errors.PriceAboveList.default_message]}
        )
    if red_price != 0:
        free_quota = None
    if free_quota is not None and int(free_quota) < 1:
        raise errors.QuotaTooSmall(
            fields={"free_quota": [errors.QuotaTooSmall.default_message]}
        )
    return {
        "team": team,
        "service_item": service_item,
        "unit": unit,
        "list_price": list_price,
        "red_price": red_price,
        "free_quota": free_quota,
    }


PACKAGE_FIELDS = (
    "theme_day",
    "team",
    "service_item",
    "unit",
    "list_price",
    "red_price",
    "free_quota",
    "description",
)


def _package_values(package):
    values = {name: getattr(package, name) for name in PACKAGE_FIELDS}
    values["theme_day"] = package.theme_day_id
    values["team"] = package.team_id
    values["list_price"] = str(package.list_price)
    values["red_price"] = str(package.red_price)
    values["districts"] = ",".join(
        str(pk) for pk in package.districts.values_list("pk", flat=True)
    )
    values["estates"] = ",".join(
        str(pk) for pk in package.estates.values_list("pk", flat=True)
    )
    return values


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
    if not can(actor, "serviceweek.manage_packages", partner):
        raise NotAllowed()
    terms = _package_terms(
        partner,
        team=team,
        service_item=service_item,
        unit=unit,
        list_price=list_price,
        red_price=red_price,
        free_quota=free_quota,
    )
    package = Package.objects.create(
        partner=partner,
        theme_day=theme_day,
        description=(description or "").strip(),
        is_sample=is_sample,
        **terms,
    )
    package.districts.set(districts)
    package.estates.set(estates)
    audit.record(
        "serviceweek.package.publish",
        package,
        actor=actor,
        after={
            "list_price": str(terms["list_price"]),
            "red_price": str(terms["red_price"]),
        },
    )
    return package


@transaction.atomic
def update_package(
    package,
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
):
    """Change a package's terms. Orders placed already keep the prices they
    were booked at; the new terms apply to bookings from now on."""
    package = Package.objects.select_for_update().get(pk=package.pk)
    if not can(actor, "serviceweek.manage_packages", package.partner):
        raise NotAllowed()
    terms = _package_terms(
        package.partner,
        team=team,
        service_item=service_item,
        unit=unit,
        list_price=list_price,
        red_price=red_price,
        free_quota=free_quota,
    )
    if terms["team"].pk != package.team_id and package.slots.exists():
        # A slot's place is also held on the team's shift; moving the package
        # to another team would leave its slots counted against the old one.
        raise errors.TeamFixed(fields={"team": [errors.TeamFixed.default_message]})
    before = _package_values(package)
    for name, value in terms.items():
        setattr(package, name, value)
    package.theme_day = theme_day
    package.description = (description or "").strip()
    package.save()
    package.districts.set(districts)
    package.estates.set(estates)
    after = _package_values(package)
    audit.record(
        "serviceweek.package.update",
        package,
        actor=actor,
        before={k: v for k, v in before.items() if after[k] != v},
        after={k: v for k, v in after.items() if before[k] != v},
    )
    return package


@transaction.atomic
def set_package_published(package, *, actor, published):
    """Withdraw a package from residents (``published=False``) or publish it
    again. A withdrawn package takes no new bookings; orders placed already
    stay as they are."""
    package = Package.objects.select_for_update().get(pk=package.pk)
    if not can(actor, "serviceweek.manage_packages", package.partner):
        raise NotAllowed()
    if package.is_published != published:
        package.is_published = published
        package.save(update_fields=["is_published"])
        audit.record(
            "serviceweek.package.publish"
            if published
            else "serviceweek.package.withdraw",
            package,
            actor=actor,
            before={"is_published": not published},
            after={"is_published": published},
        )
    return package


@transaction.atomic
def open_slot(package, *, actor, starts_at, ends_at, capacity, team_capacity=None):
    """A slot of ``package``; the team's shift for the same window is made on
    first use with ``team_capacity`` (default: the team's capacity per slot,
    else this slot's capacity) and is shared by every package of the team."""
    if not can(actor, "serviceweek.manage_packages", package.partner):
        raise NotAllowed()
    capacity = _capacity(capacity, field="capacity")
    team_capacity = _capacity(team_capacity, field="team_capacity", required=False)
    if ends_at <= starts_at:
        raise errors.SlotTimesOrdered(
            fields={"ends_at": [errors.SlotTimesOrdered.default_message]}
        )
    if starts_at <= timezone.now():
        raise errors.SlotInPast(
            fields={"starts_at": [errors.SlotInPast.default_message]}
        )
    if Slot.objects.filter(package=package, starts_at=starts_at).exists():
        raise errors.SlotExists(
            fields={"starts_at": [errors.SlotExists.default_message]}
        )
    team = package.team
    shift, _ = TeamShift.objects.get_or_create(
        team=team,
        starts_at=starts_at,
        ends_at=ends_at,
        defaults={"capacity": team_capacity or team.slot_capacity or capacity},
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
