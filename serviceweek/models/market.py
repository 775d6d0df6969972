from django.db import models
from django.utils.translation import gettext_lazy as _

from serviceweek.enums import MarketZone


class Booth(models.Model):
    """A booth of 便民市集日 in a community, in one of the plan's four zones."""

    week = models.ForeignKey(
        "serviceweek.ServiceWeek", on_delete=models.CASCADE, related_name="booths"
    )
    community = models.ForeignKey(
        "places.Community",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("Community"),
    )
    zone = models.CharField(_("Zone"), max_length=10, choices=MarketZone.choices)
    name = models.CharField(_("Booth name"), max_length=100)
    services = models.TextField(_("Services offered"))
    place = models.CharField(_("Venue"), max_length=100)
    opens_at = models.TimeField(_("Opens at"))
    closes_at = models.TimeField(_("Closes at"))
    host = models.CharField(_("Host"), max_length=100, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("market booth")
        verbose_name_plural = _("market booths")
        ordering = ["community", "zone", "name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="serviceweek_booth_hours_ordered",
            )
        ]

    def __str__(self):
        return self.name
