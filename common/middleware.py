"""Request ids and one log line per request.

Every request gets an id: the one nginx passes in ``X-Request-ID`` when it is
a plain token (so the proxy's access log and ours line up), otherwise a new
random one. It is returned in the ``X-Request-ID`` response header, carried by
every log record of the request (``RequestIdLogFilter``) and by every error
envelope and error page. One line per request is logged by the
``hongguanjia.request`` logger: method, path, status and duration, also when
the view raised (status 500 then). Query strings are not logged, since they
may carry personal data.
"""

import contextvars
import ipaddress
import logging
import re
import time
import uuid

logger = logging.getLogger("hongguanjia.request")

_request_meta = contextvars.ContextVar("request_meta", default=None)

INCOMING_ID_RE = re.compile(r"^[A-Za-z0-9-]{8,64}$")


def current_request_meta():
    """Request id and client address of the request being served, if any."""
    return _request_meta.get() or {}


def current_request_id():
    return current_request_meta().get("request_id", "")


def client_ip(request):
    """The client's IP address, or None if neither source holds a valid one.

    Behind the production proxy the client address arrives in X-Real-IP,
    which nginx sets itself (docs/deployment.md); a client cannot forge it.
    Where nginx is not in front (development, a misconfiguration) anything
    may arrive there, so a value that is not an address is ignored.
    """
    for value in (
        request.META.get("HTTP_X_REAL_IP"),
        request.META.get("REMOTE_ADDR"),
    ):
        if value and _is_ip(value.strip()):
            return value.strip()
    return None


def _is_ip(value):
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def request_id_of(request):
    incoming = request.META.get("HTTP_X_REQUEST_ID", "")
    if INCOMING_ID_RE.match(incoming):
        return incoming
    return uuid.uuid4().hex


class RequestIdLogFilter(logging.Filter):
    def filter(self, record):
        record.request_id = current_request_meta().get("request_id", "-")
        return True


class RequestIdMiddleware:
    """Gives every request an id, returns it as ``X-Request-ID`` and logs it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = request_id_of(request)
        request.request_id = request_id
        token = _request_meta.set({"request_id": request_id, "ip": client_ip(request)})
        started = time.perf_counter()
        status = 500
        try:
            response = self.get_response(request)
            status = response.status_code
            response["X-Request-ID"] = request_id
            return response
        finally:
            self._log(request, status, started)
            _request_meta.reset(token)

    @staticmethod
    def _log(request, status, started):
        if status >= 500:
            level = logging.ERROR
        elif status >= 400:
            level = logging.WARNING
        else:
            level = logging.INFO
        logger.log(
            level,
            "%s %s %s %.1fms",
            request.method,
            request.path,
            status,
            (time.perf_counter() - started) * 1000,
        )


NUL = "nul"
SURROGATE = "surrogate"
_SURROGATE_RE = re.compile("[\ud800-\udfff]")


def _text_fault(text):
    """``NUL`` or ``SURROGATE`` when ``text`` holds such a character, else None.

    A lone UTF-16 surrogate arrives only through a JSON escape ("\\ud800"):
    UTF-8 has no encoding for it, so neither the database nor a response can
    hold it.
    """
    if "\x00" in text:
        return NUL
    if _SURROGATE_RE.search(text):
        return SURROGATE
    return None


def _querydict_fault(querydict):
    for key, values in querydict.lists():
        for text in (key, *values):
            fault = _text_fault(text)
            if fault:
                return fault
    return None


def _json_fault(value):
    if isinstance(value, str):
        return _text_fault(value)
    if isinstance(value, dict):
        items = (part for pair in value.items() for part in pair)
    elif isinstance(value, list):
        items = value
    else:
        return None
    for item in items:
        fault = _json_fault(item)
        if fault:
            return fault
    return None


def unstorable_text(request):
    """``NUL`` or ``SURROGATE`` when a text value of the request (query,
    form, JSON) holds a character that cannot be stored, else None.

    File contents are not looked at: binary files hold NUL bytes by nature.
    """
    import json

    fault = _querydict_fault(request.GET)
    if fault or request.method in {"GET", "HEAD", "OPTIONS"}:
        return fault
    content_type = request.content_type or ""
    if content_type in {"multipart/form-data", "application/x-www-form-urlencoded"}:
        return _querydict_fault(request.POST)
    if content_type.endswith("json"):
        try:
            return _json_fault(json.loads(request.body or b"null"))
        except ValueError:
            return None  # not JSON: the endpoint's own parser refuses it
    return None


class RefuseNulMiddleware:
    """Refuses requests whose text holds a NUL character or a lone surrogate,
    with a clear message.

    PostgreSQL cannot store NUL in text, and nothing encodes a lone surrogate
    as UTF-8, so such a value would otherwise fail deep inside a write;
    refusing it here covers every form and endpoint.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        fault = unstorable_text(request)
        if fault:
            return self.refusal(request, fault)
        return self.get_response(request)

    @staticmethod
    def refusal(request, fault):
        from django.shortcuts import render
        from django.utils.translation import gettext as _

        from common.api import error_envelope_response

        if fault == NUL:
            code = "nul_character"
            message = _(
                "The text you sent contains an invisible NUL character, which "
                "cannot be stored; please remove it and try again."
            )
        else:
            code = "invalid_character"
            message = _(
                "The text you sent contains an invalid character (half of an "
                "encoded character), which cannot be stored; please remove it "
                "and try again."
            )
        if request.path.startswith("/api/"):
            return error_envelope_response(status=400, code=code, message=message)
        return render(
            request,
            "common/error.html",
            {"status": 400, "message": message, "request_id": current_request_id()},
            status=400,
        )


class MethodNotAllowedPageMiddleware:
    """A 405 (a form-only address opened by a link or a reload) as the site's
    Chinese error page, or the API's error envelope, instead of the empty
    answer Django's ``require_POST`` gives; the ``Allow`` header is kept."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 405 or response.get("Content-Type", "").startswith(
            "application/json"
        ):
            return response
        from common.views import method_not_allowed

        page = method_not_allowed(request)
        if response.has_header("Allow"):
            page["Allow"] = response["Allow"]
        return page
