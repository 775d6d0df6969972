from django import forms
from django.utils.translation import gettext_lazy as _

from common.validators import validate_multi_line_text, validate_single_line_text
from showcase.enums import Direction, WorkKind

TITLE_MAX = 100
AUTHORS_MAX = 200
TEXT_MAX = 5000


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


class TextField(forms.CharField):
    """Free text checked for control characters before white space is trimmed,
    since trimming would silently drop a trailing vertical tab or form feed."""

    def __init__(self, *, multi_line=False, **kwargs):
        self.check_text = (
            validate_multi_line_text if multi_line else validate_single_line_text
        )
        if multi_line:
            kwargs.setdefault("widget", forms.Textarea)
        super().__init__(**kwargs)

    def to_python(self, value):
        if isinstance(value, str):
            self.check_text(value)
        return super().to_python(value)


class WorkFieldsForm(forms.Form):
    """A work's own fields; the page forms and the JSON API check them here."""

    title = TextField(label=_("title"), max_length=TITLE_MAX)
    kind = forms.ChoiceField(label=_("type"), choices=WorkKind.choices)
    direction = forms.ChoiceField(
        label=_("content direction"), choices=Direction.choices
    )
    authors = TextField(label=_("authors"), max_length=AUTHORS_MAX)
    description = TextField(
        label=_("description of the work"), max_length=TEXT_MAX, multi_line=True
    )
    story = TextField(label=_("creation story"), max_length=TEXT_MAX, multi_line=True)


class WorkForm(WorkFieldsForm):
    media = forms.FileField(label=_("media file"), required=False)
    # The label is a full sentence: no colon after its full stop.
    pledge = forms.BooleanField(
        label=_("I pledge that this work is original and infringes no one's rights."),
        label_suffix="",
        required=False,
    )


class WorkEditForm(WorkFieldsForm):
    """A draft's fields, a file to add and the files to remove."""

    media = forms.FileField(label=_("add a media file"), required=False)
    remove_media = forms.TypedMultipleChoiceField(
        label=_("remove these files"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, work, **kwargs):
        initial = {name: getattr(work, name) for name in WorkFieldsForm.base_fields}
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["remove_media"].choices = [
            (item.pk, media_label(item)) for item in work.media.order_by("pk")
        ]
        if not self.fields["remove_media"].choices:
            del self.fields["remove_media"]


def media_label(item):
    """``视频 h264 · 62 秒`` for a media file in lists and forms."""
    label = f"{item.get_kind_display()} {item.codec}"
    if item.duration_seconds is not None:
        label += " · " + _("%(n)s s") % {"n": round(item.duration_seconds)}
    return label
