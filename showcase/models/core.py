from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from common.uploads import GeneratedName
from showcase.enums import Direction, WorkKind, WorkState

# The highest daily quota the schema allows; a showcase's own quota is at most
# this, so that a vote's slot number always fits the check constraint.
MAX_VOTES_PER_DAY = 20


class Showcase(models.Model):
    """One year's achievement showcase (成果展演) and its dated stages.

    The stage is derived from the dates (see ``showcase.stages``); the voting
    rules (``votes_per_day``, ``votes_per_work_per_day``) can be changed only
    before voting opens. ``tally_frozen_at`` is set once, when voting is
    closed and the finalists are drawn; no vote is accepted after it.
    """

    year = models.PositiveIntegerField(_("year"), unique=True)
    title = models.CharField(_("title"), max_length=100)
    collection_starts_at = models.DateTimeField(_("story collection starts"))
    review_starts_at = models.DateTimeField(_("review starts"))
    voting_starts_at = models.DateTimeField(_("voting opens"))
    voting_ends_at = models.DateTimeField(_("voting closes"))
    gala_starts_at = models.DateTimeField(_("gala starts"))
    ends_at = models.DateTimeField(_("showcase ends"))
    votes_per_day = models.PositiveSmallIntegerField(_("votes per day"), default=3)
    votes_per_work_per_day = models.PositiveSmallIntegerField(
        _("votes per work per day"), default=1
    )
    finalist_count = models.PositiveSmallIntegerField(
        _("finalists by votes"), default=50
    )
    published_count = models.PositiveSmallIntegerField(_("works published"), default=20)
    weight_creativity = models.DecimalField(
        _("weight of creativity"), max_digits=4, decimal_places=2, default=1
    )
    weight_appeal = models.DecimalField(
        _("weight of appeal"), max_digits=4, decimal_places=2, default=1
    )
    weight_integration = models.DecimalField(
        _("weight of party-building integration"),
        max_digits=4,
        decimal_places=2,
        default=1,
    )
    ip_votes_per_minute = models.PositiveIntegerField(
        _("votes per minute from one IP address"), default=120
    )
    device_votes_per_minute = models.PositiveIntegerField(
        _("votes per minute from one device"), default=10
    )
    tally_frozen_at = models.DateTimeField(_("tally frozen at"), null=True, blank=True)
    results_published_at = models.DateTimeField(
        _("results published at"), null=True, blank=True
    )
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("achievement showcase")
        verbose_name_plural = _("achievement showcases")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(review_starts_at__gte=F("collection_starts_at"))
                & Q(voting_starts_at__gte=F("review_starts_at"))
                & Q(voting_ends_at__gt=F("voting_starts_at"))
                & Q(gala_starts_at__gte=F("voting_ends_at"))
                & Q(ends_at__gte=F("gala_starts_at")),
                name="showcase_stages_in_order",
            ),
            models.CheckConstraint(
                condition=Q(votes_per_day__gte=1)
                & Q(votes_per_day__lte=MAX_VOTES_PER_DAY)
                & Q(votes_per_work_per_day__gte=1)
                & Q(votes_per_work_per_day__lte=F("votes_per_day")),
                name="showcase_vote_rules_in_range",
            ),
        ]

    def __str__(self):
        return self.title


class Work(models.Model):
    """A work entered in a showcase (作品).

    ``vote_count`` is the tally: it is changed only in the transaction that
    stores or invalidates a vote, and always equals the number of the work's
    valid votes (tests and the benchmark check it).
    """

    showcase = models.ForeignKey(
        Showcase,
        verbose_name=_("showcase"),
        on_delete=models.PROTECT,
        related_name="works",
    )
    title = models.CharField(_("title"), max_length=100)
    kind = models.CharField(_("type"), max_length=20, choices=WorkKind.choices)
    direction = models.CharField(
        _("content direction"), max_length=30, choices=Direction.choices
    )
    description = models.TextField(_("description of the work"), blank=True)
    story = models.TextField(_("creation story"), blank=True)
    authors = models.CharField(_("authors"), max_length=200)
    company = models.ForeignKey(
        "organizations.PropertyCompany",
        verbose_name=_("property company"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="showcase_works",
    )
    submitter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        related_name="showcase_works",
    )
    state = models.CharField(
        _("state"), max_length=20, choices=WorkState.choices, default=WorkState.DRAFT
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    decision_reason = models.TextField(_("reason"), blank=True)
    vote_count = models.PositiveIntegerField(_("votes"), default=0)
    poster = models.ImageField(
        _("poster"), upload_to=GeneratedName("showcase/posters"), blank=True
    )
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("work")
        verbose_name_plural = _("works")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["showcase", "state"])]

    def __str__(self):
        return self.title


class Vote(models.Model):
    """One public vote (投票).

    The database carries the quota: ``slot`` numbers a voter's votes of one
    day in one showcase (1..votes_per_day) and is unique per (showcase,
    voter, day); ``work_slot`` numbers their votes for one work that day
    (1..votes_per_work_per_day) and is unique per (showcase, voter, work,
    day). A vote is never deleted: fraud or a veto sets ``invalidated_at``
    and the reason, which drops it from the tally but keeps its slot.
    """

    # No index of their own: the quota's unique constraints and the indexes
    # below begin with these columns, and every vote writes each index.
    showcase = models.ForeignKey(
        Showcase, verbose_name=_("showcase"), on_delete=models.PROTECT, db_index=False
    )
    work = models.ForeignKey(
        Work,
        verbose_name=_("work"),
        on_delete=models.PROTECT,
        related_name="votes",
        db_index=False,
    )
    voter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("voter"),
        on_delete=models.PROTECT,
        related_name="showcase_votes",
    )
    day = models.DateField(_("day (Asia/Shanghai)"))
    slot = models.PositiveSmallIntegerField(_("vote of the day"))
    work_slot = models.PositiveSmallIntegerField(_("vote for this work that day"))
    cast_at = models.DateTimeField(_("cast at"))
    idempotency_key = models.CharField(
        _("idempotency key"), max_length=64, null=True, blank=True
    )
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    device = models.CharField(_("device"), max_length=64, blank=True)
    invalidated_at = models.DateTimeField(_("invalidated at"), null=True, blank=True)
    invalid_reason = models.CharField(_("reason invalid"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["-cast_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["showcase", "voter", "day", "slot"],
                name="vote_one_per_daily_slot",
            ),
            models.UniqueConstraint(
                fields=["showcase", "voter", "work", "day", "work_slot"],
                name="vote_one_per_work_slot",
            ),
            models.UniqueConstraint(
                fields=["voter", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="vote_idempotency_key_once",
            ),
            models.CheckConstraint(
                condition=Q(slot__gte=1)
                & Q(slot__lte=MAX_VOTES_PER_DAY)
                & Q(work_slot__gte=1)
                & Q(work_slot__lte=MAX_VOTES_PER_DAY),
                name="vote_slot_in_range",
            ),
        ]
        indexes = [
            models.Index(fields=["work", "invalidated_at"]),
            models.Index(fields=["showcase", "cast_at"]),
        ]

    def __str__(self):
        return f"{self.voter_id} → {self.work_id} {self.day} #{self.slot}"


class Finalist(models.Model):
    """A work that advanced to the expert stage, with its tally frozen at close."""

    showcase = models.ForeignKey(
        Showcase,
        verbose_name=_("showcase"),
        on_delete=models.PROTECT,
        related_name="finalists",
    )
    work = models.OneToOneField(
        Work, verbose_name=_("work"), on_delete=models.PROTECT, related_name="finalist"
    )
    votes = models.PositiveIntegerField(_("votes at close"))
    vote_rank = models.PositiveIntegerField(_("rank by votes"))
    scores_confirmed_at = models.DateTimeField(
        _("scores confirmed by the chair"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("finalist")
        verbose_name_plural = _("finalists")
        ordering = ["vote_rank", "work__approved_at", "work_id"]

    def __str__(self):
        return str(self.work)


class ExpertScore(models.Model):
    """One expert's scores of one finalist, 0–100 in each dimension."""

    finalist = models.ForeignKey(
        Finalist,
        verbose_name=_("finalist"),
        on_delete=models.CASCADE,
        related_name="scores",
    )
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("expert"),
        on_delete=models.PROTECT,
        related_name="showcase_scores",
    )
    creativity = models.DecimalField(_("creativity"), max_digits=5, decimal_places=2)
    appeal = models.DecimalField(_("appeal"), max_digits=5, decimal_places=2)
    integration = models.DecimalField(
        _("party-building integration"), max_digits=5, decimal_places=2
    )
    scored_at = models.DateTimeField(_("scored at"))

    class Meta:
        verbose_name = _("expert score")
        verbose_name_plural = _("expert scores")
        constraints = [
            models.UniqueConstraint(
                fields=["finalist", "expert"], name="expert_scores_once"
            ),
            models.CheckConstraint(
                condition=Q(creativity__gte=0)
                & Q(creativity__lte=100)
                & Q(appeal__gte=0)
                & Q(appeal__lte=100)
                & Q(integration__gte=0)
                & Q(integration__lte=100),
                name="expert_score_in_range",
            ),
        ]

    def __str__(self):
        return f"{self.expert} {self.finalist}"


class Pledge(models.Model):
    """The originality pledge (原创性承诺书) signed when a work is submitted."""

    work = models.ForeignKey(
        Work, verbose_name=_("work"), on_delete=models.CASCADE, related_name="pledges"
    )
    text_version = models.CharField(_("pledge text version"), max_length=20)
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("signed by"), on_delete=models.PROTECT
    )
    signed_at = models.DateTimeField(_("signed at"))
    ip = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    class Meta:
        verbose_name = _("originality pledge")
        verbose_name_plural = _("originality pledges")

    def __str__(self):
        return f"{self.work} {self.text_version}"


class WorkMedia(models.Model):
    """A media file of a work, checked on upload (see ``showcase.media``)."""

    class Kind(models.TextChoices):
        VIDEO = "video", _("video")
        IMAGE = "image", _("image")

    work = models.ForeignKey(
        Work, verbose_name=_("work"), on_delete=models.CASCADE, related_name="media"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    file = models.FileField(_("file"), upload_to=GeneratedName("showcase/media"))
    size = models.PositiveBigIntegerField(_("size in bytes"))
    duration_seconds = models.DecimalField(
        _("duration in seconds"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    codec = models.CharField(_("codec or format"), max_length=30, blank=True)
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("media file")
        verbose_name_plural = _("media files")

    def __str__(self):
        return f"{self.work} {self.kind}"


class PublishedResult(models.Model):
    """One place of the published TOP list, with the figures as published.

    Written once when the results are published, so the public page shows
    what was announced whatever happens afterwards; a work vetoed later keeps
    its place, marked withdrawn, and nothing is re-ranked.
    """

    showcase = models.ForeignKey(
        Showcase,
        verbose_name=_("showcase"),
        on_delete=models.CASCADE,
        related_name="published_results",
    )
    work = models.ForeignKey(
        Work, verbose_name=_("work"), on_delete=models.PROTECT, related_name="+"
    )
    rank = models.PositiveSmallIntegerField(_("final rank"))
    votes = models.PositiveIntegerField(_("votes"))
    public_score = models.DecimalField(
        _("public score"), max_digits=5, decimal_places=2
    )
    expert_score = models.DecimalField(
        _("expert score"), max_digits=5, decimal_places=2
    )
    final_score = models.DecimalField(_("final score"), max_digits=5, decimal_places=2)

    class Meta:
        verbose_name = _("published result")
        verbose_name_plural = _("published results")
        ordering = ["showcase", "rank"]
        constraints = [
            models.UniqueConstraint(
                fields=["showcase", "rank"], name="published_result_rank_once"
            ),
            models.UniqueConstraint(
                fields=["showcase", "work"], name="published_result_work_once"
            ),
        ]

    def __str__(self):
        return f"{self.showcase} {self.rank}"
