from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from complaints.enums import HANDLER_OUTCOMES, Category, Outcome
from complaints.handling import MAX_COMMENT
from places.models import Estate


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.ImageField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": "image/*"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)] if data else []


class ComplaintForm(forms.Form):
    estate = forms.ModelChoiceField(queryset=Estate.objects.none(), label=_("Estate"))
    category = forms.ChoiceField(choices=Category.choices, label=_("Category"))
    description = forms.CharField(
        label=_("What is wrong?"), widget=forms.Textarea, max_length=2000
    )
    photos = MultipleImageField(label=_("Photos"), required=False)
    idempotency_key = forms.CharField(widget=forms.HiddenInput, required=False)
    # Set when the resident complains from a service-week order's page
    # (``/complaints/new?order=<id>``); see Complaint.service_week_order_id.
    service_week_order_id = forms.IntegerField(
        widget=forms.HiddenInput, required=False, min_value=1
    )

    def __init__(self, *args, estates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["estate"].queryset = estates


class HotlineForm(ComplaintForm):
    mobile = forms.CharField(label=_("Caller's mobile number"), max_length=11)


class TextForm(forms.Form):
    text = forms.CharField(label=_("Text"), widget=forms.Textarea, max_length=2000)


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=pgettext_lazy("complaint", "outcome"),
        choices=[(value, Outcome(value).label) for value in HANDLER_OUTCOMES],
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea, max_length=2000)
    duplicate_of = forms.IntegerField(
        label=_("Original complaint number"), required=False, min_value=1
    )


class RecategoriseForm(forms.Form):
    category = forms.ChoiceField(choices=Category.choices, label=_("New category"))
    reason = forms.CharField(label=_("Reason"), max_length=500, required=False)


class RateForm(forms.Form):
    score = forms.TypedChoiceField(
        label=_("Stars"),
        choices=[(n, str(n)) for n in range(5, 0, -1)],
        coerce=int,
        error_messages={
            "required": _("Give 1 to 5 stars."),
            "invalid_choice": _("Give 1 to 5 stars."),
        },
    )
    comment = forms.CharField(
        label=_("Comment"),
        max_length=MAX_COMMENT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": _(
                "Enter at most %(limit_value)s characters; you entered %(show_value)s."
            )
        },
    )
