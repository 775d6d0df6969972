import pytest

from tests.browser import sign_in
from tests.factories import ResidentFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


def test_home_page_shows_the_campaign_name_in_chinese(page, live_server):
    page.goto(live_server.url + "/")

    assert page.locator("h1").first.inner_text() == "红管家 联万家"


def test_signed_in_resident_sees_inbox_link(page, live_server):
    sign_in(page, live_server, ResidentFactory())

    page.goto(live_server.url + "/")

    assert page.get_by_role("link", name="消息").is_visible()
