"""Permission rules of complaints, registered at start-up."""

from accounts.permissions import rule, scope_of
from accounts.roles import COMPANY_ROLES, Role


def is_handler(user, complaint):
    """Staff of the company the complaint went to, or of its subdistrict."""
    scope = scope_of(user)
    if complaint.company_id is not None:
        return bool(scope.roles & COMPANY_ROLES) and (
            complaint.company_id in scope.company_ids
        )
    return scope.has(Role.SUBDISTRICT_OFFICER) and (
        complaint.subdistrict_id in scope.subdistrict_ids
    )


@rule("complaints.submit")
def _submit(user, _estate):
    return user.is_authenticated


@rule("complaints.enter_for_resident")
def _enter_for_resident(user, estate):
    from complaints.selectors import estates_for_hotline

    return estates_for_hotline(user).filter(pk=estate.pk).exists()


@rule("complaints.handle")
def _handle(user, complaint):
    return is_handler(user, complaint)


@rule("complaints.act_as_complainant")
def _act_as_complainant(user, complaint):
    return complaint.complainant_id == user.pk


@rule("complaints.add_note")
def _add_note(user, complaint):
    return complaint.complainant_id == user.pk or is_handler(user, complaint)


@rule("complaints.view_summary")
def _view_summary(user, place):
    """``place`` is a :class:`complaints.summary.Place`."""
    from complaints.summary import places_for

    return place in places_for(user)


@rule("complaints.use_console")
def _use_console(user, _obj):
    scope = scope_of(user)
    return scope.is_company_staff or scope.is_official
