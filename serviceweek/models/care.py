from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from common.masking import mask_address
from serviceweek.enums import CareKind, VisitKind


class PartyMember(models.Model):
    """A party member (党员) working for a property company."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="party_member"
    )
    company = models.ForeignKey(
        "organizations.PropertyCompany",
        verbose_name=_("property company"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("party member")
        verbose_name_plural = _("party members")

    def __str__(self):
        return str(self.user)


class CareRecipient(models.Model):
    """A pre-registered household needing care, with its consent recorded."""

    household = models.ForeignKey(
        "places.Household", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=15, choices=CareKind.choices)
    full_name = models.CharField(_("full name"), max_length=50)
    mobile = models.CharField(_("mobile"), max_length=11, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True)
    needs = models.CharField(_("needs"), max_length=200, blank=True)
    consent_at = models.DateTimeField(_("consent given at"))
    consent_note = models.CharField(_("how consent was given"), max_length=200)
    registered_by = models.ForeignKey(
        PartyMember, on_delete=models.PROTECT, related_name="registrations"
    )
    registered_at = models.DateTimeField(_("registered at"), auto_now_add=True)

    class Meta:
        verbose_name = _("care recipient")
        verbose_name_plural = _("care recipients")

    def __str__(self):
        # Masked: the name of a care household lands in audit entries and
        # admin titles, where its address has no business being whole.
        return mask_address(str(self.household))


class CarePairing(models.Model):
    """A party member paired with a care recipient (结对帮扶)."""

    recipient = models.OneToOneField(
        CareRecipient, on_delete=models.CASCADE, related_name="pairing"
    )
    party_member = models.ForeignKey(
        PartyMember, on_delete=models.PROTECT, related_name="pairings"
    )
    signed_on = models.DateField(_("signed on"))

    class Meta:
        verbose_name = _("care pairing")
        verbose_name_plural = _("care pairings")

    def __str__(self):
        return f"{self.party_member} - {self.recipient}"


class CareVisit(models.Model):
    pairing = models.ForeignKey(
        CarePairing, on_delete=models.CASCADE, related_name="visits"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=VisitKind.choices)
    visited_on = models.DateField(_("date"))
    note = models.CharField(_("note"), max_length=300, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("care visit")
        verbose_name_plural = _("care visits")
        ordering = ["-visited_on"]

    def __str__(self):
        return f"{self.pairing} {self.visited_on}"
