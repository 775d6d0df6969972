"""The partner's console: teams, packages, slots; refusals and scope."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.roles import Role
from common.models import AuditEntry
from serviceweek.models import Package, Slot, Team
from serviceweek.services import setup
from tests.factories import EstateFactory
from tests.serviceweek.factories import (
    TeamFactory,
    ThemeDayFactory,
    in_days,
    partner_staff,
)

pytestmark = pytest.mark.django_db

NEW = "/serviceweek/console/partner/packages/new/"


def package_form(scene, **changes):
    data = {
        "theme_day": scene.package.theme_day_id,
        "team": scene.package.team_id,
        "service_item": "油烟机拆洗",
        "unit": "visit",
        "list_price": "150.00",
        "red_price": "0",
        "free_quota": "1",
        "description": "免费检测排烟管道",
        "estates": "",
    }
    data.update(changes)
    return data


def edit_url(package):
    return f"/serviceweek/console/partner/packages/{package.pk}/"


def local(value):
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def test_partner_publishes_a_package_from_the_console(client, scene):
    estate = EstateFactory(name="鸿山花园")
    client.force_login(scene.dispatcher)

    response = client.post(NEW, package_form(scene, estates="鸿山花园"))

    package = Package.objects.get(service_item="油烟机拆洗")
    assert response.status_code == 302
    assert response["Location"] == edit_url(package)
    assert (package.partner, package.red_price, package.free_quota) == (
        scene.package.partner,
        Decimal("0.00"),
        1,
    )
    assert list(package.estates.all()) == [estate]
    entry = AuditEntry.objects.get(action="serviceweek.package.publish")
    assert (entry.actor, entry.object_id) == (scene.dispatcher, str(package.pk))


def test_red_price_above_list_price_is_refused_and_the_form_keeps_the_input(
    client, scene
):
    client.force_login(scene.dispatcher)

    response = client.post(
        NEW, package_form(scene, list_price="100", red_price="120", free_quota="")
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "红色优惠价不得高于原价。" in page
    assert 'value="油烟机拆洗"' in page
    assert 'value="120"' in page
    assert not Package.objects.filter(service_item="油烟机拆洗").exists()


def test_unknown_estate_name_is_refused_with_its_name(client, scene):
    client.force_login(scene.dispatcher)

    response = client.post(NEW, package_form(scene, estates="不存在花园"))

    assert "未找到以下名称的小区：不存在花园" in response.content.decode()
    assert not Package.objects.filter(service_item="油烟机拆洗").exists()


def test_free_quota_below_one_is_refused(client, scene):
    client.force_login(scene.dispatcher)

    response = client.post(NEW, package_form(scene, free_quota="0"))

    assert "免费名额须为不小于 1 的整数。" in response.content.decode()


def test_team_of_another_partner_is_refused_by_the_service(scene):
    other_team = scene.other_partner.roles.get().partner.serviceweek_teams.get()

    with pytest.raises(Exception) as caught:
        setup.publish_package(
            scene.package.partner,
            actor=scene.dispatcher,
            theme_day=scene.package.theme_day,
            team=other_team,
            service_item="空调清洗",
            unit="piece",
            list_price="100",
            red_price="80",
        )

    assert str(caught.value.message) == "服务队伍须为本企业的队伍。"


def test_partner_edits_and_withdraws_its_package(client, scene):
    client.force_login(scene.dispatcher)
    data = package_form(
        scene,
        service_item="空调深度清洗（挂机）",
        unit="piece",
        list_price="200",
        red_price="88",
        free_quota="",
        save="",
    )

    edited = client.post(edit_url(scene.package), data)
    withdrawn = client.post(
        f"{edit_url(scene.package)}publish/", {"published": "0"}, follow=True
    )

    scene.package.refresh_from_db()
    assert edited.status_code == 302
    assert (scene.package.service_item, scene.package.red_price) == (
        "空调深度清洗（挂机）",
        Decimal("88.00"),
    )
    assert not scene.package.is_published
    assert "服务包已下架，不再接受新预约。" in withdrawn.content.decode()
    update = AuditEntry.objects.get(action="serviceweek.package.update")
    assert update.before["red_price"] == "99.00"
    assert update.after["red_price"] == "88.00"
    assert AuditEntry.objects.filter(action="serviceweek.package.withdraw").exists()
    client.force_login(scene.resident)
    day = client.get(f"/serviceweek/day/{scene.package.theme_day_id}/")
    assert "空调深度清洗（挂机）" not in day.content.decode()


def test_another_partner_cannot_open_edit_or_withdraw_the_package(client, scene):
    client.force_login(scene.other_partner)
    before = Package.objects.values().get(pk=scene.package.pk)

    shown = client.get(edit_url(scene.package))
    edited = client.post(
        edit_url(scene.package),
        package_form(scene, service_item="改名", red_price="1", save=""),
    )
    withdrawn = client.post(f"{edit_url(scene.package)}publish/", {"published": "0"})
    slot = client.post(
        edit_url(scene.package),
        {
            "starts_at": local(in_days(5)),
            "ends_at": local(in_days(5, hour=11)),
            "capacity": "3",
            "open_slot": "",
        },
    )

    assert [r.status_code for r in (shown, edited, withdrawn, slot)] == [403] * 4
    assert "您无权查看此页面。" in edited.content.decode()
    assert Package.objects.values().get(pk=scene.package.pk) == before
    assert Slot.objects.filter(package=scene.package).count() == 1
    assert not AuditEntry.objects.filter(object_type="serviceweek.package").exists()


def test_partner_lists_only_its_own_packages_and_teams(client, scene):
    client.force_login(scene.other_partner)

    page = client.get("/serviceweek/console/partner/").content.decode()

    assert scene.package.service_item not in page
    assert scene.package.team.name not in page


def test_resident_is_refused_the_partner_console(client, scene):
    client.force_login(scene.resident)

    assert client.get("/serviceweek/console/partner/").status_code == 403


def test_partner_opens_a_slot_with_the_team_capacity_per_slot(client, scene):
    team = scene.package.team
    team.slot_capacity = 4
    team.save()
    client.force_login(scene.dispatcher)

    response = client.post(
        edit_url(scene.package),
        {
            "starts_at": local(in_days(6)),
            "ends_at": local(in_days(6, hour=12)),
            "capacity": "3",
            "open_slot": "",
        },
    )

    slot = Slot.objects.get(package=scene.package, starts_at=in_days(6))
    assert response.status_code == 302
    assert (slot.capacity, slot.shift.capacity) == (3, 4)
    assert AuditEntry.objects.filter(action="serviceweek.slot.open").exists()


@pytest.mark.parametrize(
    "case",
    [
        (
            in_days(6, hour=12),
            in_days(6, hour=10),
            "3",
            "时段的结束时间须晚于开始时间。",
        ),
        (in_days(-1), in_days(-1, hour=11), "3", "新开时段的开始时间须晚于现在。"),
        (in_days(6), in_days(6, hour=11), "0", "容量须为不小于 1 的整数。"),
        (in_days(3), in_days(3, hour=11), "3", "该服务包在此开始时间已有时段。"),
    ],
    ids=["ends-before-start", "in-the-past", "no-capacity", "same-start"],
)
def test_slot_refusals_keep_the_input(client, scene, case):
    starts, ends, capacity, message = case
    client.force_login(scene.dispatcher)

    response = client.post(
        edit_url(scene.package),
        {
            "starts_at": local(starts),
            "ends_at": local(ends),
            "capacity": capacity,
            "open_slot": "",
        },
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert f'value="{local(starts)}"' in page
    assert Slot.objects.filter(package=scene.package).count() == 1


def test_team_changes_after_slots_are_refused(client, scene):
    other_team = TeamFactory(partner=scene.package.partner)
    client.force_login(scene.dispatcher)

    response = client.post(
        edit_url(scene.package),
        package_form(scene, team=other_team.pk, red_price="10", save=""),
    )

    assert "服务包已开放时段，不能再更换服务队伍。" in response.content.decode()
    scene.package.refresh_from_db()
    assert scene.package.team_id != other_team.pk


def test_partner_creates_and_renames_a_team(client, scene):
    client.force_login(scene.dispatcher)

    created = client.post(
        "/serviceweek/console/partner/teams/new/",
        {"name": "焕新二队", "slot_capacity": "6", "workers": [scene.worker.pk]},
    )
    team = Team.objects.get(name="焕新二队")
    duplicate = client.post(
        f"/serviceweek/console/partner/teams/{team.pk}/",
        {"name": scene.package.team.name, "slot_capacity": "6"},
    )

    assert created.status_code == 302
    assert (team.partner, team.slot_capacity) == (scene.package.partner, 6)
    assert list(team.workers.all()) == [scene.worker]
    assert "已有同名的服务队伍。" in duplicate.content.decode()
    team.refresh_from_db()
    assert team.name == "焕新二队"
    assert AuditEntry.objects.filter(action="serviceweek.team.create").exists()


def test_team_workers_are_only_the_partners_own_staff(scene):
    outsider = partner_staff(scene.other_partner.roles.get().partner)

    team = setup.create_team(
        scene.package.partner,
        actor=scene.dispatcher,
        name="焕新三队",
        workers=[scene.worker.pk, outsider.pk],
    )

    assert list(team.workers.all()) == [scene.worker]


def test_another_partner_cannot_edit_the_team(client, scene):
    client.force_login(scene.other_partner)

    response = client.post(
        f"/serviceweek/console/partner/teams/{scene.package.team_id}/",
        {"name": "抢来的队伍"},
    )

    assert response.status_code == 403
    assert Team.objects.get(pk=scene.package.team_id).name != "抢来的队伍"


def test_console_order_page_shows_the_assigned_worker(client, scene):
    from serviceweek.services.booking import book_slot
    from serviceweek.services.orders import accept_order, assign_order

    order = book_slot(scene.slot, actor=scene.resident)
    client.force_login(scene.dispatcher)
    before = client.get(f"/serviceweek/console/orders/{order.pk}/").content.decode()
    accept_order(order, actor=scene.dispatcher)
    assign_order(order, actor=scene.dispatcher, worker=scene.worker)

    after = client.get(f"/serviceweek/console/orders/{order.pk}/").content.decode()

    listed = client.get("/serviceweek/console/").content.decode()

    assert '服务人员：<span class="muted">尚未派单</span>' in before
    assert f"服务人员：{scene.worker}" in after
    assert f'<td class="sw-worker">{scene.worker}</td>' in listed


def test_market_day_page_links_to_the_booths(client, scene):
    market_day = ThemeDayFactory(date=dt.date(2026, 7, 6), name="便民市集日")
    other_day = scene.package.theme_day

    shown = client.get(f"/serviceweek/day/{market_day.pk}/").content.decode()
    not_shown = client.get(f"/serviceweek/day/{other_day.pk}/").content.decode()

    assert 'href="/serviceweek/market/"' in shown
    assert 'href="/serviceweek/market/"' not in not_shown


def test_console_menu_offers_the_new_pages_to_whom_they_serve(client, scene):
    from serviceweek.models import PartyMember
    from tests.factories import person_with_role

    member = PartyMember.objects.create(
        user=scene.company_staff, company=scene.estate.company
    )
    officer = person_with_role(
        Role.SUBDISTRICT_OFFICER, subdistrict=scene.estate.subdistrict
    )
    menus = {}
    for name, person in (
        ("partner", scene.dispatcher),
        ("member", member.user),
        ("officer", officer),
    ):
        client.force_login(person)
        menus[name] = client.get("/serviceweek/console/").content.decode()

    assert "服务包与队伍" in menus["partner"]
    assert "便民市集摊位" not in menus["partner"]
    assert "已登记关爱对象" in menus["member"]
    assert "服务包与队伍" not in menus["member"]
    assert "便民市集摊位" in menus["officer"]


def test_team_name_is_called_a_name_not_a_persons_name(client, scene):
    client.force_login(scene.dispatcher)

    listed = client.get("/serviceweek/console/partner/").content.decode()
    form = client.get(
        f"/serviceweek/console/partner/teams/{scene.package.team_id}/"
    ).content.decode()

    assert "<th>名称</th>" in listed
    assert "名称：</label>" in form
    assert "姓名" not in listed
    assert "姓名" not in form


def test_console_order_history_names_each_step(client, scene):
    from serviceweek.services.booking import book_slot
    from serviceweek.services.orders import (
        accept_order,
        assign_order,
        complete_order,
        start_order,
    )

    order = book_slot(scene.slot, actor=scene.resident)
    accept_order(order, actor=scene.dispatcher)
    assign_order(order, actor=scene.dispatcher, worker=scene.worker)
    client.force_login(scene.worker)
    client.get(f"/serviceweek/console/orders/{order.pk}/")
    start_order(order, actor=scene.worker)
    complete_order(order, actor=scene.worker)

    page = client.get(f"/serviceweek/console/orders/{order.pk}/").content.decode()

    history = page[page.index('id="history"') :]
    for label in ("已预约", "已接单", "已派单", "开始服务", "已完成", "查看联系方式"):
        assert f">{label}</span>" in history
    assert ">serviceweek.order" not in history


def test_console_order_history_masks_the_resident_for_partner_staff(client, scene):
    from serviceweek.services.booking import book_slot

    scene.resident.full_name = "林小红"
    scene.resident.save()
    order = book_slot(scene.slot, actor=scene.resident)
    client.force_login(scene.dispatcher)

    page = client.get(f"/serviceweek/console/orders/{order.pk}/").content.decode()

    history = page[page.index('id="history"') :]
    assert "已预约" in history
    assert "林**" in history
    assert "林小红" not in page
