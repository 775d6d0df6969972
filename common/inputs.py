"""Checks of free text taken from a request outside a Django form.

A value over its column's length is refused with a message, never cut short
silently: ``note=within(request.POST.get("note", ""), 200)``.
"""

from django.utils.translation import gettext_lazy as _

from common.errors import DomainError


class TextTooLong(DomainError):
    code = "text_too_long"
    status = 422


def within(value, limit):
    """``value`` unchanged, or :class:`TextTooLong` when over ``limit``."""
    value = value or ""
    if len(value) > limit:
        raise TextTooLong(_("Enter at most %(limit)s characters.") % {"limit": limit})
    return value
