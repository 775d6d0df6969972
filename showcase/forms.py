from django import forms
from django.utils.translation import gettext_lazy as _

from common.validators import validate_multi_line_text, validate_single_line_text
from showcase.enums import Direction, WorkKind
from showcase.models import QuizQuestion
from showcase.services.draws import MAX_WINNERS, TITLE_LENGTH
from showcase.services.quiz import MAX_CHOICES
from showcase.services.quiz import TEXT_LENGTH as QUIZ_TEXT_LENGTH


def add_refusal(form, error):
    """Show a service's refusal on ``form``: at the fields it names when the
    form has them, otherwise once above the form."""
    if error.fields and set(error.fields) <= set(form.fields):
        for field, texts in error.fields.items():
            form.add_error(field, texts)
    else:
        form.add_error(None, error.message)


TITLE_MAX = 100
AUTHORS_MAX = 200
TEXT_MAX = 5000


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("reason"), max_length=500)


SCORE_ERRORS = {
    "required": _("Enter a score."),
    "invalid": _("Enter a number."),
    "min_value": _("A score is from 0 to 100."),
    "max_value": _("A score is from 0 to 100."),
    "max_decimal_places": _("A score has at most two decimal places."),
    "max_digits": _("A score is from 0 to 100."),
}


def _score_field(label):
    return forms.DecimalField(
        label=label,
        min_value=0,
        max_value=100,
        decimal_places=2,
        error_messages=SCORE_ERRORS,
    )


class ScoreForm(forms.Form):
    """One expert's scores of one finalist; the page prefixes each finalist's
    form with ``finalist-<id>`` so that several stand on one page."""

    creativity = _score_field(_("creativity"))
    appeal = _score_field(_("appeal"))
    integration = _score_field(_("party-building integration"))

    @classmethod
    def for_finalist(cls, finalist, data=None):
        return cls(data, prefix=f"finalist-{finalist.pk}")


class InvalidateForm(forms.Form):
    ip = forms.GenericIPAddressField(label=_("IP address"), required=False)
    device = forms.CharField(label=_("device"), required=False, max_length=64)
    day = forms.DateField(
        label=_("day"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
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


DATETIME = forms.DateTimeInput(
    attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
)


def _when(label):
    return forms.DateTimeField(label=label, widget=DATETIME)


class NewShowcaseForm(forms.Form):
    year = forms.IntegerField(label=_("year"))
    title = forms.CharField(label=_("title"), max_length=100)
    collection_starts_at = _when(_("story collection starts"))


class ShowcaseSettingsForm(forms.Form):
    """Every setting of a showcase; those that can no longer change (see
    ``services.setup``) are shown disabled."""

    title = forms.CharField(label=_("title"), max_length=100)
    collection_starts_at = _when(_("story collection starts"))
    review_starts_at = _when(_("review starts"))
    voting_starts_at = _when(_("voting opens"))
    voting_ends_at = _when(_("voting closes"))
    gala_starts_at = _when(_("gala starts"))
    ends_at = _when(_("showcase ends"))
    votes_per_day = forms.IntegerField(label=_("votes per day"))
    votes_per_work_per_day = forms.IntegerField(label=_("votes per work per day"))
    finalist_count = forms.IntegerField(
        label=_("finalists by votes"),
        help_text=_("Works with as many votes as the last of them advance too."),
    )
    published_count = forms.IntegerField(label=_("works published"))
    weight_creativity = forms.DecimalField(
        label=_("weight of creativity"), max_digits=4, decimal_places=2
    )
    weight_appeal = forms.DecimalField(
        label=_("weight of appeal"), max_digits=4, decimal_places=2
    )
    weight_integration = forms.DecimalField(
        label=_("weight of party-building integration"),
        max_digits=4,
        decimal_places=2,
    )
    ip_votes_per_minute = forms.IntegerField(
        label=_("votes per minute from one IP address")
    )
    device_votes_per_minute = forms.IntegerField(
        label=_("votes per minute from one device")
    )

    def __init__(self, *args, showcase, fixed=(), **kwargs):
        initial = {name: getattr(showcase, name) for name in self.base_fields}
        super().__init__(*args, initial=initial, **kwargs)
        for name in fixed:
            self.fields[name].disabled = True


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
    question = forms.ModelChoiceField(
        label=_("who enters"),
        queryset=QuizQuestion.objects.none(),
        required=False,
        empty_label=_("everyone who answered any question of the gala correctly"),
    )

    def __init__(self, *args, showcase, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["question"]
        field.queryset = QuizQuestion.objects.filter(showcase=showcase)
        field.label_from_instance = lambda question: (
            _("those who answered correctly: %(question)s")
            % {"question": question.text}
        )


class QuestionForm(forms.Form):
    """A quiz question with its choices typed one per line.

    The correct answer is picked from the typed choices (a script lists them
    in the menu as they are typed); the rules are the service's.
    """

    text = forms.CharField(
        label=_("question"),
        required=False,
        widget=forms.TextInput(attrs={"maxlength": QUIZ_TEXT_LENGTH}),
    )
    choices = forms.CharField(
        label=_("choices, one per line"),
        required=False,
        widget=forms.Textarea(
            attrs={"rows": 4, "data-choices-for": "id_correct_choice"}
        ),
    )
    correct_choice = forms.IntegerField(
        label=_("correct answer"), required=False, widget=forms.Select
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        typed = self.data.get("choices") if self.is_bound else None
        if typed is None:
            typed = self.initial.get("choices", "")
        lines = choice_lines(typed)
        options = [(n, f"{n + 1}. {line}") for n, line in enumerate(lines)]
        if not options:
            options = [
                (n, _("choice %(number)s") % {"number": n + 1})
                for n in range(MAX_CHOICES)
            ]
        self.fields["correct_choice"].widget.choices = options

    def cleaned_question(self):
        """The keyword arguments of the quiz services."""
        data = self.cleaned_data
        return {
            "text": data["text"],
            "choices": choice_lines(data["choices"]),
            "correct_choice": data["correct_choice"],
        }


def choice_lines(text):
    """The choices typed one per line, blank lines left out."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


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
