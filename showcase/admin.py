"""The showcase in the back office: to look things up, not to change them.

Stage dates and rules are set on the organisers' console page (成果展演设置)
and everything else moves through the services, which check each rule and
write the audit log; the admin would bypass both. So showcases, finalists,
scores, pledges, media, draws and published results are shown read only;
only a work's wording can be corrected here, audited.
"""

from django.contrib import admin

from common.admin import AuditedAdmin, ReadOnlyAdmin
from showcase.models import (
    Draw,
    ExpertScore,
    Finalist,
    Pledge,
    PublishedResult,
    QuizQuestion,
    Showcase,
    Vote,
    Work,
    WorkMedia,
)


@admin.register(Showcase)
class ShowcaseAdmin(ReadOnlyAdmin):
    list_display = ("year", "title", "voting_starts_at", "voting_ends_at")


@admin.register(Work)
class WorkAdmin(AuditedAdmin):
    list_display = ("title", "showcase", "kind", "state", "vote_count")
    list_filter = ("showcase", "state", "kind")
    search_fields = ("title", "authors")
    # State and tally move only through the services (transitions, votes);
    # the showcase, company and submitter decide who may review and score it.
    readonly_fields = (
        "showcase",
        "company",
        "submitter",
        "state",
        "vote_count",
        "submitted_at",
        "approved_at",
    )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Vote)
class VoteAdmin(ReadOnlyAdmin):
    list_display = ("work", "voter", "day", "slot", "cast_at", "invalidated_at")
    list_filter = ("showcase", "day")


@admin.register(Finalist)
class FinalistAdmin(ReadOnlyAdmin):
    list_display = ("work", "showcase", "votes", "vote_rank", "scores_confirmed_at")
    list_filter = ("showcase",)


@admin.register(ExpertScore)
class ExpertScoreAdmin(ReadOnlyAdmin):
    list_display = ("finalist", "expert", "scored_at")


@admin.register(PublishedResult)
class PublishedResultAdmin(ReadOnlyAdmin):
    list_display = ("showcase", "rank", "work", "final_score")
    list_filter = ("showcase",)


@admin.register(QuizQuestion)
class QuizQuestionAdmin(ReadOnlyAdmin):
    """Questions change only on the gala console (and its API), which check
    their rules and write the audit log."""

    list_display = ("text", "showcase", "is_open")
    list_filter = ("showcase",)


@admin.register(Draw)
class DrawAdmin(ReadOnlyAdmin):
    list_display = ("title", "showcase", "winners_count", "committed_at", "drawn_at")
    list_filter = ("showcase",)
    exclude = ("seed",)  # secret until the draw; its record page shows it after


admin.site.register([Pledge, WorkMedia], ReadOnlyAdmin)
