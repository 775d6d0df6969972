"""The satisfaction survey (residents) and follow-ups of low ratings (console)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.permissions import can
from common.errors import DomainError
from common.inputs import TextTooLong
from common.paging import page_of
from serviceweek import plan, selectors
from serviceweek.services.feedback import (
    SURVEY_COMMENT_MAX,
    answer_survey,
    close_follow_up,
)

SATISFACTION_CHOICES = [
    (5, gettext_lazy("Very satisfied")),
    (4, gettext_lazy("Satisfied")),
    (3, gettext_lazy("Neither satisfied nor dissatisfied")),
    (2, gettext_lazy("Dissatisfied")),
    (1, gettext_lazy("Very dissatisfied")),
]


@login_required
def survey(request):
    week = selectors.current_week(timezone.localdate())
    if week is None:
        raise PermissionDenied
    opens, closes = plan.survey_window_of(week.year)
    today = timezone.localdate()
    typed = {"satisfaction": None, "comment": ""}
    comment_error = None
    if request.method == "POST":
        typed = {
            "satisfaction": _int(request.POST.get("satisfaction")),
            "comment": request.POST.get("comment", ""),
        }
        try:
            answer_survey(week, actor=request.user, **typed)
        except TextTooLong as error:
            comment_error = error.message
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Thank you for your answer."))
            return redirect("serviceweek:week")
    return render(
        request,
        "serviceweek/survey.html",
        {
            "week": week,
            "opens": opens,
            "closes": closes,
            "not_yet_open": today < opens,
            "closed": today > closes,
            "scores": SATISFACTION_CHOICES,
            "typed": typed,
            "comment_error": comment_error,
            "comment_max": SURVEY_COMMENT_MAX,
        },
    )


def _int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
def follow_ups(request):
    if not can(request.user, "console.enter"):
        raise PermissionDenied
    page = page_of(request, selectors.follow_ups_visible_to(request.user))
    return render(
        request,
        "serviceweek/console/follow_ups.html",
        {"follow_ups": page, "page": page},
    )


@login_required
@require_POST
def close(request, follow_up_id):
    item = get_object_or_404(
        selectors.follow_ups_visible_to(request.user), pk=follow_up_id
    )
    try:
        close_follow_up(
            item, actor=request.user, outcome=request.POST.get("outcome", "")
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Done."))
    return redirect("serviceweek:follow_ups")
