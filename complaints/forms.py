from django import forms
from django.utils.translation import gettext_lazy as _

from complaints.enums import HANDLER_OUTCOMES, Category, Outcome
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

    def __init__(self, *args, estates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["estate"].queryset = estates


class HotlineForm(ComplaintForm):
    mobile = forms.CharField(label=_("Caller's mobile number"), max_length=11)


class TextForm(forms.Form):
    text = forms.CharField(label=_("Text"), widget=forms.Textarea, max_length=2000)


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"),
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
        label=_("Stars"), choices=[(n, str(n)) for n in range(5, 0, -1)], coerce=int
    )
    comment = forms.CharField(label=_("Comment"), max_length=500, required=False)
