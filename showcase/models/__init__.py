"""The showcase's models: the contest (``core``) and the gala (``gala``)."""

from showcase.models.core import (
    MAX_VOTES_PER_DAY,
    ExpertScore,
    Finalist,
    Pledge,
    PublishedResult,
    Showcase,
    Vote,
    Work,
    WorkMedia,
)
from showcase.models.gala import Draw, QuizAnswer, QuizQuestion
from showcase.models.limits import VoteRequestCount

__all__ = [
    "MAX_VOTES_PER_DAY",
    "Draw",
    "ExpertScore",
    "Finalist",
    "Pledge",
    "PublishedResult",
    "QuizAnswer",
    "QuizQuestion",
    "Showcase",
    "Vote",
    "VoteRequestCount",
    "Work",
    "WorkMedia",
]
