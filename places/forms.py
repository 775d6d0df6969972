from django import forms
from django.utils.translation import gettext_lazy as _


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_(".xlsx file"),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": (
                    ".xlsx,application/vnd.openxmlformats-officedocument."
                    "spreadsheetml.sheet"
                )
            }
        ),
    )
