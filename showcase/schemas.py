"""Input and output schemas of the showcase API."""

import datetime as dt
from decimal import Decimal
from typing import Annotated

from ninja import Schema
from pydantic import Field


class PingOut(Schema):
    ok: bool


class ShowcaseOut(Schema):
    id: int
    year: int
    title: str
    stage: str
    voting_starts_at: dt.datetime
    voting_ends_at: dt.datetime
    votes_per_day: int
    votes_per_work_per_day: int


class WorkOut(Schema):
    id: int
    title: str
    kind: str
    direction: str
    authors: str
    company: str | None
    description: str
    story: str
    state: str
    votes: int


class RankOut(Schema):
    rank: int
    work_id: int
    title: str
    votes: int


class VoteIn(Schema):
    idempotency_key: str | None = None


class VoteOut(Schema):
    vote_id: int
    work_id: int
    votes: int
    remaining_today: int
    replayed: bool


class RemainingOut(Schema):
    remaining_today: int
    votes_per_day: int


class ReasonIn(Schema):
    reason: str


class StateOut(Schema):
    id: int
    state: str


class WorkIn(Schema):
    title: str
    kind: str
    direction: str
    authors: str
    description: str = ""
    story: str = ""


class SubmitIn(Schema):
    pledge_accepted: bool


class ReviewItemOut(Schema):
    id: int
    title: str
    submitted_at: dt.datetime | None
    due_at: dt.datetime | None
    deadline: str


class InvalidateIn(Schema):
    vote_ids: list[int]
    reason: str


class CountOut(Schema):
    count: int


# A score as the page's form takes it: 0 to 100, at most two decimals, and
# never NaN or infinite.
Score = Annotated[Decimal, Field(ge=0, le=100, max_digits=5, decimal_places=2)]


class ScoreIn(Schema):
    creativity: Score
    appeal: Score
    integration: Score


class MyScoreOut(Schema):
    creativity: str
    appeal: str
    integration: str


class FinalistToScoreOut(Schema):
    finalist_id: int
    work_id: int
    title: str
    kind: str
    authors: str
    # The expert's own scores once given; nobody else's are shown.
    my_scores: MyScoreOut | None


class FlaggedOut(Schema):
    finalist_id: int
    work_id: int
    title: str
    expert_totals: list[str]
    confirmed: bool


class TopOut(Schema):
    rank: int
    work_id: int
    title: str
    company: str
    votes: int
    public_score: str
    expert_score: str
    final_score: str


class ResultOut(Schema):
    rank: int
    work_id: int
    title: str
    votes: int
    public_score: str
    expert_scores: list[str]
    expert_score: str
    final_score: str


class AnswerIn(Schema):
    choice: int


class DrawOut(Schema):
    id: int
    title: str
    seed_hash: str
    seed: str | None
    entrants: list[int]
    winners: list[int]
