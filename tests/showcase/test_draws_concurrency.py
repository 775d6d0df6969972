"""Draws run at the same moment (PostgreSQL, real threads)."""

import pytest

from accounts.roles import Role
from showcase.models import Draw, QuizQuestion
from showcase.services.draws import commit_draw, run_draw
from showcase.services.quiz import answer_question
from tests.factories import ResidentFactory, person_with_role
from tests.showcase.factories import ShowcaseFactory
from tests.showcase.threads import run_in_threads

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_two_draws_at_once_never_pick_the_same_winner():
    gala = ShowcaseFactory(stage="gala")
    question = QuizQuestion.objects.create(
        showcase=gala, text="题目", choices=["甲", "乙"], correct_choice=0, is_open=True
    )
    answer_question(question, actor=ResidentFactory(), choice=0)
    organiser = person_with_role(Role.CITY_OFFICER)
    draws = [
        commit_draw(gala, actor=organiser, title=f"奖项{n}", winners_count=1)
        for n in range(2)
    ]

    outcomes = run_in_threads(
        [lambda draw=draw: run_draw(draw, actor=organiser) for draw in draws]
    )

    assert sorted(type(o).__name__ for o in outcomes) == ["Draw", "NoEntrants"]
    assert Draw.objects.filter(drawn_at__isnull=False).count() == 1
