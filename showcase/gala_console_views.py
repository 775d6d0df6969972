"""The organisers' console of the gala: quiz questions and lottery draws."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import can
from common.errors import DomainError
from showcase import selectors
from showcase.forms import DrawForm, QuestionForm, add_refusal
from showcase.models import Draw, QuizQuestion
from showcase.services import draws, quiz
from showcase.views import _current_or_404


def _managed_showcase(request):
    showcase = _current_or_404()
    if not can(request.user, "showcase.manage", showcase):
        raise PermissionDenied
    return showcase


def _managed_question(request, question_id):
    question = get_object_or_404(
        QuizQuestion.objects.select_related("showcase"), pk=question_id
    )
    if not can(request.user, "showcase.manage", question.showcase):
        raise PermissionDenied
    return question


@login_required
def console(request):
    showcase = _managed_showcase(request)
    return _console_page(request, showcase, QuestionForm(), DrawForm(showcase=showcase))


def _console_page(request, showcase, question_form, draw_form):
    return render(
        request,
        "showcase/gala_console.html",
        {
            "showcase": showcase,
            "questions": selectors.quiz_questions(showcase),
            "draws": selectors.draws_with_winners(showcase),
            "question_form": question_form,
            "draw_form": draw_form,
        },
    )


@login_required
@require_POST
def add_question(request):
    """Add a question; a refused one shows the form again as it was typed."""
    showcase = _managed_showcase(request)
    form = QuestionForm(request.POST)
    if form.is_valid():
        try:
            quiz.add_question(showcase, actor=request.user, **form.cleaned_question())
        except DomainError as error:
            add_refusal(form, error)
        else:
            messages.success(
                request, _("The question was added; open it to take answers.")
            )
            return redirect("showcase:gala_console")
    return _console_page(request, showcase, form, DrawForm(showcase=showcase))


@login_required
def edit_question(request, question_id):
    question = _managed_question(request, question_id)
    if request.method == "POST":
        form = QuestionForm(request.POST)
        if form.is_valid():
            try:
                quiz.change_question(
                    question, actor=request.user, **form.cleaned_question()
                )
            except DomainError as error:
                add_refusal(form, error)
            else:
                messages.success(request, _("The question was saved."))
                return redirect("showcase:gala_console")
    else:
        form = QuestionForm(
            initial={
                "text": question.text,
                "choices": "\n".join(question.choices),
                "correct_choice": question.correct_choice,
            }
        )
    return render(
        request,
        "showcase/question_edit.html",
        {
            "question": question,
            "answered": question.answers.exists(),
            "form": form,
        },
    )


@login_required
@require_POST
def question_state(request, question_id, action):
    question = _managed_question(request, question_id)
    calls = {
        "open": lambda: quiz.open_question(question, actor=request.user),
        "close": lambda: quiz.close_question(question, actor=request.user),
    }
    if action not in calls:
        raise Http404
    done = {
        "open": _("Answers to this question are open."),
        "close": _("Answers to this question are closed."),
    }
    _done(request, calls[action], done[action])
    return redirect("showcase:gala_console")


def _done(request, call, success):
    try:
        call()
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)


@login_required
@require_POST
def commit_draw(request):
    """Commit a draw; a refused one shows the form again as it was typed."""
    showcase = _managed_showcase(request)
    form = DrawForm(request.POST, showcase=showcase)
    if form.is_valid():
        try:
            draws.commit_draw(showcase, actor=request.user, **form.cleaned_data)
        except DomainError as error:
            add_refusal(form, error)
        else:
            messages.success(
                request, _("The draw's seed is committed; its hash is shown.")
            )
            return redirect("showcase:gala_console")
    return _console_page(request, showcase, QuestionForm(), form)


@login_required
@require_POST
def run_draw(request, draw_id):
    """Draw now, from the console or from the big screen's gala page."""
    draw = get_object_or_404(Draw.objects.select_related("showcase"), pk=draw_id)
    _done(request, lambda: draws.run_draw(draw, actor=request.user), _("Drawn."))
    if request.POST.get("back") == "console":
        return redirect("showcase:gala_console")
    return redirect("showcase:gala")
