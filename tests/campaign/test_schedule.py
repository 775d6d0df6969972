import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
import time_machine
from icalendar import Calendar
from openpyxl import load_workbook

from campaign.plan import load_plan

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture(autouse=True)
def _plan():
    load_plan()


def test_schedule_shows_the_five_boards_with_their_windows(client):
    page = client.get("/campaign/schedule/").content.decode()

    for name, window in [
        ("主题党日", "2025年5月-2026年5月"),
        ("物业服务周", "2025年7月"),
        ("技能竞赛", "2025年8月"),
        ("典型创建", "2025年10月-12月"),
        ("成果展演", "2026年下半年"),
    ]:
        assert name in page
        assert window in page


def test_schedule_names_each_role_of_units_once(client):
    page = client.get("/campaign/schedule/").content.decode()

    skills = page.split('id="board-skills"', 1)[1].split("</section>", 1)[0]
    assert "主办单位：厦门市物业行业党委、厦门市物业管理协会" in skills
    assert skills.count("主办单位") == 1
    # A full-width colon carries its own space.
    assert "活动版块：主题党日" in page


@time_machine.travel(dt.datetime(2026, 7, 3, 10, tzinfo=SHANGHAI), tick=False)
def test_schedule_shows_the_theme_day_of_today(client):
    response = client.get("/campaign/schedule/")

    on_now = response.context["now"]
    assert [item.title for item in on_now["items"] if item.kind == "theme_day"] == [
        "2026年健康守护日"
    ]
    assert {board.code for board in on_now["boards"]} == {"serviceweek", "showcase"}
    assert on_now["phase"].number == 2


@time_machine.travel(dt.datetime(2026, 6, 30, 23, 30, tzinfo=dt.UTC), tick=False)
def test_what_is_on_follows_the_shanghai_date_not_utc(client):
    # 23:30 UTC on 30 June is already 07:30 on 1 July in Xiamen.
    response = client.get("/api/v1/campaign/now")

    body = response.json()
    assert body["day"] == "2026-07-01"
    assert "2026-day-1" in [item["code"] for item in body["items"]]


@time_machine.travel(dt.datetime(2028, 3, 1, 10, tzinfo=SHANGHAI), tick=False)
def test_after_the_plan_nothing_is_on(client):
    response = client.get("/campaign/schedule/")

    assert "今天没有正在进行的活动" in response.content.decode()


def test_home_section_lists_what_is_on_now(client):
    with time_machine.travel(dt.datetime(2025, 8, 15, 9, tzinfo=SHANGHAI), tick=False):
        page = client.get("/").content.decode()

    assert "正在进行" in page
    assert "技能竞赛" in page


def _calendar(client):
    response = client.get("/campaign/schedule.ics")
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def test_ical_feed_is_a_valid_calendar_with_dated_events(client):
    calendar = _calendar(client)

    events = calendar.walk("VEVENT")
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    uids = [str(event["UID"]) for event in events]
    assert len(uids) == len(set(uids))
    for event in events:
        assert event["DTSTAMP"].dt.tzinfo is not None
        assert type(event["DTSTART"].dt) is dt.date
        assert type(event["DTEND"].dt) is dt.date
        assert event["DTEND"].dt > event["DTSTART"].dt


def test_ical_event_end_is_the_day_after_the_last_day(client):
    events = {str(e["SUMMARY"]): e for e in _calendar(client).walk("VEVENT")}

    market_day = events["物业服务周：2026年便民市集日"]
    assert market_day["DTSTART"].dt == dt.date(2026, 7, 6)
    assert market_day["DTEND"].dt == dt.date(2026, 7, 7)
    assert events["成果展演"]["DTEND"].dt == dt.date(2027, 1, 1)


def test_ical_uids_are_stable_across_requests(client):
    first = [str(e["UID"]) for e in _calendar(client).walk("VEVENT")]

    second = [str(e["UID"]) for e in _calendar(client).walk("VEVENT")]

    assert first == second


def test_schedule_xlsx_lists_phases_boards_and_items(client):
    response = client.get("/campaign/schedule.xlsx")

    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["阶段", "活动版块", "日程"]
    boards = list(book["活动版块"].iter_rows(values_only=True))
    assert boards[0][:2] == ("序号", "活动版块")
    assert [row[1] for row in boards[1:]] == [
        "主题党日",
        "物业服务周",
        "技能竞赛",
        "典型创建",
        "成果展演",
    ]
    assert boards[1][7] == "厦门市住房和建设局"


@time_machine.travel(dt.datetime(2026, 12, 4, 10, tzinfo=SHANGHAI), tick=False)
def test_schedule_folds_finished_items_away(client):
    response = client.get("/campaign/schedule/")

    week = next(b for b in response.context["boards"] if b.code == "serviceweek")
    assert {item.code[:4] for item in week.open_items} == {"2027"}
    assert {item.code[:4] for item in week.past_items} == {"2025", "2026"}
    assert "20 项已结束的日程" in response.content.decode()
