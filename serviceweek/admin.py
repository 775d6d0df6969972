from django.contrib import admin

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
