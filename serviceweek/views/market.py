"""The booths of 便民市集日 in the console, for the communities' officials."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.permissions import can
from common.audit import history_of
from common.errors import DomainError
from common.forms import add_refusal
from places.models import Subdistrict
from serviceweek import selectors
from serviceweek.forms import BoothForm
from serviceweek.models import Booth
from serviceweek.services import market


def _keeper(request):
    communities = market.communities_for_booths(request.user)
    if not communities.exists():
        raise PermissionDenied
    return communities


def _offered(request, area, *, current=None):
    """The communities the booth form offers: those of one subdistrict of
    the officer's area (a district or the city has hundreds, too many for
    one list). The subdistrict is the posted community's, else the one
    chosen above the form, else the booth's own, else the area's only one;
    with none of these the list is empty until one is chosen. Returns
    ``(communities, subdistricts of the area, chosen subdistrict id)``."""
    subdistricts = Subdistrict.objects.filter(
        pk__in=area.values("subdistrict_id")
    ).select_related("district")
    known = {s.pk for s in subdistricts}
    chosen = None
    posted = _number(request.POST.get("community"))
    if posted is not None:
        chosen = area.filter(pk=posted).values_list("subdistrict_id", flat=True).first()
    if chosen is None and _number(request.GET.get("subdistrict")) in known:
        chosen = _number(request.GET.get("subdistrict"))
    if chosen is None and current is not None:
        chosen = current.subdistrict_id
    if chosen is None and len(known) == 1:
        chosen = next(iter(known))
    offered = area.filter(subdistrict_id=chosen) if chosen else area.none()
    return offered, subdistricts.order_by("district__code", "code"), chosen


def _number(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _arguments(data):
    return {
        "community": data["community"],
        "zone": data["zone"],
        "name": data["name"],
        "services": data["services"],
        "place": data["place"],
        "opens_at": data["opens_at"],
        "closes_at": data["closes_at"],
        "host": data["host"],
    }


@login_required
def booths(request):
    offered, subdistricts, chosen = _offered(request, _keeper(request))
    week = selectors.current_week(timezone.localdate())
    form = BoothForm(request.POST or None, communities=offered)
    if request.method == "POST" and week is not None and form.is_valid():
        try:
            market.create_booth(
                week, actor=request.user, **_arguments(form.cleaned_data)
            )
        except DomainError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("The booth is saved."))
            return redirect("serviceweek:booths")
    return render(
        request,
        "serviceweek/console/booths.html",
        {
            "week": week,
            "form": form,
            "booths": market.booths_kept_by(request.user, week) if week else [],
            "subdistricts": subdistricts,
            "chosen": chosen,
        },
    )


def _own_booth(request, booth_id):
    booth = get_object_or_404(Booth.objects.select_related("community"), pk=booth_id)
    if not can(request.user, "serviceweek.manage_booths", booth.community):
        raise PermissionDenied
    return booth


@login_required
def booth(request, booth_id):
    area = _keeper(request)
    item = _own_booth(request, booth_id)
    offered, subdistricts, chosen = _offered(request, area, current=item.community)
    form = BoothForm(
        request.POST or None,
        initial={
            "community": item.community_id,
            "zone": item.zone,
            "name": item.name,
            "services": item.services,
            "place": item.place,
            "opens_at": item.opens_at,
            "closes_at": item.closes_at,
            "host": item.host,
        },
        communities=offered,
    )
    if request.method == "POST" and form.is_valid():
        try:
            market.update_booth(
                item, actor=request.user, **_arguments(form.cleaned_data)
            )
        except DomainError as error:
            add_refusal(form, error)
        else:
            messages.success(request, _("The booth is saved."))
            return redirect("serviceweek:booths")
    return render(
        request,
        "serviceweek/console/booth.html",
        {
            "booth": item,
            "form": form,
            "history": history_of(item)[:30],
            "subdistricts": subdistricts,
            "chosen": chosen,
        },
    )


@login_required
@require_POST
def booth_remove(request, booth_id):
    item = _own_booth(request, booth_id)
    try:
        market.remove_booth(item, actor=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("serviceweek:booth", item.pk)
    messages.success(request, _("The booth is removed."))
    return redirect("serviceweek:booths")
