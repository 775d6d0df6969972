import pytest

from accounts.sample import seed_demo
from complaints.enums import Outcome, State
from complaints.models import Complaint

pytestmark = pytest.mark.django_db


@pytest.fixture
def divisions():
    from django.core.management import call_command

    call_command("load_divisions", verbosity=0)


def test_seed_makes_sample_complaints_once(divisions):
    seed_demo()
    seed_demo()

    complaints = Complaint.objects.all()
    assert complaints.count() == 5
    assert all("示例" in c.description for c in complaints)
    assert complaints.filter(state=State.CLOSED, outcome=Outcome.CONFIRMED).count() == 1
    assert complaints.filter(outcome=Outcome.NOT_OURS, company=None).count() == 1
