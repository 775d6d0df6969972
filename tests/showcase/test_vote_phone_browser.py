"""The voting page on a phone (390×844): previews, button states, feedback in
sight, all without reloading the page."""

import io

import pytest
from django.core.files.base import ContentFile
from PIL import Image
from playwright.sync_api import expect

from tests.browser import sign_in
from tests.factories import ResidentFactory
from tests.showcase.factories import ShowcaseFactory, WorkFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]

DESCRIPTION = (
    "凌晨两点，楼里突然停水，物业维修班的师傅们打着手电筒赶到现场，"
    "一直抢修到天亮，让三百多户居民早上按时用上了水。"
)


def _jpeg(colour):
    buffer = io.BytesIO()
    Image.new("RGB", (320, 180), colour).save(buffer, format="JPEG")
    return ContentFile(buffer.getvalue())


@pytest.fixture
def works(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    showcase = ShowcaseFactory(votes_per_day=3, votes_per_work_per_day=1)
    made = WorkFactory.create_batch(5, showcase=showcase, description=DESCRIPTION)
    for work, colour in zip(
        made, ["red", "green", "blue", "orange", "purple"], strict=True
    ):
        work.poster.save("poster.jpg", _jpeg(colour), save=True)
    return made


def _in_viewport(page, locator):
    box = locator.bounding_box()
    size = page.viewport_size
    return (
        box is not None
        and box["y"] >= 0
        and box["y"] + box["height"] <= size["height"]
        and box["x"] >= 0
        and box["x"] + box["width"] <= size["width"]
    )


def test_each_work_shows_its_poster_an_excerpt_and_a_link(page, live_server, works):
    page.goto(live_server.url + "/showcase/")
    last = works[-1]

    preview = page.get_by_test_id(f"preview-{last.pk}")
    preview.scroll_into_view_if_needed()
    expect(preview).to_be_visible()
    page.wait_for_function(
        "el => el.complete && el.naturalWidth > 0", arg=preview.element_handle()
    )
    excerpt = page.get_by_test_id(f"excerpt-{last.pk}")
    expect(excerpt).to_contain_text("凌晨两点，楼里突然停水")
    expect(excerpt).not_to_contain_text("按时用上了水")  # an excerpt, not all of it

    page.get_by_test_id(f"work-link-{last.pk}").click()
    expect(page.get_by_test_id("work-title")).to_have_text(last.title)
    expect(page.locator("article")).to_contain_text("按时用上了水")


def test_buttons_say_why_they_are_off_and_feedback_is_in_sight(
    page, live_server, works
):
    sign_in(page, live_server, ResidentFactory())
    page.goto(live_server.url + "/showcase/")
    page.evaluate("window.notReloaded = true")

    # The last work is below the fold of a phone.
    last = works[-1]
    button = page.get_by_test_id(f"vote-{last.pk}")
    assert not _in_viewport(page, button)
    button.scroll_into_view_if_needed()
    button.click()

    message = page.get_by_test_id("vote-message")
    expect(message).to_contain_text("感谢您的投票")
    assert _in_viewport(page, message)
    voted = page.get_by_test_id(f"vote-{last.pk}")
    expect(voted).to_be_disabled()
    expect(voted).to_have_text("今日已投")
    expect(page.get_by_test_id(f"vote-{works[0].pk}")).to_be_enabled()

    for work in works[2:4]:
        other = page.get_by_test_id(f"vote-{work.pk}")
        other.scroll_into_view_if_needed()
        other.click()
        expect(page.get_by_test_id(f"vote-{work.pk}")).to_have_text("今日已投")

    expect(page.get_by_test_id("remaining")).to_have_text("0")
    assert _in_viewport(page, page.get_by_test_id("vote-message"))
    for work in works[:2]:
        spent = page.get_by_test_id(f"vote-{work.pk}")
        expect(spent).to_be_disabled()
        expect(spent).to_have_text("今日票数已用完")
    for work in works[2:]:
        expect(page.get_by_test_id(f"vote-{work.pk}")).to_have_text("今日已投")
    assert page.evaluate("window.notReloaded === true")
