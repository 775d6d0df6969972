"""Input and output schemas of the showcase API."""

import datetime as dt

from ninja import Schema
from pydantic import Field

from showcase.enums import Direction, WorkKind
from showcase.forms import AUTHORS_MAX, TEXT_MAX, TITLE_MAX


def _documented(default=..., **rules):
    # The rules are shown in the schema and checked by ``WorkFieldsForm``, as
    # on the page, so that both refuse the same input with the same messages.
    return Field(default, json_schema_extra=rules)


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
    """A work's fields, checked as the page form checks them: all required,
    no control characters, line breaks only in ``description`` and ``story``."""

    title: str = _documented(maxLength=TITLE_MAX)
    kind: str = _documented(enum=list(WorkKind.values))
    direction: str = _documented(enum=list(Direction.values))
    authors: str = _documented(maxLength=AUTHORS_MAX)
    description: str = _documented(maxLength=TEXT_MAX)
    story: str = _documented(maxLength=TEXT_MAX)


class WorkChangesIn(Schema):
    """The fields to change of a draft; those left out (or null) stay. The
    result is checked as a whole, as the page form checks it."""

    title: str | None = _documented(None, maxLength=TITLE_MAX)
    kind: str | None = _documented(None, enum=list(WorkKind.values))
    direction: str | None = _documented(None, enum=list(Direction.values))
    authors: str | None = _documented(None, maxLength=AUTHORS_MAX)
    description: str | None = _documented(None, maxLength=TEXT_MAX)
    story: str | None = _documented(None, maxLength=TEXT_MAX)


class MediaOut(Schema):
    id: int
    kind: str
    codec: str
    size: int
    duration_seconds: float | None
    url: str


class ReviewItemOut(Schema):
    """A work waiting for review, with what the reviewer judges it by."""

    id: int
    title: str
    kind: str
    direction: str
    authors: str
    description: str
    story: str
    poster_url: str | None
    media: list[MediaOut]
    submitted_at: dt.datetime | None
    due_at: dt.datetime | None
    deadline: str


class HistoryStepOut(Schema):
    at: dt.datetime
    action: str
    label: str
    reason: str


class MyWorkOut(Schema):
    """One of the caller's own works, as the my-works page shows it."""

    id: int
    title: str
    kind: str
    direction: str
    authors: str
    description: str
    story: str
    state: str
    decision_reason: str
    submitted_at: dt.datetime | None
    poster_url: str | None
    media: list[MediaOut]
    history: list[HistoryStepOut]


class SubmitIn(Schema):
    pledge_accepted: bool


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
    choice: int


class DrawOut(Schema):
    id: int
    title: str
    seed_hash: str
    seed: str | None
    entrants: list[int]
    winners: list[int]
