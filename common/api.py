"""The JSON API's shared parts: the error envelope and its handlers.

Every error the API returns has one shape, ``ErrorOut``: a stable ``code``, a
``message`` in the user's language, per-field ``fields`` messages and the
``request_id`` that the logs carry. Endpoints declare it with
:func:`responses` so that the OpenAPI schema describes every answer.
"""

import logging

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DataError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError
from pydantic import Field

from common.errors import DomainError
from common.middleware import current_request_meta

logger = logging.getLogger(__name__)


class ErrorOut(Schema):
    code: str
    message: str
    fields: dict[str, list[str]] = {}
    request_id: str = ""


ERROR_STATUSES = (400, 401, 403, 404, 409, 422, 429)
MAX_OFFSET = 1_000_000
MAX_LIMIT = 200


def responses(ok_status=200, ok_schema=None, *, extra=None):
    """The ``response=`` mapping of an endpoint: its success and every error."""
    mapping = dict.fromkeys(ERROR_STATUSES, ErrorOut)
    mapping[ok_status] = ok_schema
    mapping.update(extra or {})
    return mapping


def envelope_body(*, code, message, fields=None):
    """The error envelope as a dict: ``{code, message, fields, request_id}``."""
    return {
        "code": code,
        "message": str(message),
        "fields": {
            name: [str(m) for m in msgs] for name, msgs in (fields or {}).items()
        },
        "request_id": current_request_meta().get("request_id", ""),
    }


def envelope(api, request, *, status, code, message, fields=None):
    body = envelope_body(code=code, message=message, fields=fields)
    return api.create_response(request, body, status=status)


def error_envelope_response(*, status, code, message, fields=None):
    """The envelope outside ninja: 404/500 handlers and middleware refusals."""
    return JsonResponse(
        envelope_body(code=code, message=message, fields=fields),
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


class PageParams(Schema):
    """Offset and limit of a list endpoint, bounded so no value overflows.

    Use as ``def list_things(request, page: Query[PageParams])``.
    """

    offset: int = Field(0, ge=0, le=MAX_OFFSET)
    limit: int = Field(50, ge=1, le=MAX_LIMIT)


# pydantic error types and the message each gets; ``%(limit)s`` is filled
# from the error's context key named beside it.
FIELD_MESSAGES = {
    "missing": (gettext_lazy("This field is required."), None),
    "string_too_long": (
        gettext_lazy("Enter at most %(limit)s characters."),
        "max_length",
    ),
    "string_too_short": (
        gettext_lazy("Enter at least %(limit)s characters."),
        "min_length",
    ),
    "int_parsing": (gettext_lazy("Enter a whole number."), None),
    "int_type": (gettext_lazy("Enter a whole number."), None),
    "int_from_float": (gettext_lazy("Enter a whole number."), None),
    "decimal_max_places": (
        gettext_lazy("Enter at most %(limit)s decimal places."),
        "decimal_places",
    ),
    "decimal_parsing": (gettext_lazy("Enter a number."), None),
    "decimal_type": (gettext_lazy("Enter a number."), None),
    "finite_number": (gettext_lazy("Enter a number."), None),
}


def _field_message(error):
    """A translated message for one pydantic error, naming the limit it broke."""
    kind = error.get("type", "")
    if kind in FIELD_MESSAGES:
        message, limit = FIELD_MESSAGES[kind]
        if limit is None:
            return str(message)
        return str(message) % {"limit": (error.get("ctx") or {}).get(limit)}
    if kind.startswith(("less_than", "greater_than", "decimal_whole_digits")):
        return _("This number is out of the allowed range.")
    return _("This value is missing or not valid.")


def _location(loc):
    parts = [
        str(part) for part in loc if part not in ("body", "query", "path", "payload")
    ]
    return ".".join(parts) or "__all__"


def install_error_handlers(api):
    @api.exception_handler(DomainError)
    def domain_error(request, exc):
        return envelope(
            api,
            request,
            status=exc.status,
            code=exc.code,
            message=exc.message,
            fields=exc.fields,
        )

    @api.exception_handler(NinjaValidationError)
    def invalid_input(request, exc):
        fields = {}
        for error in exc.errors:
            fields.setdefault(_location(error.get("loc", ())), []).append(
                _field_message(error)
            )
        return envelope(
            api,
            request,
            status=422,
            code="invalid_input",
            message=_("Some of the input is not valid."),
            fields=fields,
        )

    @api.exception_handler(ValidationError)
    def model_validation(request, exc):
        fields = (
            exc.message_dict
            if hasattr(exc, "error_dict")
            else {"__all__": exc.messages}
        )
        return envelope(
            api,
            request,
            status=422,
            code="invalid_input",
            message=_("Some of the input is not valid."),
            fields=fields,
        )

    @api.exception_handler(AuthenticationError)
    def unauthenticated(request, exc):
        return envelope(
            api,
            request,
            status=401,
            code="unauthenticated",
            message=_("Please sign in first."),
        )

    @api.exception_handler(PermissionDenied)
    def forbidden(request, exc):
        return envelope(
            api,
            request,
            status=403,
            code="forbidden",
            message=_("You are not allowed to do this."),
        )

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return envelope(
            api,
            request,
            status=404,
            code="not_found",
            message=_("The item does not exist or is not visible to you."),
        )

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        if exc.status_code == 400 and isinstance(exc.__cause__, ValueError):
            # ninja's body parser failed on the JSON (json raises ValueError).
            return envelope(
                api,
                request,
                status=400,
                code="invalid_json",
                message=_("The body of the request is not valid JSON."),
            )
        return envelope(
            api,
            request,
            status=exc.status_code,
            code="http_error",
            message=_("The request cannot be carried out."),
        )

    @api.exception_handler(OverflowError)
    def overflow(request, exc):
        # A number too large for the database (an offset of 2**64 on SQLite).
        return envelope(
            api,
            request,
            status=422,
            code="invalid_input",
            message=_("This number is out of the allowed range."),
        )

    @api.exception_handler(DataError)
    def data_error(request, exc):
        # The database refused a value the validation let through (a text over
        # its column's length on PostgreSQL): an input error, not a crash.
        logger.warning("the database refused a value: %s", type(exc).__name__)
        return envelope(
            api,
            request,
            status=422,
            code="invalid_input",
            message=_("Some of the input is too long or not valid."),
        )

    @api.exception_handler(Exception)
    def unexpected(request, exc):
        logger.exception("unexpected error in the API")
        return envelope(
            api,
            request,
            status=500,
            code="server_error",
            message=_("Something went wrong on our side; please try again later."),
        )
