"""The gala on a phone (390×844): nothing is wider than the screen."""

import pytest
from playwright.sync_api import expect

from accounts.roles import Role
from showcase.models import QuizQuestion
from showcase.services.draws import commit_draw, run_draw
from showcase.services.quiz import answer_question
from tests.factories import ResidentFactory, person_with_role
from tests.showcase.factories import ShowcaseFactory

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.browser]


@pytest.fixture
def draws():
    gala = ShowcaseFactory(stage="gala")
    question = QuizQuestion.objects.create(
        showcase=gala,
        text="物业服务周在每年几月？",
        choices=["5月", "7月", "9月"],
        correct_choice=1,
        is_open=True,
    )
    for person in ResidentFactory.create_batch(4):
        answer_question(question, actor=person, choice=1)
    organiser = person_with_role(Role.CITY_OFFICER)
    drawn = run_draw(
        commit_draw(gala, actor=organiser, title="一等奖", winners_count=2),
        actor=organiser,
    )
    waiting = commit_draw(gala, actor=organiser, title="二等奖", winners_count=1)
    return drawn, waiting


def page_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


def test_gala_page_fits_a_phone(page, live_server, draws):
    drawn, waiting = draws

    page.goto(live_server.url + "/showcase/gala/")

    expect(page.get_by_test_id(f"winners-{drawn.pk}")).to_contain_text("尾号")
    expect(page.get_by_test_id(f"draw-{waiting.pk}")).to_contain_text(waiting.seed_hash)
    assert page_width(page) <= 390


def test_draw_record_fits_a_phone(page, live_server, draws):
    drawn, _waiting = draws

    page.goto(live_server.url + f"/showcase/gala/draws/{drawn.pk}/")

    expect(page.get_by_test_id("seed")).to_have_text(drawn.seed)
    expect(page.get_by_test_id("entrants").locator("tbody tr")).to_have_count(4)
    assert page_width(page) <= 390


def test_gala_is_reached_from_the_voting_page(page, live_server, draws):
    drawn, _waiting = draws
    page.goto(live_server.url + "/showcase/")

    page.get_by_test_id("showcase-nav").get_by_role("link", name="成果汇演").click()
    page.get_by_test_id(f"proof-link-{drawn.pk}").click()

    expect(page.get_by_test_id("seed")).to_have_text(drawn.seed)
