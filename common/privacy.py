"""Full views of personal data are logged in the audit log.

Lists, pages, API answers and exports show personal data masked
(``common.masking``). Where a person who needs it opens the whole value
(a phone number to call back, an ID number to check), the view calls
:func:`reveal`, which returns the values and appends a ``privacy.reveal``
audit entry naming the fields, never their values::

    values = reveal(resident, actor=request.user, fields=["mobile"],
                    purpose="call back about complaint 12")
"""

from common import audit

REVEAL_ACTION = "privacy.reveal"


def reveal(obj, *, actor, fields, purpose=""):
    """The values of ``fields`` of ``obj``, recorded as seen by ``actor``."""
    values = {name: getattr(obj, name) for name in fields}
    audit.record(
        REVEAL_ACTION,
        obj,
        actor=actor,
        after={"fields": ",".join(fields)},
        reason=purpose,
    )
    return values


def reveals_of(obj):
    """Who saw the personal data of ``obj`` in full, newest first."""
    return audit.history_of(obj).filter(action=REVEAL_ACTION)
