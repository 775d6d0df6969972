from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.roles import SCOPE_OF_ROLE, Role, ScopeKind
from common.validators import validate_mobile, validate_resident_id


class User(AbstractUser):
    """A person. Residents sign in by mobile number, staff by password.

    A WeChat identity is bound to the person whose mobile number it verified,
    so one person is one account whichever way they sign in.
    """

    full_name = models.CharField(_("full name"), max_length=50, blank=True)
    mobile = models.CharField(
        _("mobile"),
        max_length=11,
        unique=True,
        null=True,
        blank=True,
        validators=[validate_mobile],
    )
    mobile_verified_at = models.DateTimeField(
        _("mobile verified at"), null=True, blank=True
    )
    wechat_openid = models.CharField(
        _("WeChat id"), max_length=64, unique=True, null=True, blank=True
    )
    resident_id = models.CharField(
        _("resident ID number"),
        max_length=18,
        blank=True,
        validators=[validate_resident_id],
    )
    household = models.ForeignKey(
        "places.Household",
        verbose_name=_("household"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="residents",
    )
    is_sample = models.BooleanField(_("sample data"), default=False)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")

    def __str__(self):
        return self.full_name or self.username

    @property
    def is_staff_person(self):
        """True for anyone holding a role other than resident."""
        from accounts.permissions import scope_of
        from accounts.roles import Role

        return bool(scope_of(self).roles - {Role.RESIDENT})

    @property
    def is_verified_person(self):
        return self.mobile_verified_at is not None


class RoleAssignment(models.Model):
    """One role a person holds, with the scope it carries.

    Company roles name a company (and, for an estate manager, optionally the
    estate); partner staff name a partner; officers name a subdistrict or a
    district; city-wide roles name nothing, though experts, judges and
    reviewers may name the company they work for, which they then never judge.
    """

    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    company = models.ForeignKey(
        "organizations.PropertyCompany",
        verbose_name=_("property company"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
    )
    estate = models.ForeignKey(
        "places.Estate",
        verbose_name=_("estate"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
    )
    partner = models.ForeignKey(
        "organizations.Partner",
        verbose_name=_("partner firm"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
    )
    subdistrict = models.ForeignKey(
        "places.Subdistrict",
        verbose_name=_("subdistrict or town"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
    )
    district = models.ForeignKey(
        "places.District",
        verbose_name=_("district"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
    )

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")

    def __str__(self):
        return f"{self.user} {self.get_role_display()}"

    def clean(self):
        required = {
            ScopeKind.COMPANY: ("company", _("A company role needs its company.")),
            ScopeKind.PARTNER: ("partner", _("Partner staff need their partner firm.")),
            ScopeKind.SUBDISTRICT: (
                "subdistrict",
                _("A subdistrict officer needs the subdistrict."),
            ),
            ScopeKind.DISTRICT: (
                "district",
                _("A district officer needs the district."),
            ),
        }
        scope = SCOPE_OF_ROLE[Role(self.role)]
        if scope in required:
            field, message = required[scope]
            if getattr(self, f"{field}_id") is None:
                raise ValidationError({field: message})


class ApiToken(models.Model):
    """A bearer token of the JSON API. Only its SHA-256 digest is stored."""

    user = models.ForeignKey(
        User,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    digest = models.CharField(_("digest"), max_length=64, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    device = models.CharField(_("device"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.user} {self.created_at:%Y-%m-%d}"


class SmsCode(models.Model):
    """A one-time sign-in code sent by SMS. Only a keyed digest is stored.

    A code is valid for a few minutes and a few tries; asking for a new code
    ends every earlier one of that number.
    """

    mobile = models.CharField(_("mobile"), max_length=11, db_index=True)
    digest = models.CharField(_("digest"), max_length=64)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    attempts = models.PositiveSmallIntegerField(_("failed tries"), default=0)
    used_at = models.DateTimeField(_("used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("SMS sign-in code")
        verbose_name_plural = _("SMS sign-in codes")
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M:%S}"
