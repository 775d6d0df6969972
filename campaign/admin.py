from django.contrib import admin

from campaign.models import Board, BoardUnit, Phase, ScheduleItem, Task, WorkGroup


@admin.register(Phase)
class PhaseAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "starts_on", "ends_on"]


class BoardUnitInline(admin.TabularInline):
    model = BoardUnit
    extra = 0


class ScheduleItemInline(admin.TabularInline):
    model = ScheduleItem
    extra = 0
    fields = ["code", "kind", "title", "starts_on", "ends_on", "order"]


@admin.register(Board)
class BoardAdmin(admin.ModelAdmin):
    list_display = ["number", "name", "window_text", "starts_on", "ends_on"]
    inlines = [BoardUnitInline, ScheduleItemInline]


@admin.register(WorkGroup)
class WorkGroupAdmin(admin.ModelAdmin):
    list_display = ["board", "kind", "name"]
    list_filter = ["board", "kind"]
    filter_horizontal = ["members"]


@admin.register(Task)
class TaskAdmin(admin.ModelAdmin):
    """Tasks are read here; their status moves only through the console."""

    list_display = ["title", "board", "stage", "status", "due_on", "event_on"]
    list_filter = ["board", "stage", "status"]
    search_fields = ["title"]
    readonly_fields = ["status", "completed_at"]
    raw_id_fields = ["responsible_person"]
