from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceWeek(models.Model):
    """The service week (物业服务周) of one year: the first week of July."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    title = models.CharField(_("title"), max_length=100)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    cancel_before_hours = models.PositiveSmallIntegerField(
        _("cancellation allowed until (hours before the slot)"), default=2
    )
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("service week")
        verbose_name_plural = _("service weeks")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="serviceweek_week_ordered",
            )
        ]

    def __str__(self):
        return self.title


class WeekPhase(models.Model):
    """One stage of the week's timeline (筹备启动, 深化推进, 集中执行, 总结反馈)."""

    week = models.ForeignKey(
        ServiceWeek, on_delete=models.CASCADE, related_name="phases"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("name"), max_length=30)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    tasks = models.CharField(_("core tasks"), max_length=200)

    class Meta:
        verbose_name = _("phase of the week")
        verbose_name_plural = _("phases of the week")
        ordering = ["week", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["week", "position"], name="serviceweek_phase_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="serviceweek_phase_ordered",
            ),
        ]

    def __str__(self):
        return self.name


class ThemeDay(models.Model):
    """One day of the week with its theme (每日一主题)."""

    week = models.ForeignKey(
        ServiceWeek, on_delete=models.CASCADE, related_name="theme_days"
    )
    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=30)
    content = models.TextField(_("content"))
    partner_kinds = models.JSONField(_("partner kinds"), default=list, blank=True)

    class Meta:
        verbose_name = _("theme day")
        verbose_name_plural = _("theme days")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["week", "date"], name="serviceweek_theme_day_unique"
            )
        ]

    def __str__(self):
        return f"{self.date:%-m/%-d} {self.name}"


class Agreement(models.Model):
    """A strategic cooperation agreement (战略合作协议) with partner firms."""

    week = models.ForeignKey(
        ServiceWeek,
        verbose_name=_("service week"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agreements",
    )
    title = models.CharField(_("title"), max_length=150)
    partners = models.ManyToManyField(
        "organizations.Partner", verbose_name=_("partner firms"), related_name="+"
    )
    campaign_units = models.ManyToManyField(
        "organizations.GovernmentUnit",
        verbose_name=_("campaign units"),
        blank=True,
        related_name="+",
    )
    companies = models.ManyToManyField(
        "organizations.PropertyCompany",
        verbose_name=_("property companies"),
        blank=True,
        related_name="+",
    )
    signed_on = models.DateField(_("signed on"))
    valid_from = models.DateField(_("valid from"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("strategic cooperation agreement")
        verbose_name_plural = _("strategic cooperation agreements")
        ordering = ["-signed_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_until__isnull=True)
                | models.Q(valid_until__gte=models.F("valid_from")),
                name="serviceweek_agreement_ordered",
            )
        ]

    def __str__(self):
        return self.title
