from django.contrib import admin
from django.utils import timezone

from showcase.models import (
    Draw,
    ExpertScore,
    Finalist,
    Pledge,
    QuizQuestion,
    Showcase,
    Vote,
    Work,
    WorkMedia,
)


@admin.register(Showcase)
class ShowcaseAdmin(admin.ModelAdmin):
    list_display = ("year", "title", "voting_starts_at", "voting_ends_at")
    readonly_fields = ("tally_frozen_at", "results_published_at")

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and timezone.now() >= obj.voting_starts_at:
            # The voting rules never change once voting has opened.
            fields += ["voting_starts_at", "votes_per_day", "votes_per_work_per_day"]
        return fields


@admin.register(Work)
class WorkAdmin(admin.ModelAdmin):
    list_display = ("title", "showcase", "kind", "state", "vote_count")
    list_filter = ("showcase", "state", "kind")
    search_fields = ("title", "authors")
    # State and tally move only through the services (transitions, votes).
    readonly_fields = ("state", "vote_count", "submitted_at", "approved_at")


@admin.register(Vote)
class VoteAdmin(admin.ModelAdmin):
    list_display = ("work", "voter", "day", "slot", "cast_at", "invalidated_at")
    list_filter = ("showcase", "day")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class GalaRecordAdmin(admin.ModelAdmin):
    """Quiz questions and draws change only on the gala console (and its API),
    which check their rules and write the audit log; here they are read."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(QuizQuestion)
class QuizQuestionAdmin(GalaRecordAdmin):
    list_display = ("text", "showcase", "is_open")
    list_filter = ("showcase",)


@admin.register(Draw)
class DrawAdmin(GalaRecordAdmin):
    list_display = ("title", "showcase", "winners_count", "committed_at", "drawn_at")
    list_filter = ("showcase",)
    exclude = ("seed",)  # secret until the draw; its record page shows it after


admin.site.register([Finalist, ExpertScore, Pledge, WorkMedia])
