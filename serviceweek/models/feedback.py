from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from serviceweek.enums import FollowUpState


def _one_to_five(field):
    return Q(**{f"{field}__gte": 1, f"{field}__lte": 5})


class Rating(models.Model):
    """The resident's one rating of a completed order."""

    order = models.OneToOneField(
        "serviceweek.Order", on_delete=models.CASCADE, related_name="rating"
    )
    overall = models.PositiveSmallIntegerField(_("overall"))
    timeliness = models.PositiveSmallIntegerField(_("timeliness"))
    attitude = models.PositiveSmallIntegerField(_("attitude"))
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(_("rated at"), auto_now_add=True)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")
        constraints = [
            models.CheckConstraint(
                condition=_one_to_five("overall")
                & _one_to_five("timeliness")
                & _one_to_five("attitude"),
                name="serviceweek_rating_range",
            )
        ]

    def __str__(self):
        return f"{self.order}: {self.overall}"


class FollowUp(models.Model):
    """A low rating's follow-up by the estate's property company."""

    rating = models.OneToOneField(
        Rating, on_delete=models.CASCADE, related_name="follow_up"
    )
    company = models.ForeignKey(
        "organizations.PropertyCompany",
        verbose_name=_("property company"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    state = models.CharField(
        _("state"),
        max_length=10,
        choices=FollowUpState.choices,
        default=FollowUpState.OPEN,
    )
    outcome = models.TextField(_("outcome"), blank=True)
    created_at = models.DateTimeField(_("opened at"), auto_now_add=True)

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")

    def __str__(self):
        return f"{self.rating.order}"


class SurveyResponse(models.Model):
    """A household's one answer to the satisfaction survey after the week."""

    week = models.ForeignKey(
        "serviceweek.ServiceWeek", on_delete=models.CASCADE, related_name="responses"
    )
    household = models.ForeignKey(
        "places.Household", on_delete=models.CASCADE, related_name="+"
    )
    respondent = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    satisfaction = models.PositiveSmallIntegerField(_("satisfaction"))
    comment = models.TextField(_("comment"), blank=True)
    orders = models.ManyToManyField(
        "serviceweek.Order", verbose_name=_("orders"), blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("answered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        constraints = [
            models.UniqueConstraint(
                fields=["week", "household"], name="serviceweek_survey_once"
            ),
            models.CheckConstraint(
                condition=_one_to_five("satisfaction"),
                name="serviceweek_survey_range",
            ),
        ]

    def __str__(self):
        return f"{self.week} {self.household}"
