import pytest

from accounts.roles import Role
from tests.factories import (
    EstateFactory,
    HouseholdFactory,
    ResidentFactory,
    person_with_role,
)
from tests.serviceweek.factories import (
    PackageFactory,
    make_slot,
    partner_staff,
    worker_of,
)


class Scene:
    """One package of a partner with a dispatcher and a team worker, a slot
    three days ahead, a resident of an estate, and people around them."""

    def __init__(self):
        self.estate = EstateFactory()
        self.household = HouseholdFactory(estate=self.estate)
        self.resident = ResidentFactory(household=self.household, full_name="林小红")
        self.package = PackageFactory()
        self.slot = make_slot(self.package, capacity=5)
        self.dispatcher = partner_staff(self.package.partner)
        self.worker = worker_of(self.package)
        self.other_worker = worker_of(self.package)
        self.company_staff = person_with_role(
            Role.ESTATE_MANAGER, company=self.estate.company
        )
        self.stranger = ResidentFactory()
        self.other_partner = partner_staff(PackageFactory().partner)
        self.official = person_with_role(Role.CITY_OFFICER)


@pytest.fixture
def scene(db):
    return Scene()
