"""The gala page: quiz from phones, lottery draws with their records."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import can
from common.errors import DomainError
from common.views import sign_in_then
from showcase import selectors
from showcase.models import Draw, QuizAnswer, QuizQuestion
from showcase.services import quiz
from showcase.stages import gala_span, stage_of
from showcase.views import _current_or_404


def gala_page(request):
    """What the audience sees on their phones and the big screen."""
    showcase = _current_or_404()
    questions = list(quiz.open_questions(showcase))
    answered = set()
    if request.user.is_authenticated:
        answered = set(
            QuizAnswer.objects.filter(
                person=request.user, question__in=questions
            ).values_list("question_id", flat=True)
        )
    return render(
        request,
        "showcase/gala.html",
        {
            "showcase": showcase,
            "questions": [(q, q.pk in answered) for q in questions],
            "draws": selectors.draws_with_winners(showcase),
            "may_manage": can(request.user, "showcase.manage", showcase),
            "stage": stage_of(showcase),
            "span": gala_span(showcase),
        },
    )


@sign_in_then("showcase:gala")
@require_POST
def answer(request, question_id):
    question = get_object_or_404(
        QuizQuestion.objects.select_related("showcase"), pk=question_id
    )
    try:
        choice = int(request.POST.get("choice", ""))
    except ValueError:
        choice = -1
    try:
        quiz.answer_question(question, actor=request.user, choice=choice)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your answer was recorded."))
    return redirect("showcase:gala")


def draw_page(request, draw_id):
    """A draw's public record: the hash, then the seed, winners and entrants
    in the draw's order, with how to check them."""
    draw = get_object_or_404(
        Draw.objects.select_related("showcase", "question"), pk=draw_id
    )
    return render(
        request,
        "showcase/draw.html",
        {"proof": selectors.draw_proof(draw), "shown": selectors.PROOF_HASH_SHOWN},
    )
