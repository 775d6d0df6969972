"""The gala's part of the showcase API: quiz and lottery draws.

Mounted on the showcase's router, so its paths are under /api/v1/showcase/.
"""

from django.shortcuts import get_object_or_404
from ninja import Router, Status

from accounts.api_auth import API_AUTH
from accounts.permissions import can
from common.api import responses
from common.errors import NotAllowed, NotFound
from showcase import selectors
from showcase.errors import QuestionOfAnotherShowcase
from showcase.lottery import ALGORITHM
from showcase.models import Draw, QuizQuestion
from showcase.schemas import (
    AnswerIn,
    CountOut,
    DrawIn,
    DrawOut,
    DrawProofOut,
    EntrantOut,
    QuestionAdminOut,
    QuestionIn,
    QuestionOut,
    RankedEntrantOut,
)
from showcase.services import draws as draw_services
from showcase.services import quiz

router = Router()


def _showcase():
    showcase = selectors.current_showcase()
    if showcase is None:
        raise NotFound()
    return showcase


@router.post(
    "/quiz/{question_id}/answer",
    response=responses(200, CountOut),
    auth=API_AUTH,
    operation_id="showcase_api_answer",
)
def answer(request, question_id: int, payload: AnswerIn):
    question = get_object_or_404(
        QuizQuestion.objects.select_related("showcase"), pk=question_id
    )
    quiz.answer_question(question, actor=request.auth, choice=payload.choice)
    return CountOut(count=1)


def _draw_out(draw, winners=()):
    drawn = draw.drawn_at is not None
    return DrawOut(
        id=draw.pk,
        title=draw.title,
        question_id=draw.question_id,
        condition=str(selectors.entry_condition(draw)),
        winners_count=draw.winners_count,
        seed_hash=draw.seed_hash,
        committed_at=draw.committed_at,
        drawn_at=draw.drawn_at,
        seed=draw.seed if drawn else None,
        entrants_count=len(draw.entrants) if drawn else 0,
        excluded_count=len(draw.excluded) if drawn else 0,
        winners=[EntrantOut(number=w.number, name=w.label) for w in winners],
    )


def _proof_out(proof):
    return DrawProofOut(
        **_draw_out(proof.draw, proof.winners).dict(),
        algorithm=str(ALGORITHM),
        entrants=[
            RankedEntrantOut(
                place=place, number=e.number, name=e.label, ticket=e.hash, won=e.won
            )
            for place, e in enumerate(proof.entrants, start=1)
        ],
        excluded=[EntrantOut(number=e.number, name=e.label) for e in proof.excluded],
    )


@router.get(
    "/draws",
    response=responses(200, list[DrawOut]),
    auth=None,
    operation_id="showcase_api_draws",
)
def draws(request):
    """The current gala's draws, newest first, with their winners."""
    return [
        _draw_out(draw, draw.winner_labels)
        for draw in selectors.draws_with_winners(_showcase())
    ]


@router.get("/draws/{draw_id}", response=responses(200, DrawProofOut), auth=None)
def draw_detail(request, draw_id: int):
    """One draw's public record: once drawn, the seed, the winners and every
    entrant in the draw's order with their ticket."""
    draw = get_object_or_404(
        Draw.objects.select_related("showcase", "question"), pk=draw_id
    )
    return _proof_out(selectors.draw_proof(draw))


@router.post("/draws", response=responses(201, DrawOut), auth=API_AUTH)
def commit_draw(request, payload: DrawIn):
    """Commit a new draw of the gala: its seed's hash is published at once.

    A title and 1 to 100 winners; refused outside the gala stage."""
    showcase = _showcase()
    question = None
    if payload.question_id is not None:
        question = QuizQuestion.objects.filter(
            pk=payload.question_id, showcase=showcase
        ).first()
        if question is None:
            raise QuestionOfAnotherShowcase("question_id")
    draw = draw_services.commit_draw(
        showcase,
        actor=request.auth,
        title=payload.title,
        winners_count=payload.winners_count,
        question=question,
    )
    return Status(201, _draw_out(draw))


@router.post("/draws/{draw_id}/run", response=responses(200, DrawOut), auth=API_AUTH)
def run_draw(request, draw_id: int):
    """Draw the winners: the entrants are frozen and the seed revealed."""
    draw = get_object_or_404(Draw.objects.select_related("showcase"), pk=draw_id)
    drawn = draw_services.run_draw(draw, actor=request.auth)
    return _draw_out(drawn, selectors.draw_proof(drawn).winners)


def _question_out(question):
    return QuestionAdminOut(
        id=question.pk,
        text=question.text,
        choices=[str(choice) for choice in question.choices],
        correct_choice=question.correct_choice,
        is_open=question.is_open,
        answer_count=question.answer_count,
        correct_count=question.correct_count,
    )


def _managed_showcase(request):
    showcase = _showcase()
    if not can(request.auth, "showcase.manage", showcase):
        raise NotAllowed()
    return showcase


def _managed_question(request, question_id):
    question = get_object_or_404(
        QuizQuestion.objects.select_related("showcase"), pk=question_id
    )
    if not can(request.auth, "showcase.manage", question.showcase):
        raise NotAllowed()
    return question


def _counted(question):
    return _question_out(
        selectors.quiz_questions(question.showcase_id).get(pk=question.pk)
    )


@router.get("/quiz", response=responses(200, list[QuestionOut]), auth=None)
def open_questions(request):
    """The questions of the current gala open for answers now."""
    return [
        QuestionOut(id=q.pk, text=q.text, choices=[str(c) for c in q.choices])
        for q in quiz.open_questions(_showcase())
    ]


@router.get(
    "/quiz/questions", response=responses(200, list[QuestionAdminOut]), auth=API_AUTH
)
def questions(request):
    """Every question of the current gala, with its correct answer and how
    many answered it (correctly); for organisers."""
    showcase = _managed_showcase(request)
    return [_question_out(q) for q in selectors.quiz_questions(showcase)]


@router.post(
    "/quiz/questions", response=responses(201, QuestionAdminOut), auth=API_AUTH
)
def add_question(request, payload: QuestionIn):
    """Add a question (closed until opened)."""
    question = quiz.add_question(
        _managed_showcase(request), actor=request.auth, **payload.dict()
    )
    return Status(201, _counted(question))


@router.put(
    "/quiz/questions/{question_id}",
    response=responses(200, QuestionAdminOut),
    auth=API_AUTH,
)
def change_question(request, question_id: int, payload: QuestionIn):
    """Change a question nobody has answered yet."""
    question = quiz.change_question(
        _managed_question(request, question_id), actor=request.auth, **payload.dict()
    )
    return _counted(question)


@router.post(
    "/quiz/questions/{question_id}/open",
    response=responses(200, QuestionAdminOut),
    auth=API_AUTH,
)
def open_question(request, question_id: int):
    """Open a question for answers; during the gala only."""
    question = _managed_question(request, question_id)
    return _counted(quiz.open_question(question, actor=request.auth))


@router.post(
    "/quiz/questions/{question_id}/close",
    response=responses(200, QuestionAdminOut),
    auth=API_AUTH,
)
def close_question(request, question_id: int):
    question = _managed_question(request, question_id)
    return _counted(quiz.close_question(question, actor=request.auth))
