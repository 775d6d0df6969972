"""Input and output schemas of the showcase API."""

import datetime as dt

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


class ScoreIn(Schema):
    creativity: float
    appeal: float
    integration: float


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
    choice: int = Field(description="The chosen choice's place, counted from 0.")


class QuestionOut(Schema):
    id: int
    text: str
    choices: list[str]


class QuestionIn(Schema):
    text: str
    choices: list[str] = Field(description="2 to 8 choices, each different.")
    correct_choice: int = Field(
        description="The correct choice's place in ``choices``, counted from 0."
    )


class QuestionAdminOut(QuestionOut):
    correct_choice: int
    is_open: bool
    answer_count: int
    correct_count: int


class DrawIn(Schema):
    title: str
    winners_count: int = Field(description="1 to 100.")
    question_id: int | None = Field(
        None,
        description="Whose correct answerers enter; without it, everyone who "
        "answered any question of the gala correctly.",
    )


class EntrantOut(Schema):
    number: int = Field(description="The entrant number the draw's tickets use.")
    name: str = Field(description="Masked name and last digits of the mobile.")


class RankedEntrantOut(EntrantOut):
    place: int
    ticket: str = Field(description='SHA-256 (hex) of "<seed>:<number>".')
    won: bool


class DrawOut(Schema):
    id: int
    title: str
    question_id: int | None
    condition: str = Field(description="Who enters, in words.")
    winners_count: int
    seed_hash: str
    committed_at: dt.datetime
    drawn_at: dt.datetime | None
    seed: str | None = Field(description="Revealed at the draw.")
    entrants_count: int
    excluded_count: int
    winners: list[EntrantOut]


class DrawProofOut(DrawOut):
    """A draw's public record: everything needed to recompute its winners."""

    algorithm: str
    entrants: list[RankedEntrantOut] = Field(description="In the draw's order.")
    excluded: list[EntrantOut] = Field(
        description="Winners of earlier draws of the gala, left out."
    )


class StoryWorkOut(Schema):
    id: int
    place: int = Field(description="Its place in the collection's order.")
    title: str
    authors: str
    company: str | None
