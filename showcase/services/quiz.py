"""The gala's quiz: questions the audience answers from their phones.

Organisers (``showcase.manage``) add and edit questions at any stage, and
open them for answers during the gala. A question is fixed once somebody has
answered it, so that who answered correctly never changes afterwards. Those
who answer correctly are the entrants of the draws (``services.draws``).

A question is never deleted, only closed. An answer names its choice by its
place, so a phone that loaded a question before an organiser edited it (while
nobody had answered) submits a place in the edited choices.
"""

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.permissions import can
from common import audit
from common.errors import NotAllowed
from showcase.enums import Stage
from showcase.errors import (
    AlreadyAnswered,
    AnswerOutOfRange,
    InvalidField,
    QuestionAnswered,
    QuestionClosed,
)
from showcase.models import QuizAnswer, QuizQuestion
from showcase.stages import gala_span, require_stage

TEXT_LENGTH = 300
CHOICE_LENGTH = 100
MIN_CHOICES = 2
MAX_CHOICES = 8
QUESTIONS_OPEN_AT_GALA = _(
    "Questions are opened for answers during the gala, from %(starts)s to %(ends)s."
)


def checked_question(*, text, choices, correct_choice):
    """``(text, choices, correct_choice)`` with blanks trimmed, or
    :class:`InvalidField` naming the first field that breaks a rule."""
    text = (text or "").strip()
    if not text:
        raise InvalidField(
            "text", _("Please enter the question."), code="question_required"
        )
    if len(text) > TEXT_LENGTH:
        raise InvalidField(
            "text",
            _("Enter at most %(limit)s characters.") % {"limit": TEXT_LENGTH},
            code="text_too_long",
        )
    choices = _checked_choices(choices)
    if (
        isinstance(correct_choice, bool)
        or not isinstance(correct_choice, int)
        or not 0 <= correct_choice < len(choices)
    ):
        raise InvalidField(
            "correct_choice",
            _("The correct answer must be one of the choices."),
            code="correct_choice_out_of_range",
        )
    return text, choices, correct_choice


def _checked_choices(choices):
    if not isinstance(choices, list | tuple) or not all(
        isinstance(choice, str) for choice in choices
    ):
        choices = []
    choices = [choice.strip() for choice in choices]
    if not MIN_CHOICES <= len(choices) <= MAX_CHOICES:
        message = _("Give %(min)s to %(max)s choices.") % {
            "min": MIN_CHOICES,
            "max": MAX_CHOICES,
        }
    elif not all(choices):
        message = _("A choice cannot be empty.")
    elif any(len(choice) > CHOICE_LENGTH for choice in choices):
        message = _("Each choice is at most %(limit)s characters.") % {
            "limit": CHOICE_LENGTH
        }
    elif len(set(choices)) < len(choices):
        message = _("Each choice must differ from the others.")
    else:
        return choices
    raise InvalidField("choices", message, code="choices_invalid")


def _require_manager(actor, showcase):
    if not can(actor, "showcase.manage", showcase):
        raise NotAllowed()


def _fields(question):
    return {
        "text": question.text,
        "choices": " | ".join(question.choices),
        "correct_choice": question.correct_choice,
    }


def add_question(showcase, *, actor, text, choices, correct_choice):
    """A new question, closed until an organiser opens it.

    Side effects: the question is saved and audited (``showcase.quiz.add``).
    """
    _require_manager(actor, showcase)
    text, choices, correct_choice = checked_question(
        text=text, choices=choices, correct_choice=correct_choice
    )
    with transaction.atomic():
        question = QuizQuestion.objects.create(
            showcase=showcase, text=text, choices=choices, correct_choice=correct_choice
        )
        audit.record(
            "showcase.quiz.add", question, actor=actor, after=_fields(question)
        )
    return question


def change_question(question, *, actor, text, choices, correct_choice):
    """Edit a question nobody has answered yet (refused once answered)."""
    _require_manager(actor, question.showcase)
    text, choices, correct_choice = checked_question(
        text=text, choices=choices, correct_choice=correct_choice
    )
    with transaction.atomic():
        locked = QuizQuestion.objects.select_for_update().get(pk=question.pk)
        if locked.answers.exists():
            raise QuestionAnswered()
        before = _fields(locked)
        locked.text, locked.choices = text, choices
        locked.correct_choice = correct_choice
        locked.save(update_fields=["text", "choices", "correct_choice"])
        audit.record(
            "showcase.quiz.change",
            locked,
            actor=actor,
            before=before,
            after=_fields(locked),
        )
    return locked


def open_question(question, *, actor, now=None):
    """Open ``question`` for answers; only during the gala."""
    _require_manager(actor, question.showcase)
    require_stage(
        question.showcase,
        Stage.GALA,
        now=now,
        message=QUESTIONS_OPEN_AT_GALA % gala_span(question.showcase),
    )
    return _set_open(question, True, actor=actor, action="showcase.quiz.open")


def close_question(question, *, actor):
    """Stop taking answers to ``question``; the answers given are kept."""
    _require_manager(actor, question.showcase)
    return _set_open(question, False, actor=actor, action="showcase.quiz.close")


def _set_open(question, is_open, *, actor, action):
    with transaction.atomic():
        locked = QuizQuestion.objects.select_for_update().get(pk=question.pk)
        if locked.is_open != is_open:
            locked.is_open = is_open
            locked.save(update_fields=["is_open"])
            audit.record(action, locked, actor=actor, after={"is_open": is_open})
    return locked


def answer_question(question, *, actor, choice, now=None):
    """One answer per person and question, while the question is open."""
    now = now or timezone.now()
    require_stage(question.showcase, Stage.GALA, now=now)
    if not question.is_open:
        raise QuestionClosed()
    if isinstance(choice, bool) or not 0 <= choice < len(question.choices):
        raise AnswerOutOfRange()
    try:
        with transaction.atomic():
            return QuizAnswer.objects.create(
                question=question, person=actor, choice=choice, answered_at=now
            )
    except IntegrityError as error:
        raise AlreadyAnswered() from error


def correct_answerers(showcase, *, question=None):
    """The ids, ascending, of everyone who answered ``question`` correctly, or
    (without one) any question of ``showcase``."""
    answers = QuizAnswer.objects.filter(
        question__showcase=showcase, choice=F("question__correct_choice")
    )
    if question is not None:
        answers = answers.filter(question=question)
    return sorted(set(answers.values_list("person_id", flat=True)))


def open_questions(showcase):
    return QuizQuestion.objects.filter(showcase=showcase, is_open=True)
