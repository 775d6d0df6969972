"""The gala console in a browser: the correct answer is picked from the
choices as they are typed."""

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from showcase.models import QuizQuestion
from tests.browser import sign_in
from tests.factories import person_with_role
from tests.showcase.factories import ShowcaseFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_correct_answer_is_picked_from_the_typed_choices(page, live_server):
    ShowcaseFactory(stage="gala")
    sign_in(page, live_server, person_with_role(Role.CITY_OFFICER))
    page.goto(live_server.url + "/showcase/gala/console/")
    form = page.get_by_test_id("question-form")

    form.get_by_label("题目").fill("垃圾分类有几类？")
    form.get_by_label("选项（每行一个）").press_sequentially("2类\n4类\n\n6类")
    menu = form.get_by_label("正确答案")
    expect(menu.locator("option")).to_have_text(["1. 2类", "2. 4类", "3. 6类"])
    menu.select_option(label="2. 4类")
    form.get_by_role("button", name="添加题目").click()

    expect(page.get_by_test_id("questions")).to_contain_text("垃圾分类有几类？")
    added = QuizQuestion.objects.get()
    assert (added.choices, added.correct_choice) == (["2类", "4类", "6类"], 1)
