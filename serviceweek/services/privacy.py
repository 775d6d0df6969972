"""How much of a resident's contact an order shows to whom.

The resident, and whoever booked for them, see their own details. Partner
staff see a masked name and phone until the order is assigned; from then on
only the assigned worker sees the name, phone and address in full, while the
service is due. Every full showing to someone other than the resident side
is written to the audit log as ``serviceweek.order.reveal_contact``.
"""

from common import audit
from common.masking import mask_address, mask_mobile, mask_name
from serviceweek.enums import OrderState

REVEAL_STATES = frozenset({OrderState.ASSIGNED, OrderState.IN_SERVICE})


def _full(order):
    resident = order.resident
    return {
        "name": resident.full_name or resident.username,
        "mobile": resident.mobile or "",
        "address": f"{order.household.estate.address} {order.household}",
        "masked": False,
    }


def masked_contact(order):
    full = _full(order)
    return {
        "name": mask_name(full["name"]),
        "mobile": mask_mobile(full["mobile"]),
        "address": mask_address(full["address"]),
        "masked": True,
    }


def may_see_contact(order, viewer):
    if viewer.pk in (order.resident_id, order.booked_by_id):
        return True
    return order.worker_id == viewer.pk and order.state in REVEAL_STATES


def contact_for(order, *, viewer):
    """The contact block of ``order`` as ``viewer`` may see it (logs reveals)."""
    if not may_see_contact(order, viewer):
        return masked_contact(order)
    if viewer.pk not in (order.resident_id, order.booked_by_id):
        audit.record("serviceweek.order.reveal_contact", order, actor=viewer)
    return _full(order)
