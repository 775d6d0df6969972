"""Sample data of the service week for ``manage.py seed_demo``.

The week is the next one to come (this year's until July, else next year's),
so that its slots can be booked in the demonstration.
"""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from accounts.models import RoleAssignment, User
from accounts.roles import Role
from organizations.models import Partner
from serviceweek import plan
from serviceweek.enums import MarketZone, Unit
from serviceweek.models import (
    Agreement,
    Booth,
    Package,
    PartyMember,
    ServiceWeek,
    Slot,
    Team,
    TeamShift,
    ThemeDay,
    WeekPhase,
)

# (theme day index, item, unit, list price, red price, free quota, description)
HOUSEKEEPING = (
    (3, "空调深度清洗", Unit.PIECE, "180.00", "99.00", None, "挂机、柜机均可（示例）"),
    (
        3,
        "全屋玻璃清洁",
        Unit.SQUARE_METRE,
        "8.00",
        "5.00",
        None,
        "按玻璃面积计（示例）",
    ),
    (3, "油烟机拆洗", Unit.VISIT, "150.00", "0.00", 1, "免费检测排烟管道（示例）"),
    (4, "助老上门保洁", Unit.VISIT, "120.00", "0.00", 1, "行动不便老人优先（示例）"),
)


def _week_year(today):
    return today.year if today < dt.date(today.year, 7, 1) else today.year + 1


def _partner_of(user):
    role = RoleAssignment.objects.filter(user=user, role=Role.PARTNER_STAFF).first()
    return role.partner if role else None


def _worker(partner):
    user, created = User.objects.get_or_create(
        username="partner_worker",
        defaults={"full_name": "钱师傅", "is_sample": True},
    )
    if created:
        from accounts.sample import DEMO_PASSWORD

        user.set_password(DEMO_PASSWORD)
        user.save()
    RoleAssignment.objects.get_or_create(
        user=user, role=Role.PARTNER_STAFF, partner=partner
    )
    return user


def _party_member(user):
    """The frontline sample account is also a party member of its company,
    so that the care pages can be shown."""
    role = RoleAssignment.objects.filter(
        user=user, role=Role.FRONTLINE_STAFF, company__isnull=False
    ).first()
    if role is not None:
        PartyMember.objects.get_or_create(user=user, defaults={"company": role.company})


def _local(day, hour):
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def seed(people):
    """The sample week; returns the accounts it adds (the partner's worker)."""
    partner_user = people.get("partner")
    partner = _partner_of(partner_user) if partner_user else None
    if partner is None:
        return []
    worker = _worker(partner)
    _party_member(people.get("frontline"))
    year = _week_year(timezone.localdate())
    days = plan.theme_days_of(year)
    week, created = ServiceWeek.objects.get_or_create(
        year=year,
        defaults={
            "title": f"{year}年“红管家 联万家”物业服务周（示例）",
            "starts_on": days[0]["date"],
            "ends_on": days[-1]["date"],
            "is_sample": True,
        },
    )
    if not created:
        return [worker]
    theme_days = ThemeDay.objects.bulk_create(
        [ThemeDay(week=week, **day) for day in days]
    )
    WeekPhase.objects.bulk_create(
        [WeekPhase(week=week, **phase) for phase in plan.phases_of(year)]
    )
    team, _ = Team.objects.get_or_create(partner=partner, name="焕新服务一队（示例）")
    team.workers.add(partner_user, worker)
    for index, item, unit, list_price, red_price, quota, description in HOUSEKEEPING:
        package = Package.objects.create(
            partner=partner,
            theme_day=theme_days[index],
            team=team,
            service_item=item,
            unit=unit,
            list_price=Decimal(list_price),
            red_price=Decimal(red_price),
            free_quota=quota,
            description=description,
            is_sample=True,
        )
        for hour in (9, 14):
            starts_at = _local(theme_days[index].date, hour)
            shift, _ = TeamShift.objects.get_or_create(
                team=team,
                starts_at=starts_at,
                ends_at=starts_at + dt.timedelta(hours=3),
                defaults={"capacity": 8},
            )
            Slot.objects.create(
                package=package,
                shift=shift,
                starts_at=starts_at,
                ends_at=shift.ends_at,
                capacity=5,
            )
    agreement = Agreement.objects.create(
        week=week,
        title="“物业+生活服务”战略合作协议（示例）",
        signed_on=days[0]["date"],
        valid_from=days[0]["date"],
        valid_until=dt.date(year + 2, 6, 30),
        is_sample=True,
    )
    agreement.partners.set(Partner.objects.filter(is_sample=True))
    resident = people.get("resident")
    if resident is not None and resident.household_id:
        community = resident.household.estate.community
        for zone, name, services in (
            (
                MarketZone.REPAIR,
                "便民维修摊（示例）",
                "小家电维修（成本价）、免费理发、磨刀（免费）",
            ),
            (
                MarketZone.EXCHANGE,
                "绿色置换摊（示例）",
                "5件旧衣换1盆绿植；过期药品换口罩",
            ),
            (
                MarketZone.POLICY,
                "政策咨询台（示例）",
                "物业法规解答、反诈宣传、免费法律咨询",
            ),
            (MarketZone.PRODUCE, "特产助农摊（示例）", "对口帮扶地区农副产品展销"),
        ):
            Booth.objects.create(
                week=week,
                community=community,
                zone=zone,
                name=name,
                services=services,
                place=f"{community.name}社区广场",
                opens_at=dt.time(9),
                closes_at=dt.time(17),
                is_sample=True,
            )
    return [worker]
