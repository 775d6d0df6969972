"""What each role is for, in a sentence or two, and where its scope lies.

Shown on a person's own page and on the console overview so that everybody
can see what their roles let them do.
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.roles import SCOPE_OF_ROLE, Role, ScopeKind

ROLE_ACTIONS = {
    Role.RESIDENT: [
        _("Book services, complain, rate and vote for your own household."),
    ],
    Role.COMPANY_ADMIN: [
        _("Manage your company's estates, staff, service orders and complaints."),
        _("Enter your company's entries in the campaign's boards."),
    ],
    Role.ESTATE_MANAGER: [
        _("Answer the orders and complaints of your estate."),
        _("Run your estate's service-week and party-day activities."),
    ],
    Role.FRONTLINE_STAFF: [
        _("Take on and finish the service orders given to you."),
    ],
    Role.PARTNER_STAFF: [
        _("Take on and finish the service orders of your partner firm."),
    ],
    Role.SUBDISTRICT_OFFICER: [
        _("Watch the estates, complaints and tasks of your subdistrict."),
        _("Review the applications of your subdistrict."),
    ],
    Role.DISTRICT_OFFICER: [
        _("Watch the estates, complaints and tasks of your district."),
        _("Import estates and companies; review the applications of the district."),
    ],
    Role.CITY_OFFICER: [
        _("Watch the whole city; import estates and companies."),
        _("Organise the boards, their working groups and tasks."),
    ],
    Role.PARTY_COMMITTEE_OFFICER: [
        _("Guide the party-day activities and the exemplars of the whole city."),
    ],
    Role.ASSOCIATION_STAFF: [
        _("Organise the skills contest and the showcase with the city."),
    ],
    Role.EXPERT: [
        _("Score the entries given to you, never those of your own company."),
    ],
    Role.JUDGE: [
        _("Judge the contests given to you, never entries of your own company."),
    ],
    Role.REVIEWER: [
        _("Review submitted works within 48 hours, never your own company's."),
    ],
    Role.PANEL_CHAIR: [
        _(
            "Check and confirm the expert scores that lie far apart, never those of "
            "your own company's works."
        ),
    ],
    Role.SYSTEM_ADMIN: [
        _("Manage people, roles and the back-office data of the platform."),
    ],
}

CITY_WIDE = pgettext_lazy("scope", "whole city")
OWN_HOUSEHOLD = pgettext_lazy("scope", "own household")


def scope_label(assignment):
    """Where one role assignment applies, in words."""
    kind = SCOPE_OF_ROLE[Role(assignment.role)]
    place = {
        ScopeKind.SELF: OWN_HOUSEHOLD,
        ScopeKind.PARTNER: assignment.partner,
        ScopeKind.SUBDISTRICT: assignment.subdistrict,
        ScopeKind.DISTRICT: assignment.district,
    }
    if kind in place:
        return str(place[kind])
    if kind == ScopeKind.COMPANY:
        if assignment.estate_id:
            return f"{assignment.company} · {assignment.estate}"
        return str(assignment.company)
    if assignment.company_id:
        return f"{CITY_WIDE}（{assignment.company}）"
    return str(CITY_WIDE)


def roles_of(person):
    """``[{"role", "label", "scope", "actions"}]`` of every role ``person`` holds."""
    assignments = person.roles.select_related(
        "company", "estate", "partner", "subdistrict", "district"
    ).order_by("id")
    rows = [
        {
            "role": assignment.role,
            "label": str(assignment.get_role_display()),
            "scope": scope_label(assignment),
            "actions": [str(a) for a in ROLE_ACTIONS[Role(assignment.role)]],
        }
        for assignment in assignments
    ]
    if person.is_superuser and not any(
        row["role"] == Role.SYSTEM_ADMIN for row in rows
    ):
        rows.append(
            {
                "role": Role.SYSTEM_ADMIN.value,
                "label": str(Role.SYSTEM_ADMIN.label),
                "scope": str(CITY_WIDE),
                "actions": [str(a) for a in ROLE_ACTIONS[Role.SYSTEM_ADMIN]],
            }
        )
    return rows
