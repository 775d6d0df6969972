from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts import lockout
from common.middleware import client_ip


class SmsSignInForm(forms.Form):
    mobile = forms.CharField(
        label=_("Mobile number"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"type": "tel", "autocomplete": "tel", "inputmode": "numeric"}
        ),
    )
    code = forms.CharField(
        label=_("SMS code"),
        max_length=6,
        required=False,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}
        ),
    )


class StaffSignInForm(AuthenticationForm):
    """Password sign-in that locks out repeated wrong passwords."""

    error_messages = {
        "invalid_login": _("The username or password is not correct."),
        "inactive": _("This account is disabled; please contact the service desk."),
        "locked": _(
            "Too many wrong passwords; sign-in is paused for 15 minutes. "
            "Please try again later."
        ),
    }

    def clean(self):
        username = self.cleaned_data.get("username")
        ip = client_ip(self.request) if self.request else None
        if lockout.is_locked(username, ip):
            raise ValidationError(self.error_messages["locked"], code="locked")
        try:
            cleaned = super().clean()
        except ValidationError:
            lockout.record_failure(username, ip)
            raise
        lockout.clear_failures(username, ip)
        return cleaned
