"""The 17:00 summary: its figures, the page, the export and the job."""

import datetime as dt
import io

import pytest
import time_machine
from openpyxl import load_workbook

from accounts.roles import Role
from common.scheduler import enqueue_due
from complaints.enums import Category
from complaints.handling import (
    confirm_complaint,
    resolve_complaint,
    respond_to_complaint,
)
from complaints.models import DailySummary
from complaints.summary import Kind, Place, compute_summary
from tests.complaints.factories import company_staff, file_complaint, shanghai
from tests.factories import EstateFactory, ResidentFactory, person_with_role

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 3, 4)


@pytest.fixture
def day_of_complaints():
    """Yesterday evening's, two this morning, one elsewhere; two answered."""
    resident = ResidentFactory()
    estate = resident.household.estate
    staff = company_staff(estate)
    with time_machine.travel(shanghai(2026, 3, 3, 18), tick=False):
        late = file_complaint(resident, description="昨晚的投诉")
    with time_machine.travel(shanghai(2026, 3, 4, 9), tick=False):
        answered = file_complaint(resident, description="上午的投诉")
        file_complaint(resident, description="电梯", category=Category.ELEVATOR)
        file_complaint(ResidentFactory(), description="别处")
    with time_machine.travel(shanghai(2026, 3, 4, 10), tick=False):
        respond_to_complaint(answered, actor=staff, text="收到")
        respond_to_complaint(late, actor=staff, text="收到")
        resolve_complaint(answered, actor=staff, text="修好了")
        confirm_complaint(answered, actor=resident)
    return estate, staff


def test_summary_counts_the_day(day_of_complaints):
    estate, _staff = day_of_complaints

    figures = compute_summary(
        DAY, Place(Kind.COMPANY, estate.company_id), now=shanghai(2026, 3, 5, 9)
    )

    assert figures["total"] == {
        "received": 3,
        "due": 3,
        "answered_on_time": 2,
        "overdue": 1,
        "still_open": 2,
        "resolved": 1,
    }
    elevator = next(row for row in figures["rows"] if row["category"] == "elevator")
    assert elevator["received"] == 1
    assert elevator["overdue"] == 1


def test_city_summary_counts_every_place(day_of_complaints):
    figures = compute_summary(DAY, Place(Kind.CITY), now=shanghai(2026, 3, 5, 9))

    assert figures["total"]["received"] == 4


def test_summary_page_and_export_show_the_same_figures(client, day_of_complaints):
    estate, staff = day_of_complaints
    client.force_login(staff)
    place = f"company:{estate.company_id}"

    with time_machine.travel(shanghai(2026, 3, 5, 9), tick=False):
        page = client.get(
            "/complaints/console/summary", {"day": "2026-03-04", "place": place}
        )
        export = client.get(
            "/complaints/console/summary",
            {"day": "2026-03-04", "place": place, "format": "xlsx"},
        )

    assert page.status_code == 200
    assert page.context["figures"]["total"]["received"] == 3
    sheet = load_workbook(io.BytesIO(export.content)).active
    total_row = list(sheet.iter_rows(values_only=True))[-1]
    assert list(total_row[1:]) == [3, 3, 2, 1, 2, 1]


def test_summary_of_a_place_outside_scope_is_refused(client, day_of_complaints):
    _estate, staff = day_of_complaints
    other = EstateFactory()
    client.force_login(staff)

    response = client.get(
        "/complaints/console/summary", {"place": f"company:{other.company_id}"}
    )

    assert response.status_code == 403


def test_residents_cannot_open_the_summary(client):
    client.force_login(ResidentFactory())

    assert client.get("/complaints/console/summary").status_code == 403


def test_job_at_17_stores_the_same_numbers_as_the_page(client, day_of_complaints):
    estate, _staff = day_of_complaints
    city = person_with_role(Role.CITY_OFFICER)
    client.force_login(city)

    with time_machine.travel(shanghai(2026, 3, 4, 17, 0, 30), tick=False):
        page = client.get("/complaints/console/summary", {"day": "2026-03-04"})
        enqueue_due(
            since=shanghai(2026, 3, 4, 16, 59), now=shanghai(2026, 3, 4, 17, 0, 30)
        )

    stored = DailySummary.objects.get(day=DAY, place_kind=Kind.CITY)
    assert stored.figures["total"] == page.context["figures"]["total"]
    assert stored.figures["rows"] == page.context["figures"]["rows"]
    assert DailySummary.objects.filter(
        day=DAY, place_kind=Kind.COMPANY, place_id=estate.company_id
    ).exists()


def test_job_does_not_run_on_a_holiday():
    enqueue_due(since=shanghai(2026, 10, 1, 16, 59), now=shanghai(2026, 10, 1, 17, 1))

    assert not DailySummary.objects.exists()


def test_job_runs_on_a_make_up_working_sunday():
    enqueue_due(since=shanghai(2026, 9, 20, 16, 59), now=shanghai(2026, 9, 20, 17, 1))

    assert DailySummary.objects.filter(day=dt.date(2026, 9, 20)).exists()


def test_page_shows_the_stored_figures_of_a_past_day(client, day_of_complaints):
    city = person_with_role(Role.CITY_OFFICER)
    client.force_login(city)
    with time_machine.travel(shanghai(2026, 3, 4, 17, 0, 30), tick=False):
        enqueue_due(
            since=shanghai(2026, 3, 4, 16, 59), now=shanghai(2026, 3, 4, 17, 0, 30)
        )

    with time_machine.travel(shanghai(2026, 3, 6, 9), tick=False):
        page = client.get("/complaints/console/summary", {"day": "2026-03-04"})

    assert page.context["figures"]["stored"] is True
    assert "17:00" in page.content.decode()


def test_evening_complaint_counts_in_the_next_working_days_summary():
    with time_machine.travel(shanghai(2026, 3, 6, 18), tick=False):
        file_complaint()
    city = Place(Kind.CITY)

    friday = compute_summary(dt.date(2026, 3, 6), city, now=shanghai(2026, 3, 9, 18))
    monday = compute_summary(dt.date(2026, 3, 9), city, now=shanghai(2026, 3, 9, 18))

    assert friday["total"]["received"] == 0
    assert monday["total"]["received"] == 1
    assert monday["total"]["overdue"] == 1


@pytest.mark.parametrize(
    ("now", "day"),
    [
        (shanghai(2026, 3, 6, 16, 0), dt.date(2026, 3, 6)),
        (shanghai(2026, 3, 6, 17, 30), dt.date(2026, 3, 9)),
        (shanghai(2026, 9, 30, 18, 0), dt.date(2026, 10, 8)),
    ],
)
def test_current_summary_day(now, day):
    from complaints.summary import current_summary_day

    assert current_summary_day(now) == day


def test_resolved_counts_only_a_confirmed_fix():
    resident = ResidentFactory()
    staff = company_staff(resident.household.estate)
    with time_machine.travel(shanghai(2026, 3, 4, 9), tick=False):
        confirmed = file_complaint(resident, description="一")
        unconfirmed = file_complaint(resident, description="二")
        for complaint in (confirmed, unconfirmed):
            respond_to_complaint(complaint, actor=staff, text="收到")
            resolve_complaint(complaint, actor=staff, text="好了")
        confirm_complaint(confirmed, actor=resident)

    figures = compute_summary(DAY, Place(Kind.CITY), now=shanghai(2026, 3, 4, 18))

    assert figures["total"]["resolved"] == 1
    assert figures["total"]["still_open"] == 1
