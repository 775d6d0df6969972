from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class District(models.Model):
    """A district (区) of Xiamen, with its statistical division code."""

    code = models.CharField(_("division code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=50)

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["code"]

    def __str__(self):
        return self.name


class Subdistrict(models.Model):
    """A subdistrict (街道) or town (镇); special units are kept apart."""

    class Kind(models.TextChoices):
        STREET = "street", pgettext_lazy("subdistrict kind", "subdistrict")
        TOWN = "town", pgettext_lazy("subdistrict kind", "town")
        SPECIAL = "special", pgettext_lazy("subdistrict kind", "special unit")

    code = models.CharField(_("division code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=50)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        related_name="subdistricts",
    )

    class Meta:
        verbose_name = _("subdistrict or town")
        verbose_name_plural = _("subdistricts and towns")
        ordering = ["code"]

    def __str__(self):
        return self.name


class Community(models.Model):
    """A community (社区) or village (村) committee's area."""

    code = models.CharField(_("division code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=80)
    subdistrict = models.ForeignKey(
        Subdistrict,
        verbose_name=_("subdistrict or town"),
        on_delete=models.PROTECT,
        related_name="communities",
    )

    class Meta:
        verbose_name = _("community")
        verbose_name_plural = _("communities")
        ordering = ["code"]

    def __str__(self):
        return self.name


class Estate(models.Model):
    """A residential estate (小区, one property-management project)."""

    name = models.CharField(_("name"), max_length=100)
    address = models.CharField(_("address"), max_length=200)
    community = models.ForeignKey(
        Community,
        verbose_name=_("community"),
        on_delete=models.PROTECT,
        related_name="estates",
    )
    subdistrict = models.ForeignKey(
        Subdistrict,
        verbose_name=_("subdistrict or town"),
        on_delete=models.PROTECT,
        related_name="estates",
        editable=False,
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        related_name="estates",
        editable=False,
    )
    households = models.PositiveIntegerField(_("households"))
    buildings = models.PositiveIntegerField(_("buildings"))
    company = models.ForeignKey(
        "organizations.PropertyCompany",
        verbose_name=_("property company"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="estates",
    )
    contract_start = models.DateField(_("contract start"), null=True, blank=True)
    contract_end = models.DateField(_("contract end"), null=True, blank=True)
    is_sample = models.BooleanField(
        _("sample data"),
        default=False,
        help_text=_("Made up for demonstration; not from the housing register."),
    )

    class Meta:
        verbose_name = _("estate")
        verbose_name_plural = _("estates")
        ordering = ["district__code", "subdistrict__code", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "name"], name="estate_unique_name_in_community"
            ),
            models.CheckConstraint(
                condition=models.Q(contract_end__isnull=True)
                | models.Q(contract_start__isnull=True)
                | models.Q(contract_end__gte=models.F("contract_start")),
                name="estate_contract_period_ordered",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # The subdistrict and district follow from the community; they are
        # stored so that scope filters are one indexed comparison.
        self.subdistrict_id = self.community.subdistrict_id
        self.district_id = self.community.subdistrict.district_id
        super().save(*args, **kwargs)


class Household(models.Model):
    """One dwelling (户) of an estate."""

    estate = models.ForeignKey(
        Estate,
        verbose_name=_("estate"),
        on_delete=models.CASCADE,
        related_name="households_set",
    )
    building = models.CharField(_("building"), max_length=20)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    room = models.CharField(_("room"), max_length=20)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        constraints = [
            models.UniqueConstraint(
                fields=["estate", "building", "unit", "room"],
                name="household_unique_room",
            )
        ]

    def __str__(self):
        unit = f"{self.unit}单元" if self.unit else ""
        return f"{self.estate} {self.building}栋{unit}{self.room}"


class ImportBatch(models.Model):
    """One accepted import of an .xlsx file (estates or property companies)."""

    class Kind(models.TextChoices):
        ESTATES = "estates", pgettext_lazy("import kind", "estates")
        COMPANIES = "companies", pgettext_lazy("import kind", "property companies")

    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    file_name = models.CharField(_("file name"), max_length=200)
    rows = models.PositiveIntegerField(_("rows"))
    actor = models.ForeignKey(
        "accounts.User",
        verbose_name=_("imported by"),
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    at = models.DateTimeField(_("time"), auto_now_add=True)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.file_name} ({self.rows})"
