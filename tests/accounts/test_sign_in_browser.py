import logging
import re

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from accounts.models import User
from accounts.roles import Role
from tests.accounts.helpers import last_code
from tests.factories import UserFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # The cache table is not emptied between transactional tests.
    cache.clear()
    yield
    cache.clear()


def test_resident_signs_in_with_an_sms_code_and_lands_on_home(page, live_server):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="登录").click()

    page.get_by_label("手机号").fill("13812345678")
    page.get_by_role("button", name="获取验证码").click()
    page.get_by_text("验证码已发送至 138****5678").wait_for()
    page.get_by_label("短信验证码").fill(last_code("13812345678"))
    page.get_by_role("button", name="登录", exact=True).click()

    page.wait_for_url(live_server.url + "/")
    expect(page.get_by_role("link", name="消息", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="退出")).to_be_visible()
    person = User.objects.get(mobile="13812345678")
    assert person.mobile_verified_at is not None
    assert list(person.roles.values_list("role", flat=True)) == [Role.RESIDENT]


def test_resident_signs_in_by_pressing_enter_in_the_code_field(page, live_server):
    page.goto(live_server.url + "/accounts/sign-in/?next=/accounts/me/")
    page.get_by_label("手机号").fill("13812345678")
    page.get_by_role("button", name="获取验证码").click()
    page.get_by_text("验证码已发送").wait_for()

    page.get_by_label("短信验证码").fill(last_code("13812345678"))
    page.get_by_label("短信验证码").press("Enter")

    page.wait_for_url(live_server.url + "/accounts/me/")
    expect(page.get_by_text("138****5678")).to_be_visible()


def test_resident_sees_a_wrong_code_refused_in_chinese(page, live_server):
    page.goto(live_server.url + "/accounts/sign-in/")
    page.get_by_label("手机号").fill("13812345678")
    page.get_by_role("button", name="获取验证码").click()
    page.get_by_text("验证码已发送").wait_for()
    wrong = "111111" if last_code("13812345678") != "111111" else "222222"

    page.get_by_label("短信验证码").fill(wrong)
    page.get_by_role("button", name="登录", exact=True).click()

    expect(page.get_by_text("验证码不正确，还可尝试 4 次。")).to_be_visible()


def test_staff_signs_in_with_password_and_reaches_the_console(page, live_server):
    officer = UserFactory(username="city-officer", full_name="周市局")
    officer.roles.create(role=Role.CITY_OFFICER)

    page.goto(live_server.url + "/console/")
    page.get_by_label("用户名").fill("city-officer")
    page.get_by_label("密码").fill("correct horse 1")
    page.get_by_role("button", name="登录").click()

    page.wait_for_url(live_server.url + "/console/")
    expect(page.get_by_text("您的角色可以做什么")).to_be_visible()
    expect(page.get_by_text("查看全市情况；导入小区和企业。")).to_be_visible()


def test_staff_wrong_password_is_refused_in_chinese(page, live_server):
    UserFactory(username="clerk")

    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("用户名").fill("clerk")
    page.get_by_label("密码").fill("wrong password")
    page.get_by_role("button", name="登录").click()

    expect(page.get_by_text("账号或密码不正确。")).to_be_visible()


def test_resident_signs_in_with_the_code_from_the_log_and_opens_the_schedule(
    page, live_server, caplog
):
    from campaign.plan import load_plan

    load_plan()
    caplog.set_level(logging.INFO, logger="common.sms")
    page.goto(live_server.url + "/accounts/sign-in/")
    page.get_by_label("手机号").fill("13812345678")
    page.get_by_role("button", name="获取验证码").click()
    page.get_by_text("验证码已发送").wait_for()
    (line,) = [r.getMessage() for r in caplog.records if r.name == "common.sms"]
    assert "13812345678" not in line

    page.get_by_label("短信验证码").fill(re.search(r"\d{6}", line).group())
    page.get_by_role("button", name="登录", exact=True).click()
    page.wait_for_url(live_server.url + "/")
    page.locator(".bottomnav").get_by_role("link", name="日程").click()

    boards = page.locator("section.board .board-name")
    expect(boards).to_have_count(5)
    assert set(boards.all_inner_texts()) == {
        "主题党日",
        "物业服务周",
        "技能竞赛",
        "典型创建",
        "成果展演",
    }
    expect(page.get_by_text("2026-07-01 – 2026-12-31")).to_be_visible()
