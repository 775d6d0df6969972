"""Two scopes side by side, "a" and "b", and one person of every role.

Each side has its own district, subdistrict, community, estate, property
company, household, partner firm and team, and in them three orders (booked,
completed, and rated low with its follow-up), a complaint, a care
household with its pairing, a campaign task of a unit of the district, a
showcase work of the company under review (with a media file row), an
approved one, and a notification. The people
scoped to a side hold one role each; the city-wide people hold the others.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from accounts.roles import Role
from accounts.tokens import issue_token
from campaign.models import Task
from complaints.models import Complaint
from notifications.models import Notification
from organizations.models import PropertyCompany
from places.models import Estate
from serviceweek.enums import CareKind, OrderState
from serviceweek.models import (
    CarePairing,
    CareRecipient,
    FollowUp,
    Order,
    Package,
    PartyMember,
    Rating,
    TeamShift,
)
from showcase.enums import WorkState
from showcase.models import Work, WorkMedia
from tests.campaign.factories import BoardFactory, GovernmentUnitFactory, TaskFactory
from tests.complaints.factories import ComplaintFactory
from tests.factories import (
    CommunityFactory,
    DistrictFactory,
    EstateFactory,
    HouseholdFactory,
    PartnerFactory,
    PropertyCompanyFactory,
    ResidentFactory,
    SubdistrictFactory,
    UserFactory,
    person_with_role,
)
from tests.serviceweek.factories import (
    PackageFactory,
    ServiceWeekFactory,
    ThemeDayFactory,
    make_slot,
    worker_of,
)
from tests.showcase.factories import ShowcaseFactory, WorkFactory

SIDES = ("a", "b")
# People scoped to one side: their role decides what of that side they see.
SIDE_ROLES = (
    "resident",
    "company_admin",
    "estate_manager",
    "frontline",
    "partner",
    "subdistrict",
    "district",
)
CITY_ROLES = (
    "city",
    "party",
    "association",
    "expert",
    "judge",
    "reviewer",
    "sysadmin",
)
# The models whose rows the matrix compares lists and details of.
MODELS = {
    "estate": Estate,
    "company": PropertyCompany,
    "task": Task,
    "order": Order,
    "complaint": Complaint,
    "package": Package,
    "work": Work,
    "notification": Notification,
}


@dataclass
class World:
    people: dict = field(default_factory=dict)  # "resident_a" -> User
    tokens: dict = field(default_factory=dict)  # "resident_a" -> bearer token
    objects: dict = field(default_factory=dict)  # ("a", "order") -> pk
    shared: dict = field(default_factory=dict)  # "theme_day" -> pk

    def side_of(self, kind, pk):
        for (side, name), value in self.objects.items():
            if name == kind and value == pk:
                return side
        return None

    def other(self, side):
        return "b" if side == "a" else "a"


def _side(world, side, *, board, theme_day, showcase):
    district = DistrictFactory()
    subdistrict = SubdistrictFactory(district=district)
    community = CommunityFactory(subdistrict=subdistrict)
    company = PropertyCompanyFactory(contact_phone="0592-5550000")
    estate = EstateFactory(community=community, company=company)
    household = HouseholdFactory(estate=estate)
    resident = ResidentFactory(household=household)
    people = {
        "resident": resident,
        "company_admin": person_with_role(Role.COMPANY_ADMIN, company=company),
        "estate_manager": person_with_role(
            Role.ESTATE_MANAGER, company=company, estate=estate
        ),
        "frontline": person_with_role(Role.FRONTLINE_STAFF, company=company),
        "subdistrict": person_with_role(
            Role.SUBDISTRICT_OFFICER, subdistrict=subdistrict
        ),
        "district": person_with_role(Role.DISTRICT_OFFICER, district=district),
    }
    member = PartyMember.objects.create(user=people["frontline"], company=company)

    partner = PartnerFactory()
    package = PackageFactory(partner=partner, theme_day=theme_day)
    people["partner"] = worker_of(package)
    slot = make_slot(package)

    def order(state):
        return Order.objects.create(
            package=package,
            slot=slot,
            household=household,
            resident=resident,
            booked_by=resident,
            state=state,
            list_price=package.list_price,
            red_price=package.red_price,
        )

    booked = order(OrderState.BOOKED)
    completed = order(OrderState.COMPLETED)
    rated = order(OrderState.RATED)
    slot.booked = 3
    slot.save(update_fields=["booked"])
    TeamShift.objects.filter(pk=slot.shift_id).update(booked=3)
    rating = Rating.objects.create(
        order=rated, overall=1, timeliness=1, attitude=1, comment="很差"
    )
    follow_up = FollowUp.objects.create(rating=rating, company=company)

    complaint = ComplaintFactory(complainant=resident, estate=estate)
    recipient = CareRecipient.objects.create(
        household=household,
        kind=CareKind.choices[0][0],
        full_name="关爱对象",
        mobile="13812345678",
        consent_at=timezone.now(),
        consent_note="本人口头同意",
        registered_by=member,
    )
    pairing = CarePairing.objects.create(
        recipient=recipient, party_member=member, signed_on=dt.date(2026, 7, 1)
    )
    unit = GovernmentUnitFactory(district=district)
    task = TaskFactory(board=board, responsible_unit=unit)
    work = WorkFactory(
        showcase=showcase,
        company=company,
        submitter=people["company_admin"],
        state=WorkState.SUBMITTED,
        approved_at=None,
    )
    # A file row only: nothing in the matrix serves it.
    work_media = WorkMedia.objects.create(
        work=work, kind="image", file=f"showcase/media/{side}.png", size=1
    )
    approved = WorkFactory(showcase=showcase, company=company)
    notification = Notification.objects.create(recipient=resident, title="通知")

    objects = {
        "district": district.pk,
        "subdistrict": subdistrict.pk,
        "estate": estate.pk,
        "company": company.pk,
        "household": household.pk,
        "partner": partner.pk,
        "team": package.team_id,
        "package": package.pk,
        "slot": slot.pk,
        "order": booked.pk,
        "completed_order": completed.pk,
        "rated_order": rated.pk,
        "follow_up": follow_up.pk,
        "complaint": complaint.pk,
        "recipient": recipient.pk,
        "pairing": pairing.pk,
        "party_member_user": people["frontline"].pk,
        "resident_user": resident.pk,
        "worker_user": people["partner"].pk,
        "task": task.pk,
        "work": work.pk,
        "work_media": work_media.pk,
        "approved_work": approved.pk,
        "notification": notification.pk,
    }
    return people, objects


def build_world():
    week = ServiceWeekFactory(year=timezone.localdate().year)
    theme_day = ThemeDayFactory(week=week, date=dt.date(week.year, 7, 4))
    board = BoardFactory()
    showcase = ShowcaseFactory(stage="review")
    world = World(shared={"theme_day": theme_day.pk, "board": board.code})
    for side in SIDES:
        people, objects = _side(
            world, side, board=board, theme_day=theme_day, showcase=showcase
        )
        for role, person in people.items():
            world.people[f"{role}_{side}"] = person
        for kind, pk in objects.items():
            world.objects[(side, kind)] = pk
    city_roles = {
        "city": Role.CITY_OFFICER,
        "party": Role.PARTY_COMMITTEE_OFFICER,
        "association": Role.ASSOCIATION_STAFF,
        "expert": Role.EXPERT,
        "judge": Role.JUDGE,
        "reviewer": Role.REVIEWER,
    }
    for name, role in city_roles.items():
        world.people[name] = person_with_role(role)
    admin = UserFactory(is_staff=True, is_superuser=True)
    world.people["sysadmin"] = admin
    for name, person in world.people.items():
        world.tokens[name] = issue_token(person)
    return world


def side_people():
    return [f"{role}_{side}" for side in SIDES for role in SIDE_ROLES]


def everyone():
    return [*side_people(), *CITY_ROLES]
