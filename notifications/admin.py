from django.contrib import admin

from notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("title", "recipient", "at", "read_at")
    list_filter = ("read_at",)
    raw_id_fields = ("recipient",)
    readonly_fields = ("at",)
