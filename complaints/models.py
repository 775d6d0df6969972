import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.uploads import GeneratedName
from complaints.enums import Category, Channel, Outcome, State


class DeadlinePolicy(models.Model):
    """One version of the deadlines of a category.

    A complaint keeps the version in force when it was received
    (``effective_from`` at or before its receipt), so changing a policy means
    adding a row with a later ``effective_from``, never editing an old one.
    """

    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    effective_from = models.DateTimeField(_("effective from"))
    response_cutoff = models.TimeField(
        _("first-response cut-off"),
        default=dt.time(17, 0),
        help_text=_("Received before this time on a working day: answer that day."),
    )
    resolution_days = models.PositiveSmallIntegerField(
        _("working days to resolve"), default=5
    )
    due_soon_hours = models.PositiveSmallIntegerField(
        _("due soon within hours"), default=4
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("deadline policy")
        verbose_name_plural = _("deadline policies")
        ordering = ["category", "-effective_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["category", "effective_from"],
                name="complaint_policy_unique_version",
            ),
            models.CheckConstraint(
                condition=models.Q(resolution_days__gte=1),
                name="complaint_policy_resolution_days_positive",
            ),
        ]

    def __str__(self):
        return f"{self.get_category_display()} {self.effective_from:%Y-%m-%d}"


class ServiceWeekWindow(models.Model):
    """Days on which every calendar day counts for complaint deadlines.

    The campaign's service week (物业服务周) is the first week of July; its
    dates are kept here, per year, so that a moved week is a data change.
    """

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        verbose_name = _("service week window")
        verbose_name_plural = _("service week windows")
        ordering = ["year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="complaint_window_ordered",
            )
        ]

    def __str__(self):
        return f"{self.starts_on:%Y-%m-%d}–{self.ends_on:%m-%d}"


class Complaint(models.Model):
    """A resident's complaint about the property service of an estate.

    ``service_week_order_id`` is the id of a service-week order
    (``serviceweek`` app) that the complaint is about; it is a plain id, not
    a foreign key, so that this app does not depend on that one. The order's
    own pages resolve and check it.
    """

    complainant = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("complainant"),
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints_entered",
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    estate = models.ForeignKey(
        "places.Estate",
        verbose_name=_("estate"),
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    description = models.TextField(_("description"), max_length=2000)
    service_week_order_id = models.PositiveBigIntegerField(
        _("service-week order"), null=True, blank=True
    )
    idempotency_key = models.CharField(
        _("idempotency key"), max_length=64, unique=True, null=True, blank=True
    )

    company = models.ForeignKey(
        "organizations.PropertyCompany",
        verbose_name=_("handled by company"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    subdistrict = models.ForeignKey(
        "places.Subdistrict",
        verbose_name=_("subdistrict"),
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.RECEIVED
    )
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=Outcome.choices, blank=True
    )
    duplicate_of = models.ForeignKey(
        "self",
        verbose_name=_("duplicate of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="duplicates",
    )

    policy = models.ForeignKey(
        DeadlinePolicy,
        verbose_name=_("deadline policy"),
        on_delete=models.PROTECT,
        related_name="complaints",
    )
    received_at = models.DateTimeField(_("received at"), db_index=True)
    first_response_due_at = models.DateTimeField(_("first response due"))
    resolution_due_at = models.DateTimeField(_("resolution due"))
    deadlines_provisional = models.BooleanField(
        _("provisional deadlines"), default=False
    )
    paused_at = models.DateTimeField(
        _("waiting on resident since"), null=True, blank=True
    )
    paused_total = models.DurationField(
        _("time waited on resident"), default=dt.timedelta
    )
    first_responded_at = models.DateTimeField(
        _("first responded at"), null=True, blank=True
    )
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    # Recorded once the clock stops, so later policy changes never rewrite them.
    response_on_time = models.BooleanField(_("answered on time"), null=True)
    resolution_on_time = models.BooleanField(_("resolved on time"), null=True)

    class Meta:
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        ordering = ["-received_at", "-id"]
        indexes = [
            models.Index(fields=["complainant", "estate", "received_at"]),
            models.Index(fields=["state", "first_response_due_at"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(state="closed") | ~models.Q(outcome=""),
                name="complaint_closed_has_outcome",
            ),
            models.CheckConstraint(
                condition=~models.Q(outcome="duplicate")
                | models.Q(duplicate_of__isnull=False),
                name="complaint_duplicate_names_original",
            ),
        ]

    def __str__(self):
        return f"#{self.pk} {self.estate} {self.get_category_display()}"

    @property
    def is_paused(self):
        return self.paused_at is not None

    @property
    def counts_as_resolved(self):
        return self.state == State.CLOSED and self.outcome == Outcome.CONFIRMED


class ComplaintPhoto(models.Model):
    complaint = models.ForeignKey(
        Complaint,
        verbose_name=_("complaint"),
        on_delete=models.CASCADE,
        related_name="photos",
    )
    file = models.ImageField(_("photo"), upload_to=GeneratedName("complaints/photos"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("complaint photo")
        verbose_name_plural = _("complaint photos")

    def __str__(self):
        return f"{self.complaint_id}/{self.pk}"


class ComplaintNote(models.Model):
    """A message on a complaint: a response, a resident's addition, a reason."""

    class Kind(models.TextChoices):
        RESPONSE = "response", _("response")
        RESIDENT = "resident", _("resident's addition")
        RESOLUTION = "resolution", _("resolution")
        REOPEN = "reopen", _("reopening reason")
        CLOSE = "close", _("closing reason")

    complaint = models.ForeignKey(
        Complaint,
        verbose_name=_("complaint"),
        on_delete=models.CASCADE,
        related_name="notes",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    text = models.TextField(_("text"), max_length=2000)
    at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("complaint note")
        verbose_name_plural = _("complaint notes")
        ordering = ["at", "id"]

    def __str__(self):
        return f"{self.complaint_id} {self.kind}"


class ComplaintRating(models.Model):
    """The resident's one rating of how a closed complaint was handled."""

    complaint = models.OneToOneField(
        Complaint,
        verbose_name=_("complaint"),
        on_delete=models.CASCADE,
        related_name="rating",
    )
    score = models.PositiveSmallIntegerField(_("score"))
    comment = models.CharField(_("comment"), max_length=500, blank=True)
    at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("complaint rating")
        verbose_name_plural = _("complaint ratings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=5),
                name="complaint_rating_score_range",
            )
        ]

    def __str__(self):
        return f"{self.complaint_id}: {self.score}"


class DailySummary(models.Model):
    """The 17:00 figures of one day and one place, as the job produced them."""

    class PlaceKind(models.TextChoices):
        CITY = "city", _("city")
        DISTRICT = "district", _("district")
        SUBDISTRICT = "subdistrict", _("subdistrict")
        COMPANY = "company", _("property company")

    day = models.DateField(_("day"))
    place_kind = models.CharField(
        _("place kind"), max_length=12, choices=PlaceKind.choices
    )
    place_id = models.PositiveBigIntegerField(_("place id"), default=0)
    as_of = models.DateTimeField(_("as of"))
    figures = models.JSONField(_("figures"))
    produced_at = models.DateTimeField(_("produced at"), auto_now_add=True)

    class Meta:
        verbose_name = _("daily complaint summary")
        verbose_name_plural = _("daily complaint summaries")
        constraints = [
            models.UniqueConstraint(
                fields=["day", "place_kind", "place_id"],
                name="complaint_summary_unique_day_place",
            )
        ]

    def __str__(self):
        return f"{self.day} {self.place_kind} {self.place_id}"
