import pytest

from accounts.roles import Role
from tests.browser import sign_in
from tests.factories import (
    CommunityFactory,
    EstateFactory,
    SubdistrictFactory,
    person_with_role,
)

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_subdistrict_officer_sees_only_the_estates_of_their_subdistrict(
    page, live_server
):
    mine = SubdistrictFactory(name="厦港街道")
    EstateFactory(name="鸿山花园", community=CommunityFactory(subdistrict=mine))
    EstateFactory(name="蜂巢山小区", community=CommunityFactory(subdistrict=mine))
    EstateFactory(name="别处小区", community=CommunityFactory())
    officer = person_with_role(Role.SUBDISTRICT_OFFICER, subdistrict=mine)
    sign_in(page, live_server, officer)

    page.goto(live_server.url + "/places/estates/")

    names = page.locator("tr.estate td:first-child").all_inner_texts()
    assert sorted(names) == ["蜂巢山小区", "鸿山花园"]
    assert page.get_by_role("heading", name="小区").is_visible()
