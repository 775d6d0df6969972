"""The one way a state machine moves.

Each state machine declares its moves beside its ``TextChoices`` as a mapping
``{from_state: {to_state, ...}}``. :func:`transition` checks the move and the
actor, saves the changed fields, writes the audit entry and queues the
callbacks (notifications) to run after the transaction commits.
"""

from django.db import transaction

from common import audit
from common.errors import InvalidTransition, NotAllowed


def transition(
    obj,
    to_state,
    *,
    actor,
    table,
    action,
    allowed=True,
    field="state",
    changes=None,
    reason="",
    after_commit=(),
):
    """Move ``obj`` from its current state to ``to_state``.

    ``allowed`` is the result of the caller's permission rule for this actor;
    ``changes`` are further field values saved with the move. Side effects, in
    order: the row is saved (only the changed fields), one audit entry
    ``action`` is written with before and after values, and each callable of
    ``after_commit`` runs once the transaction has committed.
    """
    if not allowed:
        raise NotAllowed()
    current = getattr(obj, field)
    if to_state not in table.get(current, ()):
        raise InvalidTransition()
    changes = dict(changes or {})
    changes[field] = to_state
    with transaction.atomic():
        before = {name: getattr(obj, name) for name in changes}
        for name, value in changes.items():
            setattr(obj, name, value)
        obj.save(update_fields=list(changes))
        audit.record(
            action, obj, actor=actor, before=before, after=changes, reason=reason
        )
        for callback in after_commit:
            transaction.on_commit(callback)
    return obj
