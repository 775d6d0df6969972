"""The organisers' pages to set up each year's showcase."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.permissions import can
from common.errors import DomainError
from common.forms import add_refusal
from showcase.forms import NewShowcaseForm, ShowcaseSettingsForm
from showcase.models import Showcase
from showcase.services import setup
from showcase.stages import stage_of


def _organiser(request):
    if not can(request.user, "showcase.manage"):
        raise PermissionDenied


@login_required
def showcases(request):
    """Every year's showcase with its stage, and a form for a new one."""
    _organiser(request)
    form = NewShowcaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            showcase = setup.create_showcase(actor=request.user, **form.cleaned_data)
        except DomainError as refusal:
            add_refusal(form, refusal)
        else:
            messages.success(
                request,
                _("The showcase was set up with the plan's stages; check its dates."),
            )
            return redirect("showcase:settings_edit", showcase.pk)
    rows = [(s, stage_of(s)) for s in Showcase.objects.order_by("-year")]
    return render(request, "showcase/settings.html", {"showcases": rows, "form": form})


@login_required
def edit(request, showcase_id):
    _organiser(request)
    showcase = get_object_or_404(Showcase, pk=showcase_id)
    form = ShowcaseSettingsForm(
        request.POST or None,
        showcase=showcase,
        fixed=setup.fixed_fields(showcase),
    )
    if request.method == "POST" and form.is_valid():
        changes = {
            name: value
            for name, value in form.cleaned_data.items()
            if not form.fields[name].disabled
        }
        try:
            setup.update_showcase(showcase, actor=request.user, **changes)
        except DomainError as refusal:
            add_refusal(form, refusal)
        else:
            messages.success(request, _("The settings were saved."))
            return redirect("showcase:settings_edit", showcase.pk)
    return render(
        request,
        "showcase/settings_edit.html",
        {"showcase": showcase, "stage": stage_of(showcase), "form": form},
    )
