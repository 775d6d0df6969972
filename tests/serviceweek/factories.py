"""Factories of the service week, on top of tests/factories.py."""

import datetime as dt
from decimal import Decimal

import factory
from django.utils import timezone

from accounts.roles import Role
from serviceweek.enums import Unit
from serviceweek.models import Package, ServiceWeek, Slot, Team, TeamShift, ThemeDay
from tests.factories import PartnerFactory, person_with_role


class ServiceWeekFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ServiceWeek
        django_get_or_create = ("year",)

    year = 2026
    title = factory.LazyAttribute(lambda o: f"{o.year}年物业服务周")
    starts_on = factory.LazyAttribute(lambda o: dt.date(o.year, 7, 1))
    ends_on = factory.LazyAttribute(lambda o: dt.date(o.year, 7, 6))


class ThemeDayFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ThemeDay
        django_get_or_create = ("week", "date")

    week = factory.SubFactory(ServiceWeekFactory)
    date = factory.LazyAttribute(lambda o: dt.date(o.week.year, 7, 4))
    name = "家政焕新日"
    content = "联动家政企业提供空调清洗、油烟机拆洗等免费服务，推出“红色优惠价”"


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        skip_postgeneration_save = True

    partner = factory.SubFactory(PartnerFactory)
    name = factory.Sequence(lambda n: f"服务一队{n}")


class PackageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Package
        skip_postgeneration_save = True

    partner = factory.SubFactory(PartnerFactory)
    team = factory.SubFactory(TeamFactory, partner=factory.SelfAttribute("..partner"))
    theme_day = factory.SubFactory(ThemeDayFactory)
    service_item = factory.Sequence(lambda n: f"空调深度清洗{n}")
    unit = Unit.PIECE
    list_price = Decimal("180.00")
    red_price = Decimal("99.00")


def in_days(days, hour=9):
    now = timezone.localtime()
    return (now + dt.timedelta(days=days)).replace(
        hour=hour, minute=0, second=0, microsecond=0
    )


def make_slot(package=None, *, capacity=5, team_capacity=None, starts_at=None):
    """A slot of ``package`` whose team shift has ``team_capacity`` places."""
    package = package or PackageFactory()
    starts_at = starts_at or in_days(3)
    ends_at = starts_at + dt.timedelta(hours=2)
    shift, _ = TeamShift.objects.get_or_create(
        team=package.team,
        starts_at=starts_at,
        ends_at=ends_at,
        defaults={"capacity": team_capacity or capacity},
    )
    return Slot.objects.create(
        package=package,
        shift=shift,
        starts_at=starts_at,
        ends_at=ends_at,
        capacity=capacity,
    )


def partner_staff(partner):
    return person_with_role(Role.PARTNER_STAFF, partner=partner)


def worker_of(package):
    worker = partner_staff(package.partner)
    package.team.workers.add(worker)
    return worker
