"""Locking out password guessing on the staff sign-in.

After :data:`ACCOUNT_LIMIT` wrong passwords for one username, or
:data:`IP_LIMIT` from one client address, within :data:`WINDOW` seconds,
sign-in is refused for that username or address until the window ends, even
with the right password. The counters live in the shared cache; on the
database cache they are not exact under simultaneous requests (see
docs/limitations.md), on Redis they are. Anyone who knows a username can keep
it locked by guessing wrongly; a lock ends by itself when its window does.
"""

import hashlib
import logging

from django.core.cache import cache

logger = logging.getLogger(__name__)

ACCOUNT_LIMIT = 5
IP_LIMIT = 20
WINDOW = 15 * 60


def _keys(username, ip):
    name = hashlib.sha256(str(username or "").strip().lower().encode()).hexdigest()
    return f"lockout:user:{name[:32]}", f"lockout:ip:{ip or '-'}"


def is_locked(username, ip):
    user_key, ip_key = _keys(username, ip)
    return cache.get(user_key, 0) >= ACCOUNT_LIMIT or cache.get(ip_key, 0) >= IP_LIMIT


def record_failure(username, ip):
    for key in _keys(username, ip):
        cache.add(key, 0, timeout=WINDOW)
        try:
            count = cache.incr(key)
        except ValueError:
            cache.set(key, 1, timeout=WINDOW)
            count = 1
        if count in (ACCOUNT_LIMIT, IP_LIMIT):
            logger.warning("staff sign-in locked after repeated wrong passwords")


def clear_failures(username, ip):
    cache.delete(_keys(username, ip)[0])
