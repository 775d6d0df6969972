"""Console forms of the service week.

The forms only read what was typed into Python values; the rules (prices,
capacities, times, who may change what) live in the services, whose refusals
the views put back on the form with :func:`common.forms.add_refusal`, so
that the form keeps what was typed.
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from accounts.roles import Role
from places.models import District, Estate
from serviceweek.enums import CareKind, MarketZone, Unit, VisitKind
from serviceweek.models import Team, ThemeDay

DATETIME = forms.DateTimeInput(
    attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
)
TIME = forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ConsoleForm(forms.Form):
    """A console form whose labels end in a full-width colon."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "：")
        super().__init__(*args, **kwargs)


class TeamForm(ConsoleForm):
    name = forms.CharField(label=_("Team name"), max_length=80)
    slot_capacity = forms.IntegerField(label=_("Capacity per slot"), required=False)
    workers = forms.ModelMultipleChoiceField(
        label=_("Workers"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, partner_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["workers"].queryset = (
            User.objects.filter(
                roles__role=Role.PARTNER_STAFF, roles__partner_id__in=partner_ids
            )
            .distinct()
            .order_by("full_name", "username")
        )


class EstateNamesField(forms.CharField):
    """Estates named one per line (or separated by commas)."""

    def clean(self, value):
        text = super().clean(value)
        names = [
            name.strip()
            for name in text.replace("，", "\n").replace(",", "\n").splitlines()
            if name.strip()
        ]
        estates = list(Estate.objects.filter(name__in=names))
        unknown = sorted(set(names) - {estate.name for estate in estates})
        if unknown:
            raise forms.ValidationError(
                _("No estate of this name: %(names)s") % {"names": "、".join(unknown)}
            )
        return estates


class PackageForm(ConsoleForm):
    theme_day = forms.ModelChoiceField(
        label=_("Theme day"), queryset=ThemeDay.objects.none()
    )
    team = forms.ModelChoiceField(
        label=_("Delivering team"), queryset=Team.objects.none()
    )
    service_item = forms.CharField(label=_("Service item"), max_length=100)
    unit = forms.ChoiceField(label=_("Charging unit"), choices=Unit.choices)
    list_price = forms.DecimalField(
        label=_("List price (yuan)"), max_digits=9, decimal_places=2
    )
    red_price = forms.DecimalField(
        label=_("Red discount price (yuan)"), max_digits=9, decimal_places=2
    )
    free_quota = forms.IntegerField(
        label=_("Free orders per household"),
        required=False,
        help_text=_("Only for a free service (red discount price 0)."),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea
    )
    districts = forms.ModelMultipleChoiceField(
        label=_("Districts served"),
        queryset=District.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    estates = EstateNamesField(
        label=_("Estates served by the package"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "One estate name a line. Leave districts and estates empty to serve "
            "everywhere."
        ),
    )

    def __init__(self, *args, partner_ids=(), week=None, **kwargs):
        super().__init__(*args, **kwargs)
        days = ThemeDay.objects.select_related("week")
        self.fields["theme_day"].queryset = (
            days.filter(week=week) if week is not None else days
        )
        self.fields["team"].queryset = Team.objects.filter(
            partner_id__in=partner_ids
        ).order_by("name")

    @classmethod
    def initial_of(cls, package):
        return {
            "theme_day": package.theme_day_id,
            "team": package.team_id,
            "service_item": package.service_item,
            "unit": package.unit,
            "list_price": package.list_price,
            "red_price": package.red_price,
            "free_quota": package.free_quota,
            "description": package.description,
            "districts": list(package.districts.values_list("pk", flat=True)),
            "estates": "\n".join(package.estates.values_list("name", flat=True)),
        }


class SlotForm(ConsoleForm):
    starts_at = forms.DateTimeField(label=_("Starts at"), widget=DATETIME)
    ends_at = forms.DateTimeField(label=_("Ends at"), widget=DATETIME)
    capacity = forms.IntegerField(label=_("Capacity"))
    team_capacity = forms.IntegerField(
        label=_("Team capacity at this time"),
        required=False,
        help_text=_(
            "Shared by all the team's packages in this time window; by default "
            "the team's capacity per slot."
        ),
    )


class BoothForm(ConsoleForm):
    # The communities of one subdistrict of the officer's area, chosen above
    # the form (serviceweek.views.market._offered).
    community = forms.ModelChoiceField(label=_("Community"), queryset=None)
    zone = forms.ChoiceField(label=_("Zone"), choices=MarketZone.choices)
    name = forms.CharField(label=_("Booth name"), max_length=100)
    services = forms.CharField(label=_("Services offered"), widget=forms.Textarea)
    place = forms.CharField(label=_("Venue"), max_length=100)
    opens_at = forms.TimeField(label=_("Opens at"), widget=TIME)
    closes_at = forms.TimeField(label=_("Closes at"), widget=TIME)
    host = forms.CharField(label=_("Host"), max_length=100, required=False)

    def __init__(self, *args, communities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["community"].queryset = communities


class CareRegisterForm(ConsoleForm):
    estate = forms.ModelChoiceField(label=_("Estate"), queryset=None)
    building = forms.CharField(label=_("Building"), max_length=20)
    unit = forms.CharField(label=_("Unit (if any)"), max_length=20, required=False)
    room = forms.CharField(label=_("Room"), max_length=20)
    kind = forms.ChoiceField(label=_("Kind"), choices=CareKind.choices)
    full_name = forms.CharField(label=_("Full name"), max_length=50)
    mobile = forms.CharField(label=_("Mobile"), max_length=11, required=False)
    birth_year = forms.IntegerField(label=_("Year of birth"), required=False)
    needs = forms.CharField(label=_("Needs"), max_length=200, required=False)
    consent_note = forms.CharField(
        label=_("How consent was given"), max_length=200, required=False
    )

    def __init__(self, *args, estates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["estate"].queryset = estates


class CarePairForm(ConsoleForm):
    recipient = forms.ModelChoiceField(label=_("Care recipient"), queryset=None)
    party_member = forms.ModelChoiceField(label=_("Party member"), queryset=None)
    signed_on = forms.DateField(label=_("Signed on"), widget=DATE)

    def __init__(self, *args, recipients, members, viewer, **kwargs):
        from serviceweek.services.care import recipient_label

        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = recipients
        self.fields["recipient"].label_from_instance = lambda recipient: (
            recipient_label(recipient, viewer=viewer)
        )
        self.fields["party_member"].queryset = members


class CareVisitForm(ConsoleForm):
    pairing = forms.ModelChoiceField(label=_("Care recipient"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind"), choices=VisitKind.choices)
    visited_on = forms.DateField(label=_("Date"), widget=DATE)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(self, *args, pairings, viewer, **kwargs):
        from serviceweek.services.care import recipient_label

        super().__init__(*args, **kwargs)
        self.fields["pairing"].queryset = pairings
        self.fields["pairing"].label_from_instance = lambda pairing: recipient_label(
            pairing.recipient, viewer=viewer
        )
