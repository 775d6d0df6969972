"""A resident telling the platform which home they live in."""

from django import forms
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from common import audit
from places.models import Estate, Household


class HouseholdForm(forms.Form):
    """Which estate, building, unit and room; the name the estate staff know."""

    full_name = forms.CharField(label=_("Your name"), max_length=50)
    estate = forms.ModelChoiceField(
        label=_("Estate"),
        queryset=Estate.objects.select_related("district").order_by(
            "district__code", "name"
        ),
        empty_label=_("Choose your estate"),
    )
    building = forms.CharField(label=_("Building"), max_length=20)
    unit = forms.CharField(label=_("Unit (if any)"), max_length=20, required=False)
    room = forms.CharField(label=_("Room"), max_length=20)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["estate"].label_from_instance = lambda estate: (
            f"{estate.district.name} · {estate.name}"
        )


def bind_household(person, *, actor, estate, building, unit, room, full_name):
    """Record that ``person`` lives at the given room of ``estate``.

    The household row is shared by everyone who names the same room. The
    estate's staff do not confirm it yet: the platform trusts the resident's
    word, as explained in docs/limitations.md. Side effects: the person's
    name and household are saved and one audit entry is written.
    """
    with transaction.atomic():
        household, _created = Household.objects.get_or_create(
            estate=estate,
            building=building.strip(),
            unit=unit.strip(),
            room=room.strip(),
        )
        before = {"household": person.household_id, "full_name": person.full_name}
        person.household = household
        person.full_name = full_name.strip()
        person.save(update_fields=["household", "full_name"])
        audit.record(
            "accounts.household.bind",
            person,
            actor=actor,
            before=before,
            after={"household": household.pk, "full_name": person.full_name},
        )
    return household
