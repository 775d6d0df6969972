from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import Role
from campaign.models import Task
from campaign.services import DeadlinePassed, InvalidDeadline, passed_deadline

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
        self._check_deadline(data)
        group = data.get("group")
        if (
            group is not None
            and data.get("board")
            and group.board_id != data["board"].pk
        ):
            self.add_error("group", _("The work group belongs to another activity."))
        return data

    def _check_deadline(self, data):
        """One message, at the field to correct, for the deadline's dates.

        An error at one of the deadline's fields also keeps the model's check
        constraint (the same rule) from adding its own, technical message.
        """
        if {"due_on", "event_on", "days_before"} & set(self.errors):
            return
        due_on, event_on = data.get("due_on"), data.get("event_on")
        days_before = data.get("days_before")
        if due_on and (event_on or days_before is not None):
            self.add_error("due_on", InvalidDeadline.default_message)
        elif due_on:
            self._refuse_passed("due_on", due_on=due_on)
        elif event_on and days_before is not None:
            self._refuse_passed(
                "days_before", event_on=event_on, days_before=days_before
            )
        elif event_on:
            self.add_error(
                "days_before", _("Give the number of working days before the event.")
            )
        elif days_before is not None:
            self.add_error(
                "event_on", _("Give the event date the working days count back from.")
            )
        else:
            self.add_error("due_on", InvalidDeadline.default_message)

    def _refuse_passed(self, field, **dates):
        passed = passed_deadline(**dates)
        if passed is not None:
            self.add_error(field, DeadlinePassed(passed).message)
