"""A complaint's whole life in a real browser, ending in the day's summary."""

import pytest

from accounts.roles import Role
from complaints.defaults import ensure_defaults
from tests.browser import sign_in
from tests.factories import EstateFactory, ResidentFactory, person_with_role

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def as_user(page, live_server, user):
    page.context.clear_cookies()
    sign_in(page, live_server, user)


def test_complaint_from_intake_to_confirmation_counts_in_the_summary(page, live_server):
    ensure_defaults()
    estate = EstateFactory(name="示例花园")
    resident = ResidentFactory(household__estate=estate)
    staff = person_with_role(Role.COMPANY_ADMIN, company=estate.company)
    url = live_server.url

    as_user(page, live_server, resident)
    page.goto(url + "/complaints/new")
    page.select_option("select[name=category]", "repair")
    page.fill("textarea[name=description]", "3号楼电梯异响")
    page.get_by_role("button", name="提交").click()
    page.wait_for_url("**/complaints/*/")
    detail = page.url
    assert "已分派" in page.locator(".complaint-state").first.inner_text()

    as_user(page, live_server, staff)
    page.goto(url + "/complaints/console/")
    page.locator(".complaint-queue a").first.click()
    page.fill("#respond-text", "已安排电梯维保单位检查")
    page.locator("button[name=respond]").click()
    page.fill("#resolve-text", "已更换导靴")
    page.locator("button[name=resolve]").click()
    page.wait_for_selector("text=待确认")
    console_detail = page.url

    as_user(page, live_server, resident)
    page.goto(detail)
    page.fill("#reopen-text", "还是有异响")
    page.locator("button[name=reopen]").click()
    page.wait_for_selector(".complaint-state:has-text('已重新打开')")

    as_user(page, live_server, staff)
    page.goto(console_detail)
    page.fill("#resolve-text", "已更换曳引机轴承")
    page.locator("button[name=resolve]").click()
    page.wait_for_selector("text=待确认")

    as_user(page, live_server, resident)
    page.goto(detail)
    page.locator("button[name=confirm]").click()
    page.wait_for_selector(".complaint-outcome:has-text('已解决并确认')")

    as_user(page, live_server, staff)
    page.goto(url + "/complaints/console/summary")
    assert page.locator("[data-figure=received]").inner_text() == "1"
    assert page.locator("[data-figure=still_open]").inner_text() == "0"
    assert page.locator("[data-figure=resolved]").inner_text() == "1"
