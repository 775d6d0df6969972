from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import Role
from campaign.models import Task

STAFF_ROLES = [role for role in Role.values if role != Role.RESIDENT]


class TaskForm(forms.ModelForm):
    class Meta:
        model = Task
        fields = [
            "board",
            "group",
            "title",
            "stage",
            "responsible_unit",
            "responsible_person",
            "due_on",
            "event_on",
            "days_before",
        ]
        widgets = {
            "due_on": forms.DateInput(attrs={"type": "date"}),
            "event_on": forms.DateInput(attrs={"type": "date"}),
        }
        help_texts = {
            "days_before": _(
                "Either a due date, or an event date and a number of working days "
                "before it."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Only staff carry tasks; residents are never offered as owners.
        self.fields["responsible_person"].queryset = (
            User.objects.filter(roles__role__in=STAFF_ROLES)
            .distinct()
            .order_by("full_name", "username")
        )

    def clean(self):
        data = super().clean()
        by_date = data.get("due_on") and not (
            data.get("event_on") or data.get("days_before") is not None
        )
        by_event = (
            not data.get("due_on")
            and data.get("event_on")
            and data.get("days_before") is not None
        )
        if not (by_date or by_event):
            raise forms.ValidationError(
                _(
                    "Give either a due date or a number of working days before "
                    "the event date."
                )
            )
        group = data.get("group")
        if (
            group is not None
            and data.get("board")
            and group.board_id != data["board"].pk
        ):
            self.add_error("group", _("The work group belongs to another activity."))
        return data

    def validate_constraints(self, exclude=None):
        # The form's own clean() says in words what the constraint enforces.
        return None
