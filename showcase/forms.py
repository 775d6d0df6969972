from django import forms
from django.utils.translation import gettext_lazy as _

from showcase.enums import Direction, WorkKind


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
    # The label is a full sentence: no colon after its full stop.
    pledge = forms.BooleanField(
        label=_("I pledge that this work is original and infringes no one's rights."),
        label_suffix="",
        required=False,
    )
