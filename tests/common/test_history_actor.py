"""History panels name staff in full, residents only masked (but to themselves)."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory

from accounts.roles import Role
from common.audit import history_of, record
from tests.factories import (
    EstateFactory,
    PartnerFactory,
    ResidentFactory,
    person_with_role,
)

pytestmark = pytest.mark.django_db


def panel(history, viewer):
    request = RequestFactory().get("/")
    request.user = viewer
    return render_to_string(
        "common/history_panel.html", {"history": history}, request=request
    )


@pytest.fixture
def booked():
    estate = EstateFactory()
    resident = ResidentFactory(full_name="林小红", household__estate=estate)
    staff = person_with_role(Role.COMPANY_ADMIN, company=estate.company)
    staff.full_name = "周物业"
    staff.save()
    record("serviceweek.order.book", estate, actor=resident)
    record("serviceweek.order.accept", estate, actor=staff)
    return estate, resident, staff


def test_partner_staff_see_the_resident_masked_and_staff_in_full(booked):
    estate, _resident, _staff = booked
    partner_staff = person_with_role(Role.PARTNER_STAFF, partner=PartnerFactory())

    page = panel(history_of(estate), partner_staff)

    assert "林小红" not in page
    assert "林**" in page
    assert "周物业" in page


def test_the_resident_sees_their_own_name(booked):
    estate, resident, _staff = booked

    page = panel(history_of(estate), resident)

    assert "林小红" in page


def test_a_resident_known_only_by_number_is_shown_masked(booked):
    estate, _resident, staff = booked
    caller = ResidentFactory(full_name="", username="13912345678")
    record("complaints.complaint.submit", estate, actor=caller)

    page = panel(history_of(estate), staff)

    assert "13912345678" not in page
    assert "139****5678" in page


def test_an_entry_without_a_person_is_the_system(booked):
    estate, _resident, staff = booked
    record("serviceweek.order.expire", estate, actor=None)

    assert "系统" in panel(history_of(estate), staff)


def test_nobody_signed_in_sees_residents_masked(booked):
    estate, _resident, _staff = booked
    from django.contrib.auth.models import AnonymousUser

    assert "林小红" not in panel(history_of(estate), AnonymousUser())


def test_the_panel_reads_the_actors_roles_in_one_query(
    booked, django_assert_max_num_queries
):
    estate, resident, staff = booked
    for _ in range(10):
        record("serviceweek.order.book", estate, actor=resident)
        record("serviceweek.order.accept", estate, actor=staff)
    partner_staff = person_with_role(Role.PARTNER_STAFF, partner=PartnerFactory())
    history = history_of(estate)

    with django_assert_max_num_queries(6):
        page = panel(history, partner_staff)

    assert page.count("林**") == 11
