from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from accounts.capabilities import roles_of
from accounts.forms import SmsSignInForm, StaffSignInForm
from accounts.households import HouseholdForm, bind_household
from accounts.permissions import can
from accounts.privacy import identity_on_page
from accounts.services import sign_in_with_code
from accounts.sms_codes import send_code
from common.errors import DomainError
from common.masking import mask_mobile
from common.middleware import client_ip

MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


class StaffLoginView(auth_views.LoginView):
    """Password sign-in for staff; residents use their mobile number."""

    template_name = "accounts/login.html"
    authentication_form = StaffSignInForm
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        """Staff start at their console; anyone else at the home page."""
        if can(self.request.user, "console.enter"):
            return reverse("console")
        return super().get_default_redirect_url()


def _next_url(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return ""


def sms_sign_in(request):
    """Resident sign-in: ask for a code, then enter it."""
    if request.user.is_authenticated:
        return redirect(_next_url(request) or "home")
    form = SmsSignInForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        mobile, code = form.cleaned_data["mobile"], form.cleaned_data["code"]
        ip = client_ip(request)
        try:
            if request.POST.get("action") == "send":
                send_code(mobile, ip=ip)
                messages.success(
                    request,
                    _("A code was sent to %(mobile)s; it is valid for 5 minutes.")
                    % {"mobile": mask_mobile(mobile)},
                )
                form = SmsSignInForm(initial={"mobile": mobile})
            elif not code:
                form.add_error("code", _("Enter the code from the SMS."))
            else:
                person = sign_in_with_code(mobile, code, ip=ip)
                login(request, person, backend=MODEL_BACKEND)
                return redirect(_next_url(request) or "home")
        except DomainError as error:
            field = "mobile" if "mobile" in error.fields else None
            if field is None and error.code.startswith("code_"):
                field = "code"
            form.add_error(field, str(error.message))
    return render(
        request, "accounts/sms_sign_in.html", {"form": form, "next": _next_url(request)}
    )


@login_required
def profile(request):
    """The person's own page: masked numbers unless asked, roles and scopes."""
    person = request.user
    context = {
        "person": person,
        "roles": roles_of(person),
        **identity_on_page(person, person, reveal=request.GET.get("reveal") == "1"),
    }
    return render(request, "accounts/profile.html", context)


@login_required
def household(request):
    """Let a resident name the home they live in, so they can book and complain."""
    person = request.user
    initial = {"full_name": person.full_name}
    if person.household_id:
        home = person.household
        initial.update(
            estate=home.estate_id,
            building=home.building,
            unit=home.unit,
            room=home.room,
        )
    form = HouseholdForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        bind_household(person, actor=person, **form.cleaned_data)
        messages.success(request, _("Your home has been saved."))
        return redirect(_next_url(request) or "accounts:profile")
    return render(
        request, "accounts/household.html", {"form": form, "next": _next_url(request)}
    )
