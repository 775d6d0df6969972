"""Who may see a person's mobile and resident ID number in full.

The person themself and system administrators see them whole; everybody else
sees the masked form of :mod:`common.masking`. Pages, the API and the admin
all go through :func:`shown_mobile` and :func:`shown_resident_id`.
"""

from accounts.permissions import scope_of
from accounts.roles import Role
from common.masking import mask_mobile, mask_resident_id


def may_see_identity(viewer, person):
    """True when ``viewer`` may see ``person``'s full mobile and ID number."""
    if viewer is None or not viewer.is_authenticated or not viewer.is_active:
        return False
    if viewer.pk == person.pk:
        return True
    return scope_of(viewer).has(Role.SYSTEM_ADMIN)


def shown_mobile(viewer, person):
    if not person.mobile:
        return ""
    if may_see_identity(viewer, person):
        return person.mobile
    return mask_mobile(person.mobile)


def shown_resident_id(viewer, person):
    if not person.resident_id:
        return ""
    if may_see_identity(viewer, person):
        return person.resident_id
    return mask_resident_id(person.resident_id)


def identity_on_page(viewer, person, *, reveal=False):
    """The numbers as a page shows them: masked unless asked for and allowed.

    Pages mask even the person's own numbers until they ask to see them, as
    a phone screen is easily read over a shoulder.
    """
    revealed = reveal and may_see_identity(viewer, person)
    if revealed:
        mobile, resident_id = person.mobile or "", person.resident_id
    else:
        mobile = mask_mobile(person.mobile) if person.mobile else ""
        resident_id = mask_resident_id(person.resident_id)
    return {"mobile": mobile, "resident_id": resident_id, "revealed": revealed}


def with_care_flag(queryset, household="household_id"):
    """``queryset`` with ``in_care`` set on each row whose household is a care
    household (elderly living alone, a disabled member).

    The numbers and address of such a household are masked in every list,
    for system administrators too; only a page showing one of them whole
    shows them, and that page is a logged reveal (``common.admin``).
    """
    from django.apps import apps
    from django.db.models import Exists, OuterRef

    recipients = apps.get_model("serviceweek", "CareRecipient").objects
    return queryset.annotate(
        in_care=Exists(recipients.filter(household_id=OuterRef(household)))
    )


def listed_mobile(viewer, person):
    """The mobile as a list shows it: masked for a care household's member."""
    if getattr(person, "in_care", False):
        return mask_mobile(person.mobile) if person.mobile else ""
    return shown_mobile(viewer, person)
