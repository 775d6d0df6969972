"""Back-office pages for people, their roles, API tokens and the SMS outbox.

Numbers in the lists are masked for every administrator who is not a
system administrator, and for everyone when the person lives in a care
household (:mod:`accounts.privacy`). A person's page shows the numbers whole
only to system administrators, and each time it does so it is a logged
reveal (:class:`common.admin.RevealingAdmin`); other staff see them masked.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from accounts.models import ApiToken, RoleAssignment, SmsCode, User
from accounts.privacy import listed_mobile, may_see_identity, with_care_flag
from common.admin import RevealingAdmin
from common.masking import mask_mobile, mask_resident_id
from common.models import SmsOutbox

PERSONAL_NUMBERS = ("mobile", "resident_id")


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class RoleAssignmentInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    autocomplete_fields = ()
    raw_id_fields = ("company", "estate", "partner", "subdistrict", "district")


@admin.register(User)
class UserAdmin(RevealingAdmin, BaseUserAdmin):
    reveal_fields = PERSONAL_NUMBERS
    inlines = [RoleAssignmentInline]
    search_fields = ("username", "full_name", "mobile")
    list_filter = ("is_active", "is_staff", "is_sample", "roles__role")
    readonly_fields = ("mobile_verified_at", "last_login", "date_joined")
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (
            _("Person"),
            {
                "fields": (
                    "full_name",
                    "mobile",
                    "mobile_verified_at",
                    "resident_id",
                    "wechat_openid",
                    "household",
                    "is_sample",
                )
            },
        ),
        (_("Access"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    raw_id_fields = ("household",)

    def get_queryset(self, request):
        return with_care_flag(super().get_queryset(request))

    def get_list_display(self, request):
        def mobile(person):
            return listed_mobile(request.user, person)

        mobile.short_description = _("mobile")
        return ("username", "full_name", mobile, "is_active", "is_staff")

    def shows_whole(self, request, obj):
        return may_see_identity(request.user, obj)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.shows_whole(request, obj):
            return fieldsets
        masked = {"mobile": "masked_mobile", "resident_id": "masked_resident_id"}
        return [
            (name, {**options, "fields": [masked.get(f, f) for f in options["fields"]]})
            for name, options in fieldsets
        ]

    def get_readonly_fields(self, request, obj=None):
        fields = super().get_readonly_fields(request, obj)
        if obj is None or self.shows_whole(request, obj):
            return fields
        return (*fields, "masked_mobile", "masked_resident_id")

    @admin.display(description=_("mobile"))
    def masked_mobile(self, person):
        return mask_mobile(person.mobile) if person.mobile else ""

    @admin.display(description=_("resident ID number"))
    def masked_resident_id(self, person):
        return mask_resident_id(person.resident_id)


@admin.register(ApiToken)
class ApiTokenAdmin(ReadOnlyAdmin):
    list_display = ("user", "device", "created_at", "expires_at", "revoked_at")
    list_filter = ("revoked_at",)
    readonly_fields = ("user", "digest", "device", "created_at", "expires_at")
    fields = (*readonly_fields, "revoked_at")


@admin.register(SmsCode)
class SmsCodeAdmin(ReadOnlyAdmin):
    list_display = ("masked_mobile", "created_at", "expires_at", "attempts", "used_at")
    exclude = ("digest",)

    @admin.display(description=_("mobile"))
    def masked_mobile(self, code):
        return mask_mobile(code.mobile)


@admin.register(SmsOutbox)
class SmsOutboxAdmin(ReadOnlyAdmin):
    list_display = ("at", "masked_mobile", "text")

    @admin.display(description=_("mobile"))
    def masked_mobile(self, message):
        return mask_mobile(message.mobile)
