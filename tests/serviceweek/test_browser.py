"""The service week in a real browser: book, accept, assign, complete, rate."""

import datetime as dt
from decimal import Decimal

import pytest

from serviceweek.enums import OrderState
from serviceweek.models import Order
from tests.browser import sign_in
from tests.factories import ResidentFactory
from tests.serviceweek.factories import (
    PackageFactory,
    TeamFactory,
    ThemeDayFactory,
    in_days,
    make_slot,
    partner_staff,
    worker_of,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def switch_to(page, live_server, user):
    page.context.clear_cookies()
    sign_in(page, live_server, user)


def test_service_week_order_from_booking_to_rating(page, live_server):
    day = ThemeDayFactory(date=dt.date(2026, 7, 4), name="家政焕新日")
    package = PackageFactory(theme_day=day, service_item="空调深度清洗")
    make_slot(package, capacity=1)
    dispatcher = partner_staff(package.partner)
    worker = worker_of(package)
    resident = ResidentFactory(full_name="林小红")
    neighbour = ResidentFactory()

    switch_to(page, live_server, resident)
    page.goto(f"{live_server.url}/serviceweek/day/{day.pk}/")
    assert page.locator("h1").inner_text() == "7/4 家政焕新日"
    assert page.locator(".sw-list-price").first.inner_text() == "180.00元/台"
    assert "99.00" in page.locator(".sw-red-price").first.inner_text()
    page.get_by_role("link", name="空调深度清洗").click()
    page.get_by_role("button", name="预约").click()
    assert page.locator(".sw-state").inner_text() == "已预约"
    order = Order.objects.get()

    switch_to(page, live_server, dispatcher)
    page.goto(f"{live_server.url}/serviceweek/console/orders/{order.pk}/")
    assert page.locator(".sw-contact-name").inner_text() == "林**"
    page.get_by_role("button", name="接单").click()
    page.get_by_label("服务人员").select_option(str(worker.pk))
    page.get_by_role("button", name="派单").click()
    assert page.locator(".sw-state").inner_text() == "已派单"

    switch_to(page, live_server, worker)
    page.goto(f"{live_server.url}/serviceweek/console/orders/{order.pk}/")
    assert page.locator(".sw-contact-mobile").inner_text() == resident.mobile
    page.get_by_role("button", name="开始服务").click()
    page.get_by_role("button", name="完成服务").click()
    assert page.locator(".sw-state").inner_text() == "已完成"

    switch_to(page, live_server, resident)
    page.goto(f"{live_server.url}/serviceweek/orders/{order.pk}/")
    page.get_by_label("综合评分").select_option("5")
    page.get_by_label("评价", exact=True).fill("师傅很专业")
    page.get_by_role("button", name="提交评价").click()
    assert page.get_by_text("感谢您的评价。").is_visible()
    order.refresh_from_db()
    assert order.state == OrderState.RATED

    switch_to(page, live_server, neighbour)
    page.goto(f"{live_server.url}/serviceweek/packages/{package.pk}/")
    page.get_by_role("button", name="预约").click()
    assert page.get_by_text("该时段已约满，请选择其他时段。").is_visible()
    assert Order.objects.count() == 1


def test_partner_publishes_a_package_in_the_console_and_a_resident_books_it(
    page, live_server
):
    day = ThemeDayFactory(date=dt.date(2026, 7, 4), name="家政焕新日")
    team = TeamFactory(name="焕新一队")
    staff = partner_staff(team.partner)
    resident = ResidentFactory(full_name="林小红")
    starts = in_days(3, hour=9)

    switch_to(page, live_server, staff)
    page.goto(f"{live_server.url}/serviceweek/console/")
    page.get_by_role("link", name="服务包与队伍").click()
    page.get_by_role("link", name="发布服务包").click()
    page.get_by_label("主题日").select_option(str(day.pk))
    page.get_by_label("服务队伍").select_option(str(team.pk))
    page.get_by_label("服务项目").fill("油烟机深度拆洗")
    page.get_by_label("计费单位").select_option("visit")
    page.get_by_label("原价（元）").fill("150")
    page.get_by_label("红色优惠价（元）").fill("180")
    page.get_by_role("button", name="发布").click()
    assert page.get_by_text("红色优惠价不得高于原价。").is_visible()
    assert page.get_by_label("服务项目").input_value() == "油烟机深度拆洗"
    page.get_by_label("红色优惠价（元）").fill("88")
    page.get_by_role("button", name="发布").click()
    assert page.get_by_text("服务包已发布，请添加服务时段。").is_visible()
    page.get_by_label("开始时间").fill(starts.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_label("结束时间").fill(
        (starts + dt.timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")
    )
    page.get_by_label("容量").fill("2")
    page.get_by_role("button", name="开放该时段").click()
    assert page.get_by_text("时段已开放。").is_visible()
    assert page.locator(".sw-slots tbody tr").count() == 1

    switch_to(page, live_server, resident)
    page.goto(f"{live_server.url}/serviceweek/day/{day.pk}/")
    assert "150.00元/次" in page.locator(".sw-list-price").first.inner_text()
    assert "88.00" in page.locator(".sw-red-price").first.inner_text()
    page.get_by_role("link", name="油烟机深度拆洗").click()
    page.get_by_role("button", name="预约").click()
    assert page.locator(".sw-state").inner_text() == "已预约"
    order = Order.objects.get()
    assert (order.package.service_item, order.red_price, order.resident) == (
        "油烟机深度拆洗",
        Decimal("88.00"),
        resident,
    )
