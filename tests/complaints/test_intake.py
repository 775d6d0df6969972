"""Intake, routing, idempotency, hotline entry and the acknowledgement."""

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from common.errors import NotAllowed
from common.uploads import UploadTooLarge
from complaints.enums import Channel, State
from complaints.models import Complaint
from complaints.services import InvalidComplaint, submit_complaint
from notifications.models import Notification
from tests.complaints.factories import (
    company_staff,
    estate_without_company,
    file_complaint,
    shanghai,
    subdistrict_officer,
)
from tests.factories import EstateFactory, ResidentFactory

pytestmark = pytest.mark.django_db(transaction=True)

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
    b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01"
    b"\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
)


def test_complaint_goes_to_the_company_serving_the_estate():
    complaint = file_complaint()

    assert complaint.state == State.ROUTED
    assert complaint.company == complaint.estate.company
    assert complaint.subdistrict == complaint.estate.subdistrict


def test_complaint_about_an_estate_without_company_goes_to_its_subdistrict():
    estate = estate_without_company()

    complaint = file_complaint(ResidentFactory(household__estate=estate))

    assert complaint.company is None
    assert complaint.subdistrict == estate.subdistrict


def test_acknowledgement_names_handler_and_promised_time_after_routing():
    with time_machine.travel(shanghai(2026, 3, 4, 9, 0), tick=False):
        complaint = file_complaint()

    note = Notification.objects.get(recipient=complaint.complainant)
    assert str(complaint.company) in note.body
    assert "2026-03-04 17:00" in note.body


def test_same_idempotency_key_returns_the_first_complaint():
    resident = ResidentFactory()
    estate = resident.household.estate

    first, created = submit_complaint(
        estate,
        actor=resident,
        category="repair",
        description="漏水",
        idempotency_key="k1",
    )
    again, created_again = submit_complaint(
        estate,
        actor=resident,
        category="repair",
        description="漏水啊",
        idempotency_key="k1",
    )

    assert created and not created_again
    assert again.pk == first.pk
    assert Complaint.objects.count() == 1
    assert Notification.objects.count() == 1


def test_same_text_within_minutes_is_the_same_complaint():
    resident = ResidentFactory()
    with time_machine.travel(shanghai(2026, 3, 4, 9, 0), tick=False):
        first = file_complaint(resident, description="楼道灯 坏了")
    with time_machine.travel(shanghai(2026, 3, 4, 9, 5), tick=False):
        again = file_complaint(resident, description="楼道灯  坏了 ")
    with time_machine.travel(shanghai(2026, 3, 4, 9, 30), tick=False):
        later = file_complaint(resident, description="楼道灯 坏了")

    assert again.pk == first.pk
    assert later.pk != first.pk


def test_other_text_is_another_complaint():
    resident = ResidentFactory()

    first = file_complaint(resident, description="漏水")
    second = file_complaint(resident, description="噪音")

    assert first.pk != second.pk


def test_empty_description_is_refused():
    with pytest.raises(InvalidComplaint):
        file_complaint(description="   ")

    assert Complaint.objects.count() == 0


def test_photos_are_kept_with_the_complaint():
    photo = SimpleUploadedFile("a.png", PNG, content_type="image/png")

    complaint = file_complaint(photos=[photo])

    assert complaint.photos.count() == 1
    assert complaint.photos.get().file.name.endswith(".png")


def test_oversized_photo_is_refused_before_anything_is_saved():
    photo = SimpleUploadedFile("a.png", b"x" * (11 * 1024 * 1024))

    with pytest.raises(UploadTooLarge):
        file_complaint(photos=[photo])

    assert Complaint.objects.count() == 0


def test_staff_enter_a_hotline_complaint_on_behalf_of_a_resident():
    resident = ResidentFactory()
    staff = company_staff(resident.household.estate)

    complaint, created = submit_complaint(
        resident.household.estate,
        actor=staff,
        complainant=resident,
        category="noise",
        description="夜间施工噪音",
    )

    assert created
    assert complaint.complainant == resident
    assert complaint.entered_by == staff
    assert complaint.channel == Channel.HOTLINE


def test_staff_cannot_enter_a_complaint_about_an_estate_outside_their_scope():
    resident = ResidentFactory()
    staff = company_staff(EstateFactory())

    with pytest.raises(NotAllowed):
        submit_complaint(
            resident.household.estate,
            actor=staff,
            complainant=resident,
            category="noise",
            description="x",
        )

    assert Complaint.objects.count() == 0


def test_subdistrict_officer_enters_hotline_complaint_for_their_area():
    estate = estate_without_company()
    resident = ResidentFactory(household__estate=estate)

    complaint, _ = submit_complaint(
        estate,
        actor=subdistrict_officer(estate),
        complainant=resident,
        category="other",
        description="无物业小区垃圾堆积",
    )

    assert complaint.company is None


def test_link_to_a_service_week_order_is_kept():
    complaint = file_complaint(service_week_order_id=42)

    assert complaint.service_week_order_id == 42


def test_received_time_is_the_clock_time():
    moment = shanghai(2026, 3, 4, 9, 0)
    with time_machine.travel(moment, tick=False):
        complaint = file_complaint()

    assert complaint.received_at == moment.astimezone(dt.UTC)
