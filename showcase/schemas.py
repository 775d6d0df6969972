"""Input and output schemas of the showcase API."""

import datetime as dt
from decimal import Decimal
from typing import Annotated

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
    # Vetoed after publication: the place stays, the work is withdrawn.
    withdrawn: bool


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


class NewShowcaseIn(Schema):
    year: int
    title: str = Field(max_length=100)
    # Without a UTC offset, read as Asia/Shanghai time.
    collection_starts_at: dt.datetime


class ShowcaseSettingsIn(Schema):
    """The settings to change; those left out stay as they are."""

    title: str | None = Field(None, max_length=100)
    collection_starts_at: dt.datetime | None = None
    review_starts_at: dt.datetime | None = None
    voting_starts_at: dt.datetime | None = None
    voting_ends_at: dt.datetime | None = None
    gala_starts_at: dt.datetime | None = None
    ends_at: dt.datetime | None = None
    votes_per_day: int | None = None
    votes_per_work_per_day: int | None = None
    finalist_count: int | None = None
    published_count: int | None = None
    weight_creativity: (
        Annotated[Decimal, Field(max_digits=4, decimal_places=2)] | None
    ) = None
    weight_appeal: Annotated[Decimal, Field(max_digits=4, decimal_places=2)] | None = (
        None
    )
    weight_integration: (
        Annotated[Decimal, Field(max_digits=4, decimal_places=2)] | None
    ) = None
    ip_votes_per_minute: int | None = None
    device_votes_per_minute: int | None = None


class ShowcaseSettingsOut(Schema):
    id: int
    year: int
    title: str
    stage: str
    collection_starts_at: dt.datetime
    review_starts_at: dt.datetime
    voting_starts_at: dt.datetime
    voting_ends_at: dt.datetime
    gala_starts_at: dt.datetime
    ends_at: dt.datetime
    votes_per_day: int
    votes_per_work_per_day: int
    finalist_count: int
    published_count: int
    weight_creativity: Decimal
    weight_appeal: Decimal
    weight_integration: Decimal
    ip_votes_per_minute: int
    device_votes_per_minute: int
    # The settings that can no longer change.
    fixed: list[str]
