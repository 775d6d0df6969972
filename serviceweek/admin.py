from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from accounts.permissions import scope_of
from accounts.roles import Role
from common.admin import RevealingAdmin, masked_row_checkbox
from common.masking import mask_address, mask_mobile, mask_name
from serviceweek import models


@admin.register(models.ServiceWeek)
class ServiceWeekAdmin(admin.ModelAdmin):
    list_display = ["year", "title", "starts_on", "ends_on", "cancel_before_hours"]


@admin.register(models.ThemeDay)
class ThemeDayAdmin(admin.ModelAdmin):
    list_display = ["date", "name", "week"]
    list_filter = ["week"]


@admin.register(models.Package)
class PackageAdmin(admin.ModelAdmin):
    list_display = ["service_item", "partner", "theme_day", "list_price", "red_price"]
    list_filter = ["theme_day", "partner"]


@admin.register(models.Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "partner"]
    filter_horizontal = ["workers"]


@admin.register(models.Order)
class OrderAdmin(admin.ModelAdmin):
    """Read-only: orders move only through the service functions."""

    list_display = ["pk", "package", "state", "created_at"]
    list_filter = ["state"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(models.Agreement)
class AgreementAdmin(admin.ModelAdmin):
    list_display = ["title", "signed_on", "valid_from", "valid_until"]


admin.site.register(
    [
        models.WeekPhase,
        models.StandardList,
        models.DayOneAction,
        models.Booth,
        models.PartyMember,
    ]
)


@admin.register(models.CareRecipient)
class CareRecipientAdmin(RevealingAdmin):
    """Care households, read only (they are registered on the console).

    The list masks the name, mobile and address for everyone, system
    administrators too. The page of one shows them whole to a system
    administrator only, and each opening is a logged reveal; other staff see
    them masked there as well.
    """

    reveal_fields = ("full_name", "mobile", "household")
    list_display = [
        "shown_name",
        "kind",
        "shown_mobile",
        "shown_home",
        "consent_at",
        "registered_at",
    ]
    list_filter = ["kind"]
    list_select_related = ["household__estate"]
    masked_fields = ("shown_name", "shown_mobile", "shown_home")

    def label(self, recipient):
        return mask_address(str(recipient.household))

    action_checkbox = masked_row_checkbox(label)

    def shows_whole(self, request, obj):
        return scope_of(request.user).has(Role.SYSTEM_ADMIN)

    def get_fields(self, request, obj=None):
        personal = ("full_name", "mobile", "household")
        if obj is not None and self.shows_whole(request, obj):
            shown = personal
        else:
            shown = self.masked_fields
        return [*shown, "kind", "birth_year", "needs", "consent_at", "consent_note"]

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("full name"))
    def shown_name(self, recipient):
        return mask_name(recipient.full_name)

    @admin.display(description=_("mobile"))
    def shown_mobile(self, recipient):
        return mask_mobile(recipient.mobile) if recipient.mobile else ""

    @admin.display(description=_("household"))
    def shown_home(self, recipient):
        return mask_address(str(recipient.household))
