"""A resident votes in a real browser and watches the ranking move."""

import pytest
from playwright.sync_api import expect

from tests.browser import sign_in
from tests.factories import ResidentFactory
from tests.showcase.factories import ShowcaseFactory, WorkFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_resident_votes_three_times_fourth_button_off_ranking_moves(
    page, live_server, browser
):
    works = WorkFactory.create_batch(4, showcase=ShowcaseFactory())
    sign_in(page, live_server, ResidentFactory())
    ranking = browser.new_context(locale="zh-CN").new_page()
    ranking.goto(live_server.url + "/showcase/ranking/")
    last = works[3]
    expect(ranking.get_by_test_id(f"rank-votes-{last.pk}")).to_have_text("0")
    expect(ranking.locator("tbody tr").last).to_contain_text(last.title)

    page.goto(live_server.url + "/showcase/")
    for count, work in enumerate([last, *works[:2]], start=1):
        page.get_by_test_id(f"vote-{work.pk}").click()
        expect(page.get_by_test_id("remaining")).to_have_text(str(3 - count))
        expect(page.get_by_test_id("vote-message")).to_contain_text("感谢您的投票")
    # The quota is used: the fourth work's button says so and cannot be pressed.
    spent = page.get_by_test_id(f"vote-{works[2].pk}")
    expect(spent).to_be_disabled()
    expect(spent).to_have_text("今日票数已用完")
    expect(page.get_by_test_id(f"votes-{works[2].pk}")).to_have_text("0")
    expect(ranking.get_by_test_id(f"rank-votes-{last.pk}")).to_have_text(
        "1", timeout=8000
    )
    expect(ranking.locator("tbody tr").last).to_contain_text(works[2].title)
    rank_cell = ranking.get_by_test_id(f"rank-row-{works[2].pk}").locator("td").first
    expect(rank_cell).to_have_text("4")
    ranking.context.close()
