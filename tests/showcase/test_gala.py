"""Gala quiz and auditable draws."""

import hashlib

import pytest
from django.urls import reverse

from accounts.roles import Role
from showcase.errors import AlreadyAnswered, AlreadyDrawn
from showcase.lottery import winners_of
from showcase.models import QuizQuestion
from showcase.services.draws import commit_draw, run_draw
from showcase.services.quiz import answer_question
from tests.accounts.helpers import last_code
from tests.factories import ResidentFactory, person_with_role
from tests.showcase.factories import ShowcaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def question():
    return QuizQuestion.objects.create(
        showcase=ShowcaseFactory(stage="gala"),
        text="物业服务周在每年几月？",
        choices=["5月", "7月", "9月"],
        correct_choice=1,
        is_open=True,
    )


def test_quiz_answer_once_per_person(question):
    person = ResidentFactory()
    answer_question(question, actor=person, choice=1)

    with pytest.raises(AlreadyAnswered):
        answer_question(question, actor=person, choice=0)

    assert question.answers.count() == 1


def test_draw_committed_hash_matches_seed_and_winners_reproducible(question):
    people = ResidentFactory.create_batch(8)
    for person in people:
        answer_question(question, actor=person, choice=1)
    organiser = person_with_role(Role.ASSOCIATION_STAFF)

    draw = commit_draw(
        question.showcase, actor=organiser, title="一等奖", winners_count=3
    )
    hash_before = draw.seed_hash
    drawn = run_draw(draw, actor=organiser)

    assert hashlib.sha256(drawn.seed.encode()).hexdigest() == hash_before
    assert drawn.entrants == sorted(p.pk for p in people)
    assert drawn.winners == winners_of(drawn.seed, drawn.entrants, 3)
    assert len(set(drawn.winners)) == 3
    with pytest.raises(AlreadyDrawn):
        run_draw(draw, actor=organiser)


def test_winners_never_repeat_even_with_duplicate_entrants():
    winners = winners_of("seed", [1, 1, 2, 2, 3], 5)

    assert sorted(winners) == [1, 2, 3]


def test_gala_page_shows_hash_before_and_seed_after(client, question):
    organiser = person_with_role(Role.ASSOCIATION_STAFF)
    draw = commit_draw(
        question.showcase, actor=organiser, title="幸运奖", winners_count=1
    )

    before = client.get(reverse("showcase:gala")).content.decode()

    assert draw.seed_hash in before
    assert draw.seed not in before


@pytest.mark.parametrize(
    "name", ["showcase:vote", "showcase:ranking", "showcase:top", "showcase:gala"]
)
def test_showcase_pages_link_to_each_other(client, question, name):
    page = client.get(reverse(name)).content.decode()

    nav = page[page.index('data-testid="showcase-nav"') :]
    nav = nav[: nav.index("</nav>")]
    for target in ("/showcase/", "/showcase/ranking/", "/showcase/top/"):
        assert f'href="{target}"' in nav
    assert 'href="/showcase/gala/"' in nav
    assert f'href="{reverse(name)}" aria-current="page"' in nav


def test_home_page_leads_residents_to_the_gala(client, question):
    page = client.get("/").content.decode()

    assert 'href="/showcase/gala/"' in page


def test_console_menu_leads_organisers_to_the_gala_and_the_stories(client, question):
    client.force_login(person_with_role(Role.CITY_OFFICER))
    console = client.get("/console/").content.decode()
    client.force_login(ResidentFactory())
    resident = client.get("/").content.decode()

    assert 'href="/showcase/gala/console/"' in console
    assert 'href="/showcase/stories/"' in console
    assert "/showcase/gala/console/" not in resident
    assert "/showcase/stories/" not in resident


def test_gala_sign_in_link_is_the_residents_and_comes_back(client, question):
    page = client.get(reverse("showcase:gala")).content.decode()

    assert 'href="/accounts/sign-in/?next=/showcase/gala/"' in page
    assert "/accounts/login/" not in page


def test_vote_sign_in_link_is_the_residents_and_comes_back(client):
    ShowcaseFactory(stage="voting")

    page = client.get(reverse("showcase:vote")).content.decode()

    assert 'href="/accounts/sign-in/?next=/showcase/"' in page
    assert "/accounts/login/" not in page


def test_resident_signs_in_by_sms_from_the_gala_and_returns_to_it(client, question):
    link = "/accounts/sign-in/?next=/showcase/gala/"
    client.post(link, {"action": "send", "mobile": "13812345678"})

    answer = client.post(
        link,
        {
            "action": "sign_in",
            "mobile": "13812345678",
            "code": last_code("13812345678"),
            "next": "/showcase/gala/",
        },
    )

    assert answer.status_code == 302
    assert answer["Location"] == "/showcase/gala/"


def test_an_answer_sent_signed_out_signs_in_then_returns_to_the_gala(client):
    from showcase.models import QuizQuestion

    showcase = ShowcaseFactory(stage="gala")
    question = QuizQuestion.objects.create(
        showcase=showcase,
        text="问",
        choices=["甲", "乙"],
        correct_choice=0,
        is_open=True,
    )

    response = client.post(
        reverse("showcase:answer", args=[question.pk]), {"choice": "0"}
    )

    assert response["Location"] == "/accounts/sign-in/?next=/showcase/gala/"


def test_gala_page_before_the_gala_says_when_it_begins(client):
    from django.utils import timezone

    showcase = ShowcaseFactory(stage="voting")
    begins = timezone.localtime(showcase.gala_starts_at).strftime("%Y-%m-%d %H:%M")

    page = client.get(reverse("showcase:gala")).content.decode()

    assert f"汇演于{begins}开始，届时答题和抽奖将在此显示。" in page
