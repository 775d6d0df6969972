"""Errors that a person may see.

Services raise :class:`DomainError` (or a subclass) with a stable ``code`` and
a translated ``message``; pages show the message, the API wraps both in the
one error envelope. Nothing else about an exception reaches a user.
"""

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    code = "invalid"
    status = 400
    default_message = _("The request cannot be carried out.")

    def __init__(self, message=None, *, code=None, fields=None, status=None):
        self.message = message or self.default_message
        if code:
            self.code = code
        if status:
            self.status = status
        self.fields = fields or {}
        super().__init__(self.code)


class Unauthenticated(DomainError):
    code = "unauthenticated"
    status = 401
    default_message = _("Please sign in first.")


class NotAllowed(DomainError):
    code = "forbidden"
    status = 403
    default_message = _("You are not allowed to do this.")


class NotFound(DomainError):
    code = "not_found"
    status = 404
    default_message = _("The item does not exist or is not visible to you.")


class Conflict(DomainError):
    code = "conflict"
    status = 409
    default_message = _("The item was changed in the meantime; reload and retry.")


class InvalidTransition(Conflict):
    code = "invalid_transition"
    default_message = _("This step is not possible in the current state.")
