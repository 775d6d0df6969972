from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from serviceweek.enums import OrderState, Unit

CENT = Decimal("0.01")


class Team(models.Model):
    """A partner's delivering team; its workers are partner staff."""

    partner = models.ForeignKey(
        "organizations.Partner",
        verbose_name=_("partner firm"),
        on_delete=models.CASCADE,
        related_name="serviceweek_teams",
    )
    name = models.CharField(_("name"), max_length=80)
    slot_capacity = models.PositiveIntegerField(
        _("capacity per slot"),
        null=True,
        blank=True,
        help_text=_(
            "How many orders the team takes in one time window, over all its "
            "packages; a new slot's own capacity when left empty."
        ),
    )
    workers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("workers"),
        blank=True,
        related_name="serviceweek_teams",
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "name"], name="serviceweek_team_unique"
            )
        ]

    def __str__(self):
        return self.name


class Package(models.Model):
    """A service package (服务包) a partner publishes, with its 红色优惠价."""

    partner = models.ForeignKey(
        "organizations.Partner",
        verbose_name=_("partner firm"),
        on_delete=models.CASCADE,
        related_name="serviceweek_packages",
    )
    theme_day = models.ForeignKey(
        "serviceweek.ThemeDay",
        verbose_name=_("theme day"),
        on_delete=models.PROTECT,
        related_name="packages",
    )
    team = models.ForeignKey(
        Team, verbose_name=_("team"), on_delete=models.PROTECT, related_name="packages"
    )
    service_item = models.CharField(_("service item"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(_("charging unit"), max_length=10, choices=Unit.choices)
    list_price = models.DecimalField(_("list price"), max_digits=9, decimal_places=2)
    red_price = models.DecimalField(
        _("red discount price"), max_digits=9, decimal_places=2
    )
    free_quota = models.PositiveSmallIntegerField(
        _("free orders per household"),
        null=True,
        blank=True,
        help_text=_("For a free service: how many orders one household may place."),
    )
    districts = models.ManyToManyField(
        "places.District", verbose_name=_("districts served"), blank=True
    )
    estates = models.ManyToManyField(
        "places.Estate", verbose_name=_("estates served"), blank=True
    )
    is_published = models.BooleanField(_("published"), default=True)
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("service package")
        verbose_name_plural = _("service packages")
        ordering = ["theme_day__date", "service_item"]
        constraints = [
            models.CheckConstraint(
                condition=Q(red_price__lte=F("list_price")),
                name="serviceweek_red_price_not_above_list",
            ),
            models.CheckConstraint(
                condition=Q(red_price__gte=0), name="serviceweek_red_price_positive"
            ),
        ]

    def __str__(self):
        return self.service_item

    @property
    def is_free(self):
        return self.red_price == 0

    @property
    def discount(self):
        return self.list_price - self.red_price


class TeamShift(models.Model):
    """A team's capacity in one time window, shared by all its packages' slots."""

    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="shifts")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveIntegerField(_("capacity"))
    booked = models.PositiveIntegerField(_("booked"), default=0)

    class Meta:
        verbose_name = _("team shift")
        verbose_name_plural = _("team shifts")
        constraints = [
            models.UniqueConstraint(
                fields=["team", "starts_at", "ends_at"],
                name="serviceweek_shift_unique",
            ),
            models.CheckConstraint(
                condition=Q(booked__lte=F("capacity")),
                name="serviceweek_shift_not_overbooked",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="serviceweek_shift_ordered",
            ),
        ]

    def __str__(self):
        return f"{self.team} {self.starts_at:%Y-%m-%d %H:%M}"


class Slot(models.Model):
    """A time window of one package with its own capacity.

    ``booked`` counts the orders holding a place; the database refuses a row
    with more bookings than capacity, and the team's shift caps all slots of
    the team's packages in the same window together.
    """

    package = models.ForeignKey(Package, on_delete=models.CASCADE, related_name="slots")
    shift = models.ForeignKey(TeamShift, on_delete=models.PROTECT, related_name="slots")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveIntegerField(_("capacity"))
    booked = models.PositiveIntegerField(_("booked"), default=0)

    class Meta:
        verbose_name = _("time slot")
        verbose_name_plural = _("time slots")
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["package", "starts_at"], name="serviceweek_slot_unique"
            ),
            models.CheckConstraint(
                condition=Q(booked__lte=F("capacity")),
                name="serviceweek_slot_not_overbooked",
            ),
        ]

    def __str__(self):
        return f"{self.package} {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def remaining(self):
        return max(0, self.capacity - self.booked)


class QuotaUse(models.Model):
    """How many free orders of a package a household holds; ``used <= allowance``."""

    package = models.ForeignKey(Package, on_delete=models.CASCADE, related_name="+")
    household = models.ForeignKey(
        "places.Household", on_delete=models.CASCADE, related_name="+"
    )
    allowance = models.PositiveSmallIntegerField(_("allowance"))
    used = models.PositiveSmallIntegerField(_("used"), default=0)

    class Meta:
        verbose_name = _("free quota use")
        verbose_name_plural = _("free quota uses")
        constraints = [
            models.UniqueConstraint(
                fields=["package", "household"], name="serviceweek_quota_unique"
            ),
            models.CheckConstraint(
                condition=Q(used__lte=F("allowance")),
                name="serviceweek_quota_not_exceeded",
            ),
        ]

    def __str__(self):
        return f"{self.package} {self.household}: {self.used}/{self.allowance}"


class Order(models.Model):
    """A booking (点单) of a package slot by or for a household."""

    package = models.ForeignKey(
        Package,
        verbose_name=_("service package"),
        on_delete=models.PROTECT,
        related_name="orders",
    )
    slot = models.ForeignKey(
        Slot,
        verbose_name=_("time slot"),
        on_delete=models.PROTECT,
        related_name="orders",
    )
    household = models.ForeignKey(
        "places.Household",
        verbose_name=_("household"),
        on_delete=models.PROTECT,
        related_name="serviceweek_orders",
    )
    resident = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("resident"),
        on_delete=models.PROTECT,
        related_name="serviceweek_orders",
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("booked by"),
        on_delete=models.PROTECT,
        related_name="serviceweek_orders_booked",
    )
    idempotency_key = models.CharField(
        _("idempotency key"), max_length=64, null=True, blank=True
    )
    state = models.CharField(
        _("state"), max_length=12, choices=OrderState.choices, default=OrderState.BOOKED
    )
    quantity = models.DecimalField(
        _("quantity"), max_digits=7, decimal_places=2, default=1
    )
    list_price = models.DecimalField(_("list price"), max_digits=9, decimal_places=2)
    red_price = models.DecimalField(
        _("red discount price"), max_digits=9, decimal_places=2
    )
    uses_free_quota = models.BooleanField(_("uses free quota"), default=False)
    note = models.CharField(_("note"), max_length=200, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("worker"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="serviceweek_assignments",
    )
    created_at = models.DateTimeField(_("booked at"), auto_now_add=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    assigned_at = models.DateTimeField(_("assigned at"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)

    class Meta:
        verbose_name = _("service order")
        verbose_name_plural = _("service orders")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["booked_by", "idempotency_key"],
                condition=Q(idempotency_key__isnull=False),
                name="serviceweek_order_idempotent",
            ),
            models.CheckConstraint(
                condition=Q(red_price__lte=F("list_price")),
                name="serviceweek_order_price_not_above_list",
            ),
        ]
        indexes = [models.Index(fields=["state", "package"])]

    def __str__(self):
        return f"#{self.pk} {self.package}"

    @property
    def amount(self):
        return (self.red_price * self.quantity).quantize(CENT)

    @property
    def discount_value(self):
        return ((self.list_price - self.red_price) * self.quantity).quantize(CENT)
