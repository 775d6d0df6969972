"""Pages of the showcase: resident voting, live ranking, staff review."""

import uuid

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.errors import DomainError
from common.middleware import client_ip
from common.views import sign_in_then
from showcase import selectors
from showcase.enums import Stage, WorkState
from showcase.services import voting
from showcase.stages import stage_of

DEVICE_COOKIE = "hgj_device"
DEVICE_COOKIE_AGE = 365 * 24 * 3600


def _current_or_404():
    showcase = selectors.current_showcase()
    if showcase is None:
        raise Http404
    return showcase


def _voting_context(request, showcase, *, message=None, error=False, works=None):
    user = request.user
    if works is None:
        works = list(
            selectors.votable_works(showcase).select_related("company").order_by("id")
        )
    given = voting.votes_today_by_work(showcase, user)
    verified = user.is_authenticated and user.mobile_verified_at is not None
    remaining = max(showcase.votes_per_day - given.total(), 0) if verified else 0
    for work in works:
        work.vote_refusal = (
            _vote_refusal(showcase, work, given, remaining)
            if verified
            else _("Verify your mobile number first")
        )
    return {
        "showcase": showcase,
        "stage": stage_of(showcase),
        "works": works,
        "verified": verified,
        "remaining": remaining,
        "vote_key": uuid.uuid4().hex,
        "message": message,
        "error": error,
    }


def _vote_refusal(showcase, work, given, remaining):
    """Why the voter cannot vote for ``work`` now (its button says so), or ""."""
    if given[work.pk] >= showcase.votes_per_work_per_day:
        return _("Voted today")
    if remaining == 0:
        return _("No votes left today")
    return ""


def vote_page(request):
    """The resident's page: approved works, vote buttons, votes left today.

    A phone without the device cookie gets one here: a random id that its
    votes carry, for the per-device limit and the anomaly report.
    """
    showcase = _current_or_404()
    response = render(request, "showcase/vote.html", _voting_context(request, showcase))
    if DEVICE_COOKIE not in request.COOKIES:
        response.set_cookie(
            DEVICE_COOKIE,
            uuid.uuid4().hex,
            max_age=DEVICE_COOKIE_AGE,
            httponly=True,
            samesite="Lax",
            secure=request.is_secure(),
        )
    return response


@sign_in_then("showcase:vote")
@require_POST
def vote(request, work_id):
    """Cast a vote; htmx gets the refreshed panel, a plain form a redirect."""
    showcase = _current_or_404()
    try:
        result = voting.cast_vote(
            work_id,
            actor=request.user,
            idempotency_key=request.POST.get("key"),
            ip=client_ip(request),
            device=request.COOKIES.get(DEVICE_COOKIE, ""),
        )
        message, error = _voted_message(result), False
    except DomainError as refusal:
        message, error = refusal.message, True
    if request.htmx:
        return render(
            request,
            "showcase/_vote_panel.html",
            _voting_context(request, showcase, message=message, error=error),
        )
    (messages.error if error else messages.success)(request, message)
    if request.POST.get("back") == "work":
        return redirect("showcase:work", work_id)
    return redirect("showcase:vote")


def _voted_message(result):
    return _("Thank you for your vote! Votes left today: %(n)s") % {
        "n": result.remaining_today
    }


def work_page(request, work_id):
    """One work as a voter sees it: poster, media, description and story."""
    work = get_object_or_404(
        selectors.works_visible_to(request.user).select_related("company", "showcase"),
        pk=work_id,
    )
    context = {"work": work, "media": list(work.media.order_by("pk"))}
    votable = (
        work.state == WorkState.APPROVED and stage_of(work.showcase) == Stage.VOTING
    )
    if votable:
        voting_now = _voting_context(request, work.showcase, works=[work])
        context.update(voting_now, vote_key=voting_now["vote_key"])
    return render(request, "showcase/work.html", {**context, "votable": votable})


def ranking_page(request):
    showcase = _current_or_404()
    return render(
        request,
        "showcase/ranking.html",
        {"showcase": showcase, "ranking": selectors.ranking(showcase)},
    )


def ranking_table(request):
    """The ranking's table alone, polled by the ranking page."""
    showcase = _current_or_404()
    return render(
        request,
        "showcase/_ranking_table.html",
        {"showcase": showcase, "ranking": selectors.ranking(showcase)},
    )


def top_page(request):
    """The published TOP works with the figures as published."""
    showcase = _current_or_404()
    return render(
        request,
        "showcase/top.html",
        {"showcase": showcase, "rows": selectors.published_results(showcase)},
    )


def home_section(request):
    """ "My votes" on the resident home page while voting is on."""
    showcase = selectors.current_showcase()
    if showcase is None:
        return None
    return {
        "showcase": showcase,
        "stage": stage_of(showcase),
        "remaining": voting.remaining_votes(showcase, request.user),
    }
