"""Where people who may enter works find the my-works page."""

import pytest
from django.urls import reverse

from accounts.roles import Role
from tests.factories import PropertyCompanyFactory, ResidentFactory, person_with_role
from tests.showcase.factories import ShowcaseFactory

pytestmark = pytest.mark.django_db

MINE = f'href="{reverse("showcase:my_works")}"'


@pytest.fixture(autouse=True)
def collecting():
    return ShowcaseFactory(stage="collection")


def test_the_company_console_links_to_entering_works(client):
    client.force_login(
        person_with_role(Role.COMPANY_ADMIN, company=PropertyCompanyFactory())
    )

    page = client.get(reverse("console")).content.decode()

    assert MINE in page
    assert "成果展演·我的作品" in page


@pytest.mark.parametrize("name", ["showcase:vote", "showcase:ranking", "home"])
def test_showcase_pages_link_to_my_works_for_a_signed_in_person(client, name):
    client.force_login(ResidentFactory())

    page = client.get(reverse(name)).content.decode()

    assert MINE in page


@pytest.mark.parametrize("name", ["showcase:vote", "showcase:ranking", "home"])
def test_no_link_for_a_visitor_who_may_not_enter_works(client, name):
    page = client.get(reverse(name)).content.decode()

    assert MINE not in page
