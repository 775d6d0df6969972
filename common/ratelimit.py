"""Fixed-window rate limits on the shared cache (Redis in production).

The counters live in the cache, not in process memory, so a limit holds for
the whole deployment however many app servers serve it. :func:`check`
counts requests in a fixed window (e.g. SMS codes sent per number per hour);
:class:`Lockout` locks a key out after repeated failures (e.g. wrong codes or
passwords per number and per IP address).
"""

import hashlib
import logging
import math
import weakref

from django.conf import settings
from django.core.cache import cache, caches
from django.core.cache.backends.redis import RedisCache
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from common.errors import DomainError

logger = logging.getLogger(__name__)


class RateLimited(DomainError):
    code = "rate_limited"
    status = 429
    default_message = _("Too many requests; please wait a moment and try again.")


def hit(scope, key, *, limit, window):
    """Count one event for ``(scope, key)``; False once ``limit`` is passed.

    ``window`` is in seconds; the count starts afresh in each window.
    """
    return hits([(scope, key)], window=window)[0] <= limit


def hits(events, *, window):
    """Count one event for each ``(scope, key)`` of ``events``: how many each
    has had in the current window of ``window`` seconds, in the same order.

    On Redis all the counters go up in one round trip; on another cache
    backend (the database table without Redis) one after the other.
    """
    bucket = int(timezone.now().timestamp()) // window
    keys = [f"rl:{scope}:{key_digest(key)}:{bucket}" for scope, key in events]
    backend = caches["default"]
    if isinstance(backend, RedisCache):
        return _redis_counts(backend, keys, timeout=window + 1)
    return [_cache_count(backend, key, timeout=window + 1) for key in keys]


# Creates each counter with its expiry unless it exists, then increments it.
# A script runs atomically, so no counter is ever left without an expiry, and
# all the counters take one round trip. The values are the plain integers the
# cache's own add/incr store.
HITS_SCRIPT = """
local counts = {}
for i, key in ipairs(KEYS) do
  redis.call('SET', key, 0, 'EX', ARGV[1], 'NX')
  counts[i] = redis.call('INCR', key)
end
return counts
"""
HITS_SCRIPT_SHA = hashlib.sha1(HITS_SCRIPT.encode()).hexdigest()  # noqa: S324 -- Redis names scripts by SHA-1


def _redis_counts(backend, keys, *, timeout):
    from redis.exceptions import NoScriptError

    names = [backend.make_and_validate_key(key) for key in keys]
    client = _redis_client(backend)
    try:
        counts = client.evalsha(HITS_SCRIPT_SHA, len(names), *names, timeout)
    except NoScriptError:  # the server's script cache is empty (e.g. restarted)
        counts = client.eval(HITS_SCRIPT, len(names), *names, timeout)
    return [int(count) for count in counts]


# One client per connection pool: the cache's own get_client builds a new
# client object per call, which costs more CPU than the round trip itself.
_redis_clients = weakref.WeakKeyDictionary()


def _redis_client(backend):
    pool = backend._cache._get_connection_pool(True)
    client = _redis_clients.get(pool)
    if client is None:
        client = _redis_clients[pool] = backend._cache._client(connection_pool=pool)
    return client


def _cache_count(backend, key, *, timeout):
    backend.add(key, 0, timeout=timeout)
    try:
        return backend.incr(key)
    except ValueError:
        backend.set(key, 1, timeout=timeout)
        return 1


def check(scope, key, *, limit, window, message=None):
    """Raise :class:`RateLimited` when ``(scope, key)`` is over its limit."""
    if not hit(scope, key, limit=limit, window=window):
        raise RateLimited(message)


def key_digest(key):
    """A keyed digest of ``key`` (32 hex digits) to count it under.

    Keys are often mobile numbers or addresses: they stay out of the cache
    (Redis) and the database in the clear.
    """
    return hashlib.sha256(f"{settings.SECRET_KEY}:{key}".encode()).hexdigest()[:32]


class Lockout:
    """Locks a key out for ``lockout`` seconds after ``failures`` failures.

    Failures are counted within a sliding ``window`` of seconds (reset by a
    success). Use one per purpose and kind of key, e.g.::

        SMS_CODE_BY_MOBILE = Lockout("sms-code-mobile", failures=5)
        SMS_CODE_BY_IP = Lockout("sms-code-ip", failures=20)

        SMS_CODE_BY_MOBILE.ensure_open(mobile)   # raises RateLimited if locked
        if not code_ok:
            SMS_CODE_BY_MOBILE.failed(mobile)
        else:
            SMS_CODE_BY_MOBILE.succeeded(mobile)

    The state lives in the shared cache, so it holds across app servers.
    """

    def __init__(self, scope, *, failures=5, window=15 * 60, lockout=15 * 60):
        self.scope = scope
        self.failures = failures
        self.window = window
        self.lockout = lockout

    def _keys(self, key):
        digest = key_digest(key)
        return f"lo:{self.scope}:n:{digest}", f"lo:{self.scope}:until:{digest}"

    def locked_for(self, key):
        """Seconds until ``key`` may try again; 0 when it is not locked."""
        _count_key, until_key = self._keys(key)
        until = cache.get(until_key)
        if until is None:
            return 0
        return max(0, int(until - timezone.now().timestamp()))

    def ensure_open(self, key):
        remaining = self.locked_for(key)
        if remaining:
            minutes = max(1, math.ceil(remaining / 60))
            raise RateLimited(
                _("Too many failed attempts; please try again in %(minutes)s minutes.")
                % {"minutes": minutes}
            )

    def failed(self, key):
        """Count one failure; locks ``key`` when it reaches the limit.

        Returns True when this failure locked the key.
        """
        count_key, until_key = self._keys(key)
        cache.add(count_key, 0, timeout=self.window)
        try:
            count = cache.incr(count_key)
        except ValueError:
            cache.set(count_key, 1, timeout=self.window)
            count = 1
        if count >= self.failures:
            until = timezone.now().timestamp() + self.lockout
            cache.set(until_key, until, timeout=self.lockout + 1)
            cache.delete(count_key)
            logger.warning("lockout of %s for %ss", self.scope, self.lockout)
            return True
        return False

    def succeeded(self, key):
        count_key, _until_key = self._keys(key)
        cache.delete(count_key)


def guard(lockouts_and_keys):
    """``ensure_open`` for several ``(lockout, key)`` pairs at once."""
    for lockout, key in lockouts_and_keys:
        if key:
            lockout.ensure_open(key)


def fail(lockouts_and_keys):
    for lockout, key in lockouts_and_keys:
        if key:
            lockout.failed(key)
