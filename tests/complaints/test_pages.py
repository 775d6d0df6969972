"""Resident and console pages call the services and show what they did."""

import re

import pytest
import time_machine

from accounts.roles import Role
from complaints.enums import Outcome, State
from complaints.models import Complaint, ComplaintRating
from tests.complaints.factories import (
    ComplaintFactory,
    company_staff,
    district_officer,
    shanghai,
)
from tests.factories import EstateFactory, ResidentFactory, person_with_role

pytestmark = pytest.mark.django_db


def test_resident_complains_from_the_mobile_page(client):
    resident = ResidentFactory()
    client.force_login(resident)
    form = client.get("/complaints/new")
    key = form.context["form"].initial["idempotency_key"]
    data = {
        "estate": resident.household.estate_id,
        "category": "repair",
        "description": "电梯按钮失灵",
        "idempotency_key": key,
    }

    with time_machine.travel(shanghai(2026, 3, 6, 19), tick=False):
        response = client.post("/complaints/new", data, follow=True)
        client.post("/complaints/new", data)

    assert Complaint.objects.count() == 1
    text = response.content.decode()
    assert "2026-03-09 17:00" in text
    assert response.context["complaint"].state == State.ROUTED


def test_empty_complaint_form_shows_errors(client):
    client.force_login(ResidentFactory())

    response = client.post("/complaints/new", {"category": "repair"})

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not Complaint.objects.exists()


def test_resident_confirms_and_rates(client):
    complaint = ComplaintFactory(state=State.RESOLVED)
    client.force_login(complaint.complainant)

    client.post(f"/complaints/{complaint.pk}/confirm")
    client.post(f"/complaints/{complaint.pk}/rate", {"score": "4", "comment": "及时"})
    page = client.get(f"/complaints/{complaint.pk}/")

    complaint.refresh_from_db()
    assert complaint.outcome == Outcome.CONFIRMED
    assert ComplaintRating.objects.get().score == 4
    assert "及时" in page.content.decode()
    assert "您的评价：4 ★" in page.content.decode()


def test_rating_with_a_too_long_comment_says_so_and_keeps_what_was_typed(client):
    complaint = ComplaintFactory(state=State.CLOSED, outcome=Outcome.CONFIRMED)
    client.force_login(complaint.complainant)
    comment = "处理得不错，" * 700  # 4,200 characters

    response = client.post(
        f"/complaints/{complaint.pk}/rate", {"score": "4", "comment": comment}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("最多可填写 500 个字符，您填写了 4200 个。") == 1
    assert "请选择 1 至 5 星" not in page
    assert f"{comment}</textarea>" in page
    assert 'maxlength="500"' in page
    assert '<option value="4" selected>' in page
    assert not ComplaintRating.objects.exists()


def test_resident_reopens_with_a_reason(client):
    complaint = ComplaintFactory(state=State.RESOLVED)
    client.force_login(complaint.complainant)

    client.post(f"/complaints/{complaint.pk}/reopen", {"text": "还在漏"})

    complaint.refresh_from_db()
    assert complaint.state == State.REOPENED


def test_reopen_without_reason_shows_the_error_and_changes_nothing(client):
    complaint = ComplaintFactory(state=State.RESOLVED)
    client.force_login(complaint.complainant)

    response = client.post(
        f"/complaints/{complaint.pk}/reopen", {"text": ""}, follow=True
    )

    complaint.refresh_from_db()
    assert complaint.state == State.RESOLVED
    assert any(m.level_tag == "error" for m in response.context["messages"])


def test_console_actions_move_the_complaint(client):
    complaint = ComplaintFactory()
    staff = company_staff(complaint.estate)
    client.force_login(staff)
    base = f"/complaints/console/{complaint.pk}/"

    client.post(base + "respond", {"text": "已派人"})
    client.post(base + "pause", {"text": "等业主在家"})
    client.post(base + "resume")
    client.post(base + "recategorise", {"category": "elevator", "reason": "电梯"})
    client.post(base + "resolve", {"text": "已修好"})
    page = client.get(base)

    complaint.refresh_from_db()
    assert complaint.state == State.RESOLVED
    assert complaint.category == "elevator"
    history = [entry.action for entry in page.context["history"]]
    assert "complaints.complaint.recategorise" in history
    assert "complaints.complaint.pause" in history
    assert f"投诉人：{complaint.complainant}" in page.content.decode()


def test_console_close_as_duplicate(client):
    original = ComplaintFactory()
    copy = ComplaintFactory(complainant=original.complainant, estate=original.estate)
    client.force_login(company_staff(original.estate))

    client.post(
        f"/complaints/console/{copy.pk}/close",
        {"outcome": "duplicate", "reason": "同一问题", "duplicate_of": original.pk},
    )

    copy.refresh_from_db()
    assert copy.outcome == Outcome.DUPLICATE
    assert copy.duplicate_of == original


def test_console_queue_shows_deadline_states(client):
    with time_machine.travel(shanghai(2026, 3, 4, 9), tick=False):
        complaint = ComplaintFactory()
    client.force_login(company_staff(complaint.estate))

    with time_machine.travel(shanghai(2026, 3, 4, 18), tick=False):
        page = client.get("/complaints/console/")

    assert '<span class="tag bad">已超时</span>' in page.content.decode()


def _scope_note(page):
    if 'class="muted scope-note"' not in page:
        return ""
    return page.split('class="muted scope-note"', 1)[1].split("</div>", 1)[0]


def test_console_queue_tells_district_officers_they_see_escalated_complaints(client):
    with time_machine.travel(shanghai(2026, 3, 4, 9), tick=False):
        complaint = ComplaintFactory()
    client.force_login(district_officer(complaint.estate))

    with time_machine.travel(shanghai(2026, 3, 4, 18), tick=False):
        page = client.get("/complaints/console/").content.decode()

    assert f"#{complaint.pk}" not in page
    assert "超过时限 24 小时以上" in _scope_note(page)
    assert "已上报到区" in _scope_note(page)


def test_console_queue_tells_company_staff_whose_complaints_they_see(client):
    complaint = ComplaintFactory()
    client.force_login(company_staff(complaint.estate))

    page = client.get("/complaints/console/").content.decode()

    assert "转交本企业的投诉" in _scope_note(page)
    assert "上报到区" not in _scope_note(page)


def test_console_queue_has_no_scope_note_for_city_officers(client):
    ComplaintFactory()
    client.force_login(person_with_role(Role.CITY_OFFICER))

    page = client.get("/complaints/console/").content.decode()

    assert _scope_note(page) == ""


def test_hotline_page_records_who_entered_it(client):
    estate = EstateFactory()
    staff = company_staff(estate)
    client.force_login(staff)

    client.post(
        "/complaints/console/hotline",
        {
            "estate": estate.pk,
            "category": "noise",
            "description": "来电：装修噪音",
            "mobile": "13712345678",
            "idempotency_key": "h1",
        },
    )

    complaint = Complaint.objects.get()
    assert complaint.entered_by == staff
    assert complaint.complainant.mobile == "13712345678"


def test_hotline_page_shows_an_invalid_mobile_once_at_the_field(client):
    estate = EstateFactory()
    client.force_login(company_staff(estate))

    response = client.post(
        "/complaints/console/hotline",
        {
            "estate": estate.pk,
            "category": "noise",
            "description": "来电：装修噪音",
            "mobile": "12345",
            "idempotency_key": "h2",
        },
    )

    page = response.content.decode()
    assert page.count("请输入有效的手机号码。") == 1
    mobile_errors = page.split('id="id_mobile_error"', 1)[1].split("</ul>", 1)[0]
    assert "请输入有效的手机号码。" in mobile_errors
    assert "来电：装修噪音" in page
    assert not Complaint.objects.exists()


def test_complaint_form_shows_a_refusal_once(client, monkeypatch):
    from common.errors import DomainError
    from complaints import views

    def refuse(*args, **kwargs):
        raise DomainError("暂时无法受理")

    monkeypatch.setattr(views, "submit_complaint", refuse)
    resident = ResidentFactory()
    client.force_login(resident)

    response = client.post(
        "/complaints/new",
        {
            "estate": resident.household.estate_id,
            "category": "noise",
            "description": "楼上装修噪音",
            "idempotency_key": "r1",
        },
    )

    assert response.content.decode().count("暂时无法受理") == 1


def test_residents_cannot_open_the_console_pages(client):
    complaint = ComplaintFactory()
    client.force_login(complaint.complainant)

    assert client.get("/complaints/console/").status_code == 403
    assert client.post(f"/complaints/console/{complaint.pk}/respond").status_code == 403


def test_home_shows_my_complaints(client):
    complaint = ComplaintFactory()
    client.force_login(complaint.complainant)

    page = client.get("/")

    assert f"/complaints/{complaint.pk}/" in page.content.decode()


def test_console_menu_lists_complaints_for_staff_only(client):
    client.force_login(
        person_with_role(Role.DISTRICT_OFFICER, district=EstateFactory().district)
    )
    staff_page = client.get("/console/")
    client.force_login(ResidentFactory())
    resident_page = client.get("/")

    assert "/complaints/console/summary" in staff_page.content.decode()
    assert "/complaints/console/" not in resident_page.content.decode()


def test_photo_is_served_only_to_who_may_see_it(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.complaints.factories import file_complaint
    from tests.complaints.test_intake import PNG

    complaint = file_complaint(photos=[SimpleUploadedFile("a.png", PNG)])
    photo = complaint.photos.get()
    url = f"/complaints/{complaint.pk}/photos/{photo.pk}"
    client.force_login(complaint.complainant)
    response = client.get(url)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content) == PNG
    client.force_login(ResidentFactory())
    assert client.get(url).status_code == 404


def test_the_handling_company_opens_the_photo_from_the_console(client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.complaints.factories import file_complaint
    from tests.complaints.test_intake import PNG

    complaint = file_complaint(photos=[SimpleUploadedFile("a.png", PNG)])
    client.force_login(company_staff(complaint.estate))
    page = client.get(f"/complaints/console/{complaint.pk}/").content.decode()
    link = re.search(r'href="(/complaints/[^"]*photos/[^"]*)"', page).group(1)

    response = client.get(link)

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG
    client.force_login(company_staff(EstateFactory()))
    assert client.get(link).status_code == 404


def test_console_message_reaches_the_resident_page(client):
    complaint = ComplaintFactory()
    client.force_login(company_staff(complaint.estate))

    client.post(f"/complaints/console/{complaint.pk}/note", {"text": "明早九点上门"})
    client.force_login(complaint.complainant)
    page = client.get(f"/complaints/{complaint.pk}/")

    assert "明早九点上门" in page.content.decode()


def test_complaint_from_a_service_week_order_keeps_the_order_id(client):
    resident = ResidentFactory()
    client.force_login(resident)
    form = client.get("/complaints/new?order=77").context["form"]

    client.post(
        "/complaints/new",
        {
            "estate": resident.household.estate_id,
            "category": "other",
            "description": "上门服务迟到",
            "idempotency_key": form.initial["idempotency_key"],
            "service_week_order_id": form.initial["service_week_order_id"],
        },
    )

    assert Complaint.objects.get().service_week_order_id == 77
