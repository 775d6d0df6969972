import pytest

from campaign.plan import load_plan

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_public_schedule_shows_the_five_boards_with_their_dates(page, live_server):
    load_plan()

    page.goto(live_server.url + "/campaign/schedule/")

    boards = page.locator("section.board")
    assert boards.count() == 5
    shown = {
        boards.nth(i).locator(".board-name").inner_text(): boards.nth(i)
        .locator(".board-dates")
        .inner_text()
        for i in range(5)
    }
    assert shown == {
        "主题党日": "2025年5月-2026年5月 （2025-05-01 – 2026-05-31）",
        "物业服务周": "2025年7月（每年7月第一周） （2025-07-01 – 2025-07-31）",
        "技能竞赛": "2025年8月 （2025-08-01 – 2025-08-31）",
        "典型创建": "2025年10月-12月 （2025-10-01 – 2025-12-31）",
        "成果展演": "2026年下半年 （2026-07-01 – 2026-12-31）",
    }
    # Readable on a phone: nothing wider than the 390-pixel screen.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
