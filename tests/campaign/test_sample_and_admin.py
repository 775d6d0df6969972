import pytest

from accounts.sample import seed_demo
from campaign.models import Task
from common.models import AuditEntry
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def divisions():
    from django.core.management import call_command

    call_command("load_divisions")


def test_seed_demo_adds_sample_tasks_once(divisions):
    seed_demo()
    seed_demo()

    tasks = Task.objects.all()
    assert tasks.count() == 5
    assert all(task.is_sample and "（示例）" in task.title for task in tasks)
    assert AuditEntry.objects.filter(action="campaign.task.create").count() == 5


@pytest.mark.parametrize(
    "path",
    [
        "/admin/campaign/board/",
        "/admin/campaign/phase/",
        "/admin/campaign/task/",
        "/admin/campaign/workgroup/",
        "/admin/places/estate/",
        "/admin/places/community/",
        "/admin/places/importbatch/",
        "/admin/organizations/propertycompany/",
        "/admin/organizations/governmentunit/",
        "/admin/organizations/ownerscommittee/",
        "/admin/common/calendaroverride/",
    ],
)
def test_admin_lists_open(client, divisions, path):
    seed_demo()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    assert client.get(path).status_code == 200
