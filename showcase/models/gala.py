"""The gala's models: quiz questions and answers, lottery draws."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from showcase.models.core import Showcase


class QuizQuestion(models.Model):
    """A gala quiz question the audience answers from their phones.

    Organisers add, edit, open and close questions on the console
    (``showcase.services.quiz``); those who answer correctly enter the draws.
    """

    showcase = models.ForeignKey(
        Showcase,
        verbose_name=_("showcase"),
        on_delete=models.CASCADE,
        related_name="quiz_questions",
    )
    text = models.CharField(_("question"), max_length=300)
    # The choices' texts in order; answers and ``correct_choice`` count from 0.
    choices = models.JSONField(_("choices"))
    correct_choice = models.PositiveSmallIntegerField(_("correct choice"))
    is_open = models.BooleanField(_("open for answers"), default=False)

    class Meta:
        verbose_name = _("quiz question")
        verbose_name_plural = _("quiz questions")
        ordering = ["pk"]

    def __str__(self):
        return self.text


class QuizAnswer(models.Model):
    question = models.ForeignKey(
        QuizQuestion,
        verbose_name=_("quiz question"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE
    )
    choice = models.PositiveSmallIntegerField(_("choice"))
    answered_at = models.DateTimeField(_("answered at"))

    class Meta:
        verbose_name = _("quiz answer")
        verbose_name_plural = _("quiz answers")
        constraints = [
            models.UniqueConstraint(
                fields=["question", "person"], name="quiz_answer_once"
            )
        ]

    def __str__(self):
        return f"{self.person_id} {self.question_id}"


class Draw(models.Model):
    """A gala lottery draw (抽奖), auditable by anyone.

    ``seed_hash`` (SHA-256 of the seed) is published when the draw is
    committed, before anyone knows the entrants' fate; at the draw the list
    of entrants is frozen, the seed revealed, and the winners follow from
    both by ``showcase.lottery.winners_of``. Winners of an earlier draw
    of the gala are not entrants of later ones (``excluded`` lists them).
    """

    showcase = models.ForeignKey(
        Showcase, verbose_name=_("showcase"), on_delete=models.CASCADE
    )
    # The question whose correct answerers enter; without one, everyone who
    # answered any question of the gala correctly enters.
    question = models.ForeignKey(
        QuizQuestion,
        verbose_name=_("quiz question"),
        on_delete=models.PROTECT,
        related_name="draws",
        null=True,
        blank=True,
    )
    title = models.CharField(_("title"), max_length=100)
    winners_count = models.PositiveSmallIntegerField(_("number of winners"))
    seed = models.CharField(_("seed"), max_length=64)
    seed_hash = models.CharField(_("seed hash (SHA-256)"), max_length=64)
    committed_at = models.DateTimeField(_("committed at"))
    drawn_at = models.DateTimeField(_("drawn at"), null=True, blank=True)
    entrants = models.JSONField(_("entrants"), default=list, blank=True)
    winners = models.JSONField(_("winners"), default=list, blank=True)
    # Who would have entered but had won an earlier draw of the same gala.
    excluded = models.JSONField(_("earlier winners left out"), default=list, blank=True)

    class Meta:
        verbose_name = _("lottery draw")
        verbose_name_plural = _("lottery draws")
        ordering = ["-committed_at"]

    def __str__(self):
        return self.title
