from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from common.validators import validate_credit_code


class PropertyCompany(models.Model):
    """A property service company (物业服务企业)."""

    name = models.CharField(_("name"), max_length=100)
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
    )
    contact_phone = models.CharField(_("contact phone"), max_length=20, blank=True)
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("property company")
        verbose_name_plural = _("property companies")
        ordering = ["name"]

    def __str__(self):
        return self.name


class Partner(models.Model):
    """A partner firm (合作单位) of the "物业+" platform."""

    class Kind(models.TextChoices):
        BANK = "bank", pgettext_lazy("partner kind", "bank")
        INSURER = "insurer", pgettext_lazy("partner kind", "insurer")
        HOUSEKEEPING = "housekeeping", pgettext_lazy("partner kind", "housekeeping")
        ELDER_CARE = "elder_care", pgettext_lazy("partner kind", "elder care")
        HEALTH = "health", pgettext_lazy("partner kind", "health")
        OTHER = "other", pgettext_lazy("partner kind", "other")

    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    credit_code = models.CharField(
        _("unified social credit code"),
        max_length=18,
        unique=True,
        validators=[validate_credit_code],
    )
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("partner firm")
        verbose_name_plural = _("partner firms")
        ordering = ["name"]

    def __str__(self):
        return self.name


class GovernmentUnit(models.Model):
    """A government or industry body that runs or guides the campaign."""

    class Kind(models.TextChoices):
        CITY_HOUSING = "city_housing", pgettext_lazy("unit kind", "city housing bureau")
        DISTRICT_HOUSING = (
            "district_housing",
            pgettext_lazy("unit kind", "district housing bureau"),
        )
        SUBDISTRICT = "subdistrict", pgettext_lazy("unit kind", "subdistrict office")
        PARTY_COMMITTEE = (
            "party_committee",
            pgettext_lazy("unit kind", "property industry party committee"),
        )
        ASSOCIATION = (
            "association",
            pgettext_lazy("unit kind", "property management association"),
        )
        OTHER = "other", pgettext_lazy("unit kind", "other department")

    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    district = models.ForeignKey(
        "places.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )
    subdistrict = models.ForeignKey(
        "places.Subdistrict",
        verbose_name=_("subdistrict or town"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
    )

    class Meta:
        verbose_name = _("government unit")
        verbose_name_plural = _("government units")
        ordering = ["kind", "name"]

    def __str__(self):
        return self.name


class OwnersCommittee(models.Model):
    """An estate's owners' committee (业委会) or temporary committee (临时物管会)."""

    class Kind(models.TextChoices):
        OWNERS = "owners", pgettext_lazy("committee kind", "owners' committee")
        TEMPORARY = (
            "temporary",
            pgettext_lazy("committee kind", "temporary management committee"),
        )

    estate = models.OneToOneField(
        "places.Estate",
        verbose_name=_("estate"),
        on_delete=models.CASCADE,
        related_name="committee",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    formed_on = models.DateField(_("formed on"))
    term_end = models.DateField(_("term ends"), null=True, blank=True)
    chair_name = models.CharField(_("chair"), max_length=50, blank=True)

    class Meta:
        verbose_name = _("owners' committee")
        verbose_name_plural = _("owners' committees")

    def __str__(self):
        return f"{self.estate} {self.get_kind_display()}"
