from django import forms
from django.utils.translation import gettext_lazy as _

from showcase.enums import Direction, WorkKind
from showcase.services.draws import MAX_WINNERS, TITLE_LENGTH


def add_refusal(form, error):
    """Show a service's refusal on ``form``: at the fields it names when the
    form has them, otherwise once above the form."""
    if error.fields and set(error.fields) <= set(form.fields):
        for field, texts in error.fields.items():
            form.add_error(field, texts)
    else:
        form.add_error(None, error.message)


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("reason"), max_length=500)


class ScoreForm(forms.Form):
    creativity = forms.DecimalField(
        label=_("creativity"), min_value=0, max_value=100, decimal_places=2
    )
    appeal = forms.DecimalField(
        label=_("appeal"), min_value=0, max_value=100, decimal_places=2
    )
    integration = forms.DecimalField(
        label=_("party-building integration"),
        min_value=0,
        max_value=100,
        decimal_places=2,
    )


class InvalidateForm(forms.Form):
    ip = forms.GenericIPAddressField(label=_("IP address"), required=False)
    device = forms.CharField(label=_("device"), required=False, max_length=64)
    day = forms.DateField(label=_("day"), required=False)
    reason = forms.CharField(label=_("reason"), max_length=200)

    def clean(self):
        data = super().clean()
        if not data.get("ip") and not data.get("device"):
            # Without either, the filter would select every vote of the showcase.
            raise forms.ValidationError(
                _("Enter the IP address or device the votes to invalidate came from.")
            )
        return data


class WorkForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=100)
    kind = forms.ChoiceField(label=_("type"), choices=WorkKind.choices)
    direction = forms.ChoiceField(
        label=_("content direction"), choices=Direction.choices
    )
    authors = forms.CharField(label=_("authors"), max_length=200)
    description = forms.CharField(
        label=_("description of the work"), widget=forms.Textarea
    )
    story = forms.CharField(label=_("creation story"), widget=forms.Textarea)
    media = forms.FileField(label=_("media file"), required=False)
    pledge = forms.BooleanField(
        label=_("I pledge that this work is original and infringes no one's rights."),
        required=False,
    )


class DrawForm(forms.Form):
    """A new draw; the rules (a title, 1 to 100 winners) are the service's,
    so that the page and the API refuse with the same words."""

    title = forms.CharField(
        label=_("prize"),
        required=False,
        widget=forms.TextInput(
            attrs={"maxlength": TITLE_LENGTH, "placeholder": _("e.g. first prize")}
        ),
    )
    winners_count = forms.IntegerField(
        label=_("number of winners"),
        initial=3,
        widget=forms.NumberInput(attrs={"min": 1, "max": MAX_WINNERS}),
    )
