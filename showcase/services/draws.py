"""The gala's lottery draws (抽奖), auditable by anyone.

A draw is fair and checkable by anyone:

1. :func:`commit_draw` makes a random seed and publishes only its SHA-256
   hash (``seed_hash``), before the draw.
2. :func:`run_draw` freezes the entrants (their account ids, ascending),
   reveals the seed and takes as winners the entrants with the smallest
   SHA-256 of ``"<seed>:<id>"``.
3. Anyone can check that the seed matches the hash and recompute the
   winners with ``showcase.lottery.winners_of`` (or any SHA-256 tool). Each
   entrant appears once, so nobody wins twice in one draw.

Who enters: a draw may name a quiz question, and then everyone who answered
that question correctly enters; a draw naming none is open to everyone who
answered at least one question of the gala correctly. Wrong answers never
enter a draw.

One prize per person per gala: whoever won a draw of the gala is left out of
the entrants of its later draws (and listed as such in ``Draw.excluded``), so
the published entrants alone give the winners.
"""

import secrets

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.permissions import can
from common import audit
from common.errors import NotAllowed
from showcase.enums import Stage
from showcase.errors import (
    AlreadyDrawn,
    InvalidField,
    NoEntrants,
    QuestionOfAnotherShowcase,
    TooFewEntrants,
)
from showcase.lottery import sha256, winners_of
from showcase.models import Draw
from showcase.services.quiz import correct_answerers
from showcase.stages import gala_span, require_stage

# A draw names its prize in a line of the big screen, and has at least one
# and at most this many winners.
TITLE_LENGTH = 100
MAX_WINNERS = 100
DRAWS_IN_GALA = _("Draws take place during the gala, from %(starts)s to %(ends)s.")


def checked_draw_title(title):
    """``title`` without surrounding blanks; refused when empty or too long."""
    title = (title or "").strip()
    if not title:
        raise InvalidField(
            "title",
            _("Please name the draw after its prize, e.g. first prize."),
            code="draw_title_required",
        )
    if len(title) > TITLE_LENGTH:
        raise InvalidField(
            "title",
            _("Enter at most %(limit)s characters.") % {"limit": TITLE_LENGTH},
            code="text_too_long",
        )
    return title


def check_winners_count(winners_count):
    if (
        isinstance(winners_count, bool)
        or not isinstance(winners_count, int)
        or not 1 <= winners_count <= MAX_WINNERS
    ):
        raise InvalidField(
            "winners_count",
            _("The number of winners is a whole number from 1 to %(max)s.")
            % {"max": MAX_WINNERS},
            code="winners_count_out_of_range",
        )


def commit_draw(showcase, *, actor, title, winners_count, question=None, now=None):
    """Commit a new draw of the gala: its seed stays secret, its hash is shown.

    ``question`` (optional) names the question whose correct answerers enter.
    Refused outside the gala stage, without a title, with a number of
    winners outside 1..``MAX_WINNERS`` or a question of another showcase
    (the field is named).

    A committed draw cannot be withdrawn or changed, since its hash is
    already public: a draw that turns out to have too few entrants stays
    listed as not drawn, and the organisers commit another one.
    """
    now = now or timezone.now()
    if not can(actor, "showcase.manage", showcase):
        raise NotAllowed()
    require_stage(
        showcase, Stage.GALA, now=now, message=DRAWS_IN_GALA % gala_span(showcase)
    )
    title = checked_draw_title(title)
    check_winners_count(winners_count)
    if question is not None and question.showcase_id != showcase.pk:
        raise QuestionOfAnotherShowcase()

    seed = secrets.token_hex(32)
    with transaction.atomic():
        draw = Draw.objects.create(
            showcase=showcase,
            question=question,
            title=title,
            winners_count=winners_count,
            seed=seed,
            seed_hash=sha256(seed),
            committed_at=now,
        )
        audit.record(
            "showcase.draw.commit",
            draw,
            actor=actor,
            after={"hash": draw.seed_hash, "question": draw.question_id},
        )
    return draw


def earlier_winners(showcase):
    """Everyone who has won a draw of ``showcase`` so far."""
    won = set()
    for winners in Draw.objects.filter(
        showcase=showcase, drawn_at__isnull=False
    ).values_list("winners", flat=True):
        won.update(winners)
    return won


def run_draw(draw, *, actor, now=None):
    """Freeze the entrants, reveal the seed, store the winners; once.

    The draws of a gala run one at a time (all its draws' rows are locked,
    in id order), so that each sees the winners of the draws before it and
    leaves them out. Refused, leaving the draw ready to run later, outside
    the gala stage and while fewer people may enter than the draw has
    winners.
    """
    now = now or timezone.now()
    if not can(actor, "showcase.manage", draw.showcase):
        raise NotAllowed()
    require_stage(
        draw.showcase,
        Stage.GALA,
        now=now,
        message=DRAWS_IN_GALA % gala_span(draw.showcase),
    )
    with transaction.atomic():
        list(
            Draw.objects.select_for_update()
            .filter(showcase_id=draw.showcase_id)
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        locked = Draw.objects.select_related("question").get(pk=draw.pk)
        if locked.drawn_at is not None:
            raise AlreadyDrawn()
        won = earlier_winners(locked.showcase_id)
        candidates = correct_answerers(locked.showcase_id, question=locked.question)
        entrants = [person for person in candidates if person not in won]
        if not entrants:
            raise NoEntrants()
        if len(entrants) < locked.winners_count:
            raise TooFewEntrants(len(entrants), locked.winners_count)

        locked.entrants = entrants
        locked.excluded = [person for person in candidates if person in won]
        locked.winners = winners_of(locked.seed, locked.entrants, locked.winners_count)
        locked.drawn_at = now
        locked.save(update_fields=["entrants", "excluded", "winners", "drawn_at"])
        audit.record(
            "showcase.draw.run",
            locked,
            actor=actor,
            after={
                "seed": locked.seed,
                "entrants": len(locked.entrants),
                "excluded": len(locked.excluded),
                "winners": ",".join(map(str, locked.winners)),
            },
        )
    return locked
