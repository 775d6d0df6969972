"""Who may do what in the showcase; imported by the AppConfig."""

from accounts.permissions import is_conflicted, rule, scope_of
from accounts.roles import Role

ORGANISERS = (
    Role.CITY_OFFICER,
    Role.ASSOCIATION_STAFF,
    Role.PARTY_COMMITTEE_OFFICER,
    Role.SYSTEM_ADMIN,
)


def _conflicted(user, obj):
    """Whether ``user`` submitted the work (or finalist's work) ``obj`` or
    works for the company it names: either way they may not judge it."""
    work = getattr(obj, "work", obj)
    return is_conflicted(
        user,
        getattr(work, "company_id", None),
        submitter_id=getattr(work, "submitter_id", None),
    )


@rule("showcase.manage")
def _manage(user, _obj):
    return scope_of(user).has(*ORGANISERS)


@rule("showcase.invalidate_votes")
def _invalidate_votes(user, _obj):
    return scope_of(user).has(*ORGANISERS)


@rule("showcase.submit_work")
def _submit_work(user, _obj):
    return user.is_authenticated


@rule("showcase.edit_work")
def _edit_work(user, work):
    return work is not None and work.submitter_id == user.pk


@rule("showcase.review_work")
def _review_work(user, work):
    return scope_of(user).has(Role.REVIEWER) and not _conflicted(user, work)


@rule("showcase.score_work")
def _score_work(user, finalist):
    return scope_of(user).has(Role.EXPERT) and not _conflicted(user, finalist)


@rule("showcase.confirm_scores")
def _confirm_scores(user, finalist):
    return scope_of(user).has(Role.PANEL_CHAIR) and not _conflicted(user, finalist)


@rule("showcase.view_scores")
def _view_scores(user, obj):
    return scope_of(user).has(*ORGANISERS) and not _conflicted(user, obj)
