"""The showcase's choices and the works' transition table."""

from django.db import models
from django.utils.translation import pgettext_lazy


class Stage(models.TextChoices):
    """The dated stages of a showcase, in order; derived from its dates."""

    NOT_STARTED = "not_started", pgettext_lazy("showcase stage", "not started")
    COLLECTION = "collection", pgettext_lazy("showcase stage", "story collection")
    REVIEW = "review", pgettext_lazy("showcase stage", "review")
    VOTING = "voting", pgettext_lazy("showcase stage", "public voting")
    EXPERT_REVIEW = (
        "expert_review",
        pgettext_lazy("showcase stage", "expert review and broadcast"),
    )
    GALA = "gala", pgettext_lazy("showcase stage", "gala")
    FINISHED = "finished", pgettext_lazy("showcase stage", "finished")


class WorkState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("work state", "draft")
    SUBMITTED = "submitted", pgettext_lazy("work state", "submitted")
    APPROVED = "approved", pgettext_lazy("work state", "approved")
    REJECTED = "rejected", pgettext_lazy("work state", "rejected")
    VETOED = "vetoed", pgettext_lazy("work state", "vetoed")


# A rejected work may be reworked as a draft while collection is on; a veto
# (一票否决, infringement) is final, also after approval.
WORK_TRANSITIONS = {
    WorkState.DRAFT: {WorkState.SUBMITTED},
    WorkState.SUBMITTED: {WorkState.APPROVED, WorkState.REJECTED, WorkState.VETOED},
    WorkState.APPROVED: {WorkState.VETOED},
    WorkState.REJECTED: {WorkState.DRAFT},
    WorkState.VETOED: set(),
}


class WorkKind(models.TextChoices):
    SHORT_VIDEO = "short_video", pgettext_lazy("work kind", "short video")
    SITCOM = "sitcom", pgettext_lazy("work kind", "sitcom")
    SHORT_DRAMA = "short_drama", pgettext_lazy("work kind", "short drama")
    PHOTOGRAPHY = "photography", pgettext_lazy("work kind", "photography")
    ANIMATION = "animation", pgettext_lazy("work kind", "animation")
    SKETCH = "sketch", pgettext_lazy("work kind", "sketch")
    POETRY_RECITAL = "poetry_recital", pgettext_lazy("work kind", "poetry recital")


class Direction(models.TextChoices):
    """The plan's three content directions."""

    WARM_SERVICE = (
        "warm_service",
        pgettext_lazy("content direction", "warm moments of property service"),
    )
    PARTY_INNOVATION = (
        "party_innovation",
        pgettext_lazy("content direction", "innovative party-building cases"),
    )
    COMMUNITY_STORIES = (
        "community_stories",
        pgettext_lazy("content direction", "moving stories of community co-building"),
    )
