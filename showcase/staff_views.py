"""Staff pages of the showcase: review queue, anomalies, experts, results."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.permissions import can, scope_of
from accounts.roles import Role
from common.deadlines import deadline_state
from common.errors import DomainError
from common.forms import add_refusal
from common.xlsx import workbook_response
from showcase import anomalies, selectors
from showcase.forms import InvalidateForm, ReasonForm, ScoreForm
from showcase.models import Finalist
from showcase.scores import shown
from showcase.services import results as results_service
from showcase.services import voting, works
from showcase.views import _current_or_404


def _require(condition):
    if not condition:
        raise PermissionDenied


def _done(request, call, success):
    """Run ``call``; show its refusal, or ``success`` (text, or a function
    of ``call``'s result giving the text)."""
    try:
        result = call()
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success(result) if callable(success) else success)


@login_required
def review_queue(request):
    _require(scope_of(request.user).has(Role.REVIEWER))
    showcase = _current_or_404()
    now = timezone.now()
    rows = [
        (
            work,
            works.review_due_at(work),
            deadline_state(works.review_due_at(work), now=now),
        )
        for work in selectors.review_queue(request.user, showcase)
    ]
    approved = selectors.vetoable_works(request.user, showcase)
    return render(
        request,
        "showcase/review_queue.html",
        {"showcase": showcase, "rows": rows, "approved": approved},
    )


@login_required
@require_POST
def review_action(request, work_id, action):
    work = get_object_or_404(
        selectors.works_visible_to(request.user).select_related("showcase"),
        pk=work_id,
    )
    reason = ReasonForm(request.POST)
    reason_text = reason.data.get("reason", "")
    calls = {
        "approve": lambda: works.approve_work(work, actor=request.user),
        "reject": lambda: works.reject_work(
            work, actor=request.user, reason=reason_text
        ),
        "veto": lambda: works.veto_work(work, actor=request.user, reason=reason_text),
    }
    done = {
        "approve": _("“%(title)s” was approved."),
        "reject": _("“%(title)s” was sent back to its submitter."),
        "veto": _("“%(title)s” was vetoed; its votes no longer count."),
    }
    if action not in calls:
        raise PermissionDenied
    _done(request, calls[action], done[action] % {"title": work.title})
    return redirect("showcase:review_queue")


@login_required
def anomaly_report(request):
    _require(can(request.user, "showcase.manage"))
    return _anomaly_page(request, _current_or_404(), InvalidateForm())


def _anomaly_page(request, showcase, form):
    return render(
        request,
        "showcase/anomalies.html",
        {
            "showcase": showcase,
            "bursts": anomalies.bursts(showcase),
            "ips": anomalies.shared_ips(showcase),
            "devices": anomalies.shared_devices(showcase),
            "form": form,
        },
    )


@login_required
@require_POST
def invalidate(request):
    _require(can(request.user, "showcase.manage"))
    showcase = _current_or_404()
    form = InvalidateForm(request.POST)
    if not form.is_valid():
        return _anomaly_page(request, showcase, form)
    data = form.cleaned_data
    votes = anomalies.votes_from(
        showcase, ip=data["ip"], device=data["device"], day=data["day"]
    )
    try:
        count = voting.invalidate_votes_by(
            showcase,
            actor=request.user,
            reason=data["reason"],
            vote_ids=list(votes.values_list("pk", flat=True)),
        )
    except DomainError as refusal:
        add_refusal(form, refusal)
        return _anomaly_page(request, showcase, form)
    messages.success(
        request,
        ngettext(
            "%(count)s vote was invalidated and the tallies recounted.",
            "%(count)s votes were invalidated and the tallies recounted.",
            count,
        )
        % {"count": count},
    )
    return redirect("showcase:anomalies")


@login_required
def expert_page(request):
    _require(scope_of(request.user).has(Role.EXPERT))
    return _expert_page(request, _current_or_404())


def _expert_page(request, showcase, bound=None):
    """The finalists to score, each with its form (``bound``: one refused
    form, shown with its messages and what was typed) or the expert's own
    scores once given."""
    items = [
        (
            finalist,
            mine,
            bound
            if bound is not None and bound.prefix == f"finalist-{finalist.pk}"
            else ScoreForm.for_finalist(finalist),
        )
        for finalist, mine in selectors.finalists_for_expert(request.user, showcase)
    ]
    return render(
        request, "showcase/expert.html", {"showcase": showcase, "finalists": items}
    )


@login_required
@require_POST
def score(request, finalist_id):
    _require(scope_of(request.user).has(Role.EXPERT))
    finalist = get_object_or_404(
        Finalist.objects.select_related("work", "showcase"), pk=finalist_id
    )
    form = ScoreForm.for_finalist(finalist, request.POST)
    if form.is_valid():
        try:
            results_service.score_finalist(
                finalist, actor=request.user, **form.cleaned_data
            )
        except DomainError as refusal:
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("Your scores were saved."))
            return redirect("showcase:expert")
    return _expert_page(request, finalist.showcase, bound=form)


def _result_rows(request, showcase):
    return [
        (row, selectors.may_see_scores(request.user, row.work))
        for row in results_service.results(showcase)
    ]


@login_required
def results_page(request):
    _require(can(request.user, "showcase.manage"))
    showcase = _current_or_404()
    return render(
        request,
        "showcase/results.html",
        {"showcase": showcase, "rows": _result_rows(request, showcase)},
    )


@login_required
def results_export(request):
    _require(can(request.user, "showcase.manage"))
    showcase = _current_or_404()
    rows = _result_rows(request, showcase)
    experts = sorted(
        {expert for row, _see in rows for expert, _total in row.expert_totals},
        key=lambda e: e.pk,
    )
    header = [
        _("Final rank"),
        _("Work"),
        _("Company"),
        _("Votes"),
        _("Public score"),
        *[str(expert) for expert in experts],
        _("Expert score"),
        _("Final score"),
    ]
    body = []
    for row, see in rows:
        totals = dict(row.expert_totals)
        body.append(
            [
                row.rank,
                row.work.title,
                str(row.work.company or ""),
                row.votes,
                _number(row.public),
                *[_number(totals[e]) if see and e in totals else "" for e in experts],
                _number(row.expert) if see else "",
                _number(row.final) if see else "",
            ]
        )
    return workbook_response(
        f"{showcase.title}-results.xlsx", [(_("Results"), header, body)]
    )


def _number(value):
    # The cell holds the displayed figure (half up, 2 places) as a number, so
    # that the sheet can be summed and checked by hand.
    return float(shown(value))


@login_required
@require_POST
def stage_action(request, action):
    _require(can(request.user, "showcase.manage"))
    showcase = _current_or_404()
    calls = {
        "close": lambda: results_service.close_voting(showcase, actor=request.user),
        "publish": lambda: results_service.publish_results(
            showcase, actor=request.user
        ),
    }
    if action not in calls:
        raise PermissionDenied
    _done(request, calls[action], STAGE_ACTION_DONE[action])
    return redirect("showcase:results")


STAGE_ACTION_DONE = {
    "close": lambda closed: (
        ngettext(
            "Voting is closed; %(count)s work is a finalist.",
            "Voting is closed; %(count)s works are finalists.",
            closed.finalists.count(),
        )
        % {"count": closed.finalists.count()}
    ),
    "publish": lambda top: _("The TOP %(count)s are published.") % {"count": len(top)},
}


@login_required
def chair_page(request):
    """The flagged finalists for the panel's chair: each expert's total, and
    a button to confirm the scores once checked."""
    _require(scope_of(request.user).has(Role.PANEL_CHAIR))
    showcase = _current_or_404()
    rows = [
        row
        for row in results_service.results(showcase)
        if row.flagged and can(request.user, "showcase.confirm_scores", row.finalist)
    ]
    return render(request, "showcase/chair.html", {"showcase": showcase, "rows": rows})


@login_required
@require_POST
def confirm(request, finalist_id):
    finalist = get_object_or_404(
        Finalist.objects.select_related("work"), pk=finalist_id
    )
    _done(
        request,
        lambda: results_service.confirm_scores(finalist, actor=request.user),
        _("Scores confirmed."),
    )
    return redirect("showcase:chair")
