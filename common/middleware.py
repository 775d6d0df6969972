"""Request ids and one log line per request."""

import contextvars
import logging
import time
import uuid

logger = logging.getLogger("hongguanjia.request")

_request_meta = contextvars.ContextVar("request_meta", default=None)


def current_request_meta():
    """Request id and client address of the request being served, if any."""
    return _request_meta.get() or {}


def client_ip(request):
    # Behind the production proxy the client address arrives in X-Real-IP,
    # which nginx sets itself (docs/deployment.md); a client cannot forge it.
    return request.META.get("HTTP_X_REAL_IP") or request.META.get("REMOTE_ADDR")


class RequestIdLogFilter(logging.Filter):
    def filter(self, record):
        record.request_id = current_request_meta().get("request_id", "-")
        return True


class RequestIdMiddleware:
    """Gives every request an id, returns it as ``X-Request-ID`` and logs it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = uuid.uuid4().hex
        request.request_id = request_id
        token = _request_meta.set({"request_id": request_id, "ip": client_ip(request)})
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = request_id
            logger.info(
                "%s %s %s %.1fms",
                request.method,
                request.path,
                response.status_code,
                (time.perf_counter() - started) * 1000,
            )
            return response
        finally:
            _request_meta.reset(token)
