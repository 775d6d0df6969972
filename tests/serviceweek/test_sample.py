"""The sample week of the demonstration."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from accounts.roles import Role
from serviceweek.models import Booth, Package, ServiceWeek, Slot
from serviceweek.sample import seed
from serviceweek.services.booking import book_slot
from tests.factories import PartnerFactory, ResidentFactory, person_with_role

pytestmark = pytest.mark.django_db


def test_sample_week_is_bookable_and_marked():
    partner = PartnerFactory(name="鹭岛家政服务有限公司（示例）")
    people = {
        "partner": person_with_role(Role.PARTNER_STAFF, partner=partner),
        "resident": ResidentFactory(),
    }

    with time_machine.travel(
        dt.datetime(2026, 12, 4, tzinfo=ZoneInfo("Asia/Shanghai"))
    ):
        seed(people)
        seed(people)
        week = ServiceWeek.objects.get(is_sample=True)
        slot = Slot.objects.filter(package__service_item="空调深度清洗").first()
        order = book_slot(slot, actor=people["resident"])

    assert week.year == 2027
    assert week.theme_days.count() == 6
    assert week.phases.count() == 4
    assert Package.objects.filter(partner=partner, is_sample=True).count() == 4
    assert Booth.objects.filter(week=week).count() == 4
    assert order.package.theme_day.name == "家政焕新日"


def test_seed_demo_prints_the_partner_worker_account_every_time():
    from io import StringIO

    from django.core.management import call_command

    call_command("load_divisions")
    outputs = []
    for _run in range(2):
        out = StringIO()
        call_command("seed_demo", stdout=out)
        outputs.append(out.getvalue())

    for output in outputs:
        line = next(line for line in output.splitlines() if "partner_worker" in line)
        assert "钱师傅" in line
        assert "合作单位人员" in line


def test_seed_demo_says_which_account_is_the_party_member():
    from io import StringIO

    from django.core.management import call_command

    call_command("load_divisions")
    out = StringIO()
    call_command("seed_demo", stdout=out)

    lines = {line.split()[0]: line for line in out.getvalue().splitlines() if line}
    assert "党员，可预登记关爱对象" in lines["frontline"]
    assert "未登记为党员，不能预登记关爱对象" in lines["party"]
    assert "党员" not in lines["resident"]
