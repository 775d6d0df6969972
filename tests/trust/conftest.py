import pytest
from django.core.management import call_command

from accounts.sample import seed_demo

CRAWLED_AS = ["anonymous", "resident", "company_admin", "city", "sysadmin"]


@pytest.fixture
def demo_people(db):
    """The sample data of ``make demo``: {username: User}."""
    call_command("load_divisions", verbosity=0)
    return {person.username: person for person in seed_demo()}


@pytest.fixture
def client_as(client, demo_people):
    def make(who):
        if who != "anonymous":
            client.force_login(demo_people[who])
        return client

    return make
