"""The gala's part of the showcase API: quiz and lottery draws.

Mounted on the showcase's router, so its paths are under /api/v1/showcase/.
"""

from django.shortcuts import get_object_or_404
from ninja import Router, Status

from accounts.api_auth import API_AUTH
from common.api import responses
from common.errors import NotFound
from showcase import selectors
from showcase.lottery import ALGORITHM
from showcase.models import Draw, QuizQuestion
from showcase.schemas import (
    AnswerIn,
    CountOut,
    DrawIn,
    DrawOut,
    DrawProofOut,
    EntrantOut,
    RankedEntrantOut,
)
from showcase.services import draws as draw_services
from showcase.services import quiz

router = Router(tags=["showcase"])


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
    draw = get_object_or_404(Draw.objects.select_related("showcase"), pk=draw_id)
    return _proof_out(selectors.draw_proof(draw))


@router.post("/draws", response=responses(201, DrawOut), auth=API_AUTH)
def commit_draw(request, payload: DrawIn):
    """Commit a new draw of the gala: its seed's hash is published at once.

    A title and 1 to 100 winners; refused outside the gala stage."""
    draw = draw_services.commit_draw(_showcase(), actor=request.auth, **payload.dict())
    return Status(201, _draw_out(draw))


@router.post("/draws/{draw_id}/run", response=responses(200, DrawOut), auth=API_AUTH)
def run_draw(request, draw_id: int):
    """Draw the winners: the entrants are frozen and the seed revealed."""
    from showcase.models import Draw

    draw = get_object_or_404(Draw.objects.select_related("showcase"), pk=draw_id)
    drawn = draw_services.run_draw(draw, actor=request.auth)
    return _draw_out(drawn, selectors.draw_proof(drawn).winners)
