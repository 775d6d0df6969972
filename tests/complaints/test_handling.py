"""States and honest outcomes: who may do what in which state."""

import pytest
from django.forms.models import model_to_dict

from accounts.roles import Role
from common.audit import history_of
from common.errors import DomainError, InvalidTransition, NotAllowed
from complaints import handling
from complaints.enums import Outcome, State
from complaints.models import Complaint, ComplaintNote, ComplaintRating
from tests.complaints.factories import (
    ComplaintFactory,
    company_staff,
    district_officer,
    estate_without_company,
    file_complaint,
    subdistrict_officer,
)
from tests.factories import EstateFactory, ResidentFactory, person_with_role

pytestmark = pytest.mark.django_db

ACTIONS = {
    "respond": lambda c, u: handling.respond_to_complaint(c, actor=u, text="收到"),
    "resolve": lambda c, u: handling.resolve_complaint(c, actor=u, text="已修复"),
    "pause": lambda c, u: handling.pause_complaint(c, actor=u, reason="等业主"),
    "close": lambda c, u: handling.close_complaint(
        c, actor=u, outcome=Outcome.NOT_OURS, reason="属市政管辖"
    ),
    "recategorise": lambda c, u: handling.recategorise_complaint(
        c, actor=u, category="noise"
    ),
    "confirm": lambda c, u: handling.confirm_complaint(c, actor=u),
    "reopen": lambda c, u: handling.reopen_complaint(c, actor=u, reason="还是坏的"),
}

# (action, state) pairs that succeed for the right person.
ALLOWED = {
    ("respond", State.ROUTED),
    ("resolve", State.RESPONDED),
    ("resolve", State.REOPENED),
    ("pause", State.ROUTED),
    ("pause", State.RESPONDED),
    ("pause", State.REOPENED),
    ("close", State.ROUTED),
    ("close", State.RESPONDED),
    ("close", State.REOPENED),
    ("recategorise", State.ROUTED),
    ("recategorise", State.RESPONDED),
    ("recategorise", State.REOPENED),
    ("confirm", State.RESOLVED),
    ("reopen", State.RESOLVED),
}
RESIDENT_ACTIONS = {"confirm", "reopen"}
STATES = [State.ROUTED, State.RESPONDED, State.RESOLVED, State.REOPENED, State.CLOSED]
ROLES = [
    "complainant",
    "other_resident",
    "handler",
    "other_company",
    "subdistrict",
    "district",
    "city",
]


def person(role, complaint):
    estate = complaint.estate
    return {
        "complainant": lambda: complaint.complainant,
        "other_resident": lambda: ResidentFactory(household__estate=estate),
        "handler": lambda: company_staff(estate, Role.FRONTLINE_STAFF),
        "other_company": lambda: company_staff(EstateFactory()),
        "subdistrict": lambda: subdistrict_officer(estate),
        "district": lambda: district_officer(estate),
        "city": lambda: person_with_role(Role.CITY_OFFICER),
    }[role]()


def in_state(state):
    extra = {"outcome": Outcome.CANNOT_FIX} if state == State.CLOSED else {}
    return ComplaintFactory(state=state, **extra)


def snapshot(complaint):
    complaint = Complaint.objects.get(pk=complaint.pk)
    return (
        model_to_dict(complaint),
        complaint.notes.count(),
        history_of(complaint).count(),
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("action", sorted(ACTIONS))
def test_role_state_action_matrix(role, state, action):
    complaint = in_state(state)
    actor = person(role, complaint)
    rightful = "complainant" if action in RESIDENT_ACTIONS else "handler"
    expected = role == rightful and (action, state) in ALLOWED
    before = snapshot(complaint)

    if expected:
        ACTIONS[action](complaint, actor)
        assert snapshot(complaint) != before
    else:
        with pytest.raises((NotAllowed, InvalidTransition)):
            ACTIONS[action](complaint, actor)
        assert snapshot(complaint) == before


def test_subdistrict_handles_complaints_of_estates_without_company():
    estate = estate_without_company()
    complaint = file_complaint(ResidentFactory(household__estate=estate))

    handling.respond_to_complaint(
        complaint, actor=subdistrict_officer(estate), text="收到"
    )

    complaint.refresh_from_db()
    assert complaint.state == State.RESPONDED


def test_only_resolved_and_confirmed_counts_as_resolved():
    complaint = ComplaintFactory(state=State.RESOLVED)

    assert not complaint.counts_as_resolved
    handling.confirm_complaint(complaint, actor=complaint.complainant)

    complaint.refresh_from_db()
    assert complaint.state == State.CLOSED
    assert complaint.outcome == Outcome.CONFIRMED
    assert complaint.counts_as_resolved


def test_reopening_needs_a_reason_and_clears_the_resolution():
    complaint = ComplaintFactory(state=State.RESOLVED)

    with pytest.raises(DomainError):
        handling.reopen_complaint(complaint, actor=complaint.complainant, reason=" ")
    handling.reopen_complaint(complaint, actor=complaint.complainant, reason="没修好")

    complaint.refresh_from_db()
    assert complaint.state == State.REOPENED
    assert complaint.resolved_at is None
    assert complaint.notes.get().kind == ComplaintNote.Kind.REOPEN


def test_closing_as_duplicate_names_the_original_and_notes_go_there():
    original = ComplaintFactory()
    copy = ComplaintFactory(complainant=original.complainant, estate=original.estate)
    staff = company_staff(original.estate)

    handling.close_complaint(
        copy,
        actor=staff,
        outcome=Outcome.DUPLICATE,
        reason="重复",
        duplicate_of=original,
    )
    note = handling.add_note(copy, actor=copy.complainant, text="补充：三楼也坏了")

    copy.refresh_from_db()
    assert copy.duplicate_of == original
    assert note.complaint == original


def test_duplicate_without_original_is_refused():
    complaint = ComplaintFactory()
    staff = company_staff(complaint.estate)

    with pytest.raises(DomainError):
        handling.close_complaint(
            complaint, actor=staff, outcome=Outcome.DUPLICATE, reason="重复"
        )

    complaint.refresh_from_db()
    assert complaint.state == State.ROUTED


def test_closing_records_the_first_response():
    complaint = ComplaintFactory()

    handling.close_complaint(
        complaint,
        actor=company_staff(complaint.estate),
        outcome=Outcome.CANNOT_FIX,
        reason="需业委会表决",
    )

    complaint.refresh_from_db()
    assert complaint.first_responded_at is not None
    assert complaint.outcome == Outcome.CANNOT_FIX


def test_resident_rates_a_closed_complaint_once():
    complaint = ComplaintFactory(state=State.CLOSED, outcome=Outcome.CONFIRMED)

    handling.rate_complaint(complaint, actor=complaint.complainant, score=4)
    with pytest.raises(DomainError):
        handling.rate_complaint(complaint, actor=complaint.complainant, score=1)

    assert ComplaintRating.objects.get(complaint=complaint).score == 4


@pytest.mark.parametrize("state", [State.ROUTED, State.RESOLVED])
def test_an_open_complaint_cannot_be_rated(state):
    complaint = ComplaintFactory(state=state)

    with pytest.raises(InvalidTransition):
        handling.rate_complaint(complaint, actor=complaint.complainant, score=5)

    assert not ComplaintRating.objects.exists()


def test_others_cannot_rate():
    complaint = ComplaintFactory(state=State.CLOSED, outcome=Outcome.CONFIRMED)

    with pytest.raises(NotAllowed):
        handling.rate_complaint(
            complaint, actor=company_staff(complaint.estate), score=5
        )

    assert not ComplaintRating.objects.exists()


def test_score_out_of_range_is_refused():
    complaint = ComplaintFactory(state=State.CLOSED, outcome=Outcome.CONFIRMED)

    with pytest.raises(DomainError):
        handling.rate_complaint(complaint, actor=complaint.complainant, score=6)

    assert not ComplaintRating.objects.exists()
