from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.uploads import GeneratedName
from serviceweek.enums import ActionKind


class StandardList(models.Model):
    """One version of an estate's 《基础服务标准清单》."""

    estate = models.ForeignKey(
        "places.Estate", on_delete=models.CASCADE, related_name="standard_lists"
    )
    version = models.PositiveSmallIntegerField(_("version"))
    published_at = models.DateTimeField(_("published at"), auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("basic service standard list")
        verbose_name_plural = _("basic service standard lists")
        ordering = ["estate", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["estate", "version"], name="serviceweek_standard_version"
            )
        ]

    def __str__(self):
        return f"{self.estate} v{self.version}"


class StandardItem(models.Model):
    standard_list = models.ForeignKey(
        StandardList, on_delete=models.CASCADE, related_name="items"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    category = models.CharField(_("category"), max_length=50)
    text = models.CharField(_("standard"), max_length=300)

    class Meta:
        verbose_name = _("standard item")
        verbose_name_plural = _("standard items")
        ordering = ["standard_list", "position"]

    def __str__(self):
        return self.text


class DayOneAction(models.Model):
    """One of the 7/1 actions carried out on an estate, with its result."""

    estate = models.ForeignKey(
        "places.Estate", on_delete=models.CASCADE, related_name="day_one_actions"
    )
    week = models.ForeignKey(
        "serviceweek.ServiceWeek", on_delete=models.CASCADE, related_name="actions"
    )
    kind = models.CharField(_("kind"), max_length=12, choices=ActionKind.choices)
    done_on = models.DateField(_("date"))
    result = models.TextField(_("result"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    class Meta:
        verbose_name = _("day-one action")
        verbose_name_plural = _("day-one actions")
        constraints = [
            models.UniqueConstraint(
                fields=["week", "estate", "kind"], name="serviceweek_action_once"
            )
        ]

    def __str__(self):
        return f"{self.estate} {self.get_kind_display()}"


class ActionPhoto(models.Model):
    action = models.ForeignKey(
        DayOneAction, on_delete=models.CASCADE, related_name="photos"
    )
    file = models.FileField(_("photo"), upload_to=GeneratedName("serviceweek/actions"))

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")

    def __str__(self):
        return self.file.name
