"""The showcase's refusals: each has its own code and message."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from common.errors import Conflict, DomainError, NotAllowed


class StageNotOpen(Conflict):
    code = "stage_not_open"
    default_message = _("This is not possible at the current stage of the showcase.")


class CollectionClosed(StageNotOpen):
    code = "collection_closed"
    default_message = _(
        "Works can be entered, changed, submitted or deleted only while stories "
        "are being collected."
    )


class VotingNotOpen(StageNotOpen):
    code = "voting_not_open"
    default_message = _("Voting has not opened yet.")


class VotingClosed(StageNotOpen):
    code = "voting_closed"
    default_message = _("Voting has closed.")


class QuotaUsed(Conflict):
    code = "vote_quota_used"

    def __init__(self, quota):
        super().__init__(
            _("You have used all %(quota)s of your votes today; come back tomorrow.")
            % {"quota": quota}
        )


class AlreadyVotedForWork(Conflict):
    code = "already_voted_for_work"
    default_message = _("You have already voted for this work today.")


class WorkNotVotable(Conflict):
    code = "work_not_votable"
    default_message = _("This work is not open for votes.")


class NotVerified(NotAllowed):
    code = "voter_not_verified"
    default_message = _(
        "Only people with a verified mobile number can vote; please verify yours."
    )


class IdempotencyKeyReused(Conflict):
    code = "idempotency_key_reused"
    default_message = _("This request key was already used for another vote.")


class IdempotencyKeyTooLong(DomainError):
    code = "invalid_input"
    status = 422

    def __init__(self, limit):
        super().__init__(
            _("Some of the input is not valid."),
            fields={
                "idempotency_key": [
                    _("Enter at most %(limit)s characters.") % {"limit": limit}
                ]
            },
        )


class RulesLocked(Conflict):
    code = "vote_rules_locked"
    default_message = _("The voting rules cannot be changed once voting has opened.")


class ReasonRequired(DomainError):
    code = "reason_required"
    default_message = _("Please give a reason.")


class RulesOutOfRange(DomainError):
    code = "vote_rules_out_of_range"
    default_message = _(
        "Votes per work per day must be at least 1 and at most the votes per day "
        "(at most 20)."
    )


class InvalidWork(DomainError):
    """A work's fields refused by ``forms.WorkFieldsForm``; ``fields`` names each."""

    code = "invalid_input"
    status = 422
    default_message = _("Some of the input is not valid.")


class MediaRequired(Conflict):
    code = "media_required"
    default_message = _(
        "Upload at least one media file of the work (a video or a picture) "
        "before submitting it."
    )


class WorkNotEditable(Conflict):
    code = "work_not_editable"

    def __init__(self, work):
        super().__init__(
            _("Only a draft can be changed or deleted; this work is %(state)s.")
            % {"state": work.get_state_display()}
        )


class MediaMismatch(Conflict):
    code = "media_mismatch"
    default_message = _(
        "The files attached do not suit this type of work (a photo work holds "
        "pictures, the others videos within their length); remove them first."
    )

    def __init__(self, message=None):
        super().__init__(message, fields={"kind": [self.default_message]})


class PledgeRequired(DomainError):
    code = "pledge_required"
    default_message = _("Please sign the originality pledge to submit the work.")


def _conflict(name, code, message):
    return type(name, (Conflict,), {"code": code, "default_message": message})


AlreadyClosed = _conflict(
    "AlreadyClosed", "voting_already_closed", _("Voting was already closed.")
)


class VotingStillOpen(Conflict):
    code = "voting_still_open"

    def __init__(self, ends_at):
        ends = timezone.localtime(ends_at).strftime("%Y-%m-%d %H:%M")
        super().__init__(
            _("Voting runs until %(ends)s; it can be closed after that.")
            % {"ends": ends}
        )


ResultsNotReady = _conflict(
    "ResultsNotReady",
    "results_not_ready",
    _("Results can be published once voting has closed and the finalists are known."),
)
ScoreOutOfRange = _conflict(
    "ScoreOutOfRange", "score_out_of_range", _("Each score is from 0 to 100.")
)
AlreadyScored = _conflict(
    "AlreadyScored", "already_scored", _("You have already scored this work.")
)
ScoresUnconfirmed = _conflict(
    "ScoresUnconfirmed",
    "scores_unconfirmed",
    _("Some works with a large spread of scores still await the chair's check."),
)
NotFlagged = _conflict(
    "NotFlagged",
    "scores_not_flagged",
    _("The experts' scores of this work are not far apart; they need no confirmation."),
)
WorkWithdrawn = _conflict(
    "WorkWithdrawn",
    "work_withdrawn",
    _("This work was vetoed and is no longer judged."),
)
AlreadyPublished = _conflict(
    "AlreadyPublished", "results_already_published", _("The results are published.")
)
ResultsPublished = _conflict(
    "ResultsPublished",
    "results_published",
    _("The results are published; their figures can no longer change."),
)


class ScoresMissing(Conflict):
    code = "scores_missing"

    def __init__(self, count):
        super().__init__(
            ngettext(
                "%(count)s finalist has no expert score yet; the results can be "
                "published once every finalist is scored.",
                "%(count)s finalists have no expert score yet; the results can be "
                "published once every finalist is scored.",
                count,
            )
            % {"count": count}
        )


QuestionClosed = _conflict(
    "QuestionClosed", "question_closed", _("This question is not open for answers.")
)
AlreadyAnswered = _conflict(
    "AlreadyAnswered", "already_answered", _("You have already answered this question.")
)
AlreadyDrawn = _conflict(
    "AlreadyDrawn", "already_drawn", _("This draw has already taken place.")
)


class SetupRefused(DomainError):
    """A showcase's settings refused, with the reason at each field."""

    code = "invalid_input"
    status = 422
    default_message = _("Please check the marked entries.")

    REQUIRED = _("This field is required.")
    YEAR_RANGE = _("Enter a year from 2000 to 2100.")
    YEAR_TAKEN = _("There is already a showcase for this year.")
    IN_THE_PAST = _("Choose a time later than now.")
    DATE_PASSED = _("This time has passed; the stage it began cannot be moved.")
    OUT_OF_ORDER = _("A stage cannot begin before the one before it.")
    RULES_LOCKED = _("The voting rules cannot be changed once voting has opened.")
    VOTES_PER_DAY = _("Enter from 1 to 20 votes per day.")
    VOTES_PER_WORK = _("Enter at least 1 and at most the votes per day.")
    AFTER_CLOSE = _("Voting has closed and the finalists are drawn.")
    AFTER_PUBLISHING = _(
        "The results are published; their figures can no longer change."
    )
    FINALISTS = _("Enter a number from 1 to 500.")
    WEIGHT = _("Enter a weight from 0 to 99.99.")
    WEIGHTS_ZERO = _("At least one weight must be above 0.")
    LIMIT = _("Enter a number from 1 to 1000000.")
    TOO_LATE = _("Choose a time before the end of 2100.")
    OVERLAP = _(
        "The %(year)s showcase runs from %(starts)s to %(ends)s; showcases "
        "cannot overlap."
    )

    def __init__(self, problems):
        super().__init__(fields={name: [message] for name, message in problems.items()})


class InvalidField(DomainError):
    """A value a rule refuses; the field it came in is named."""

    status = 422

    def __init__(self, field, message, *, code):
        super().__init__(message, code=code, fields={field: [message]})


class AnswerOutOfRange(InvalidField):
    def __init__(self):
        super().__init__(
            "choice",
            _("Please pick one of the question's choices."),
            code="answer_out_of_range",
        )


class QuestionOfAnotherShowcase(InvalidField):
    def __init__(self, field="question"):
        super().__init__(
            field,
            _("The question must be one of this gala's."),
            code="question_of_another_showcase",
        )


QuestionAnswered = _conflict(
    "QuestionAnswered",
    "question_answered",
    _("Somebody has answered this question already, so it can no longer change."),
)


class NoEntrants(Conflict):
    code = "draw_without_entrants"
    default_message = _(
        "Nobody may enter this draw yet; it stays ready to be drawn later."
    )


class TooFewEntrants(Conflict):
    code = "draw_too_few_entrants"

    def __init__(self, entrants, winners):
        super().__init__(
            _(
                "Only %(entrants)s people may enter this draw, fewer than its "
                "%(winners)s winners. The draw stays ready: wait for more entrants, "
                "or commit a new draw with fewer winners."
            )
            % {"entrants": entrants, "winners": winners}
        )
