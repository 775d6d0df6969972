"""Factories and helpers of complaint tests."""

import datetime as dt
import zoneinfo

import factory

from accounts.roles import Role
from complaints.deadlines import compute_deadlines, policy_in_force
from complaints.enums import Category, Channel, State
from complaints.models import Complaint
from complaints.services import submit_complaint
from tests.factories import EstateFactory, ResidentFactory, person_with_role

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def shanghai(*args):
    return dt.datetime(*args, tzinfo=SHANGHAI)


def file_complaint(resident=None, estate=None, **kwargs):
    """A complaint submitted through the service, as a resident would."""
    resident = resident or ResidentFactory()
    estate = estate or resident.household.estate
    kwargs.setdefault("category", Category.REPAIR)
    kwargs.setdefault("description", "楼道灯坏了三天，晚上看不见路。")
    complaint, _created = submit_complaint(estate, actor=resident, **kwargs)
    return complaint


class ComplaintFactory(factory.django.DjangoModelFactory):
    """A routed complaint made directly (no notifications, no audit)."""

    class Meta:
        model = Complaint

    complainant = factory.SubFactory(ResidentFactory)
    estate = factory.LazyAttribute(lambda o: o.complainant.household.estate)
    channel = Channel.MOBILE
    category = Category.REPAIR
    description = factory.Sequence(lambda n: f"测试投诉{n}")
    company = factory.LazyAttribute(lambda o: o.estate.company)
    subdistrict = factory.LazyAttribute(lambda o: o.estate.subdistrict)
    state = State.ROUTED
    received_at = factory.LazyFunction(lambda: dt.datetime.now(tz=dt.UTC))
    policy = factory.LazyAttribute(lambda o: policy_in_force(o.category, o.received_at))
    first_response_due_at = factory.LazyAttribute(
        lambda o: compute_deadlines(o.received_at, o.policy)["first_response_due_at"]
    )
    resolution_due_at = factory.LazyAttribute(
        lambda o: compute_deadlines(o.received_at, o.policy)["resolution_due_at"]
    )


def company_staff(estate, role=Role.COMPANY_ADMIN):
    return person_with_role(role, company=estate.company)


def subdistrict_officer(estate):
    return person_with_role(Role.SUBDISTRICT_OFFICER, subdistrict=estate.subdistrict)


def district_officer(estate):
    return person_with_role(Role.DISTRICT_OFFICER, district=estate.district)


def estate_without_company(**kwargs):
    return EstateFactory(company=None, **kwargs)
