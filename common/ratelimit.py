"""Fixed-window rate limits on the shared cache (Redis in production).

The counters live in the cache, not in process memory, so a limit holds for
the whole deployment however many app servers serve it.
"""

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.errors import DomainError


class RateLimited(DomainError):
    code = "rate_limited"
    status = 429
    default_message = _("Too many requests; please wait a moment and try again.")


def hit(scope, key, *, limit, window):
    """Count one event for ``(scope, key)``; False once ``limit`` is passed.

    ``window`` is in seconds; the count starts afresh in each window.
    """
    bucket = int(timezone.now().timestamp()) // window
    cache_key = f"rl:{scope}:{key}:{bucket}"
    cache.add(cache_key, 0, timeout=window + 1)
    try:
        count = cache.incr(cache_key)
    except ValueError:
        cache.set(cache_key, 1, timeout=window + 1)
        count = 1
    return count <= limit


def check(scope, key, *, limit, window, message=None):
    """Raise :class:`RateLimited` when ``(scope, key)`` is over its limit."""
    if not hit(scope, key, limit=limit, window=window):
        raise RateLimited(message)
