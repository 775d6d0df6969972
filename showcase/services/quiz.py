"""The gala's quiz: questions the audience answers from their phones."""

from django.db import IntegrityError, transaction
from django.utils import timezone

from showcase.enums import Stage
from showcase.errors import AlreadyAnswered, QuestionClosed
from showcase.models import QuizAnswer, QuizQuestion
from showcase.stages import require_stage


def answer_question(question, *, actor, choice, now=None):
    """One answer per person and question, while the question is open."""
    now = now or timezone.now()
    require_stage(question.showcase, Stage.GALA, now=now)
    if not question.is_open or not 0 <= choice < len(question.choices):
        raise QuestionClosed()
    try:
        with transaction.atomic():
            return QuizAnswer.objects.create(
                question=question, person=actor, choice=choice, answered_at=now
            )
    except IntegrityError as error:
        raise AlreadyAnswered() from error


def quiz_entrants(showcase):
    return sorted(
        set(
            QuizAnswer.objects.filter(question__showcase=showcase).values_list(
                "person_id", flat=True
            )
        )
    )


def open_questions(showcase):
    return QuizQuestion.objects.filter(showcase=showcase, is_open=True)
