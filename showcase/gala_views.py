"""The gala page: quiz from phones, lottery draws with their proofs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import can
from common.errors import DomainError
from showcase import selectors
from showcase.forms import DrawForm, add_refusal
from showcase.models import Draw, QuizAnswer, QuizQuestion
from showcase.services import draws, quiz
from showcase.views import _current_or_404


def gala_page(request):
    return _gala_page(request, _current_or_404(), DrawForm())


def _gala_page(request, showcase, draw_form):
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
            "draw_form": draw_form,
        },
    )


def _run(request, call, success):
    try:
        call()
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect("showcase:gala")


@login_required
@require_POST
def answer(request, question_id):
    question = get_object_or_404(
        QuizQuestion.objects.select_related("showcase"), pk=question_id
    )
    try:
        choice = int(request.POST.get("choice", ""))
    except ValueError:
        choice = -1
    return _run(
        request,
        lambda: quiz.answer_question(question, actor=request.user, choice=choice),
        _("Your answer was recorded."),
    )


@login_required
@require_POST
def commit_draw(request):
    """Commit a draw; a refused one shows the form again as it was typed."""
    showcase = _current_or_404()
    if not can(request.user, "showcase.manage", showcase):
        raise PermissionDenied
    form = DrawForm(request.POST)
    if form.is_valid():
        try:
            draws.commit_draw(showcase, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_refusal(form, error)
        else:
            messages.success(
                request, _("The draw's seed is committed; its hash is shown.")
            )
            return redirect("showcase:gala")
    return _gala_page(request, showcase, form)


def draw_page(request, draw_id):
    """A draw's public record: the hash, then the seed, winners and entrants
    in the draw's order, with how to check them."""
    draw = get_object_or_404(Draw.objects.select_related("showcase"), pk=draw_id)
    return render(
        request,
        "showcase/draw.html",
        {"proof": selectors.draw_proof(draw), "shown": selectors.PROOF_HASH_SHOWN},
    )


@login_required
@require_POST
def run_draw(request, draw_id):
    draw = get_object_or_404(Draw.objects.select_related("showcase"), pk=draw_id)
    return _run(request, lambda: draws.run_draw(draw, actor=request.user), _("Drawn."))
