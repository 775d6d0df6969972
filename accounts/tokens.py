"""Issuing, checking and revoking bearer tokens of the JSON API."""

import datetime as dt
import hashlib
import secrets

from django.db import connection
from django.utils import timezone

from accounts.models import ApiToken, User

TOKEN_LIFETIME = dt.timedelta(days=30)


def digest_of(raw):
    return hashlib.sha256(raw.encode()).hexdigest()


def issue_token(user, *, device="", lifetime=TOKEN_LIFETIME):
    """A new raw token for ``user``; it is shown once and stored only hashed."""
    raw = secrets.token_urlsafe(32)
    ApiToken.objects.create(
        user=user,
        digest=digest_of(raw),
        expires_at=timezone.now() + lifetime,
        device=device[:100],
    )
    return raw


# Every API request reads its token: one plain query, a raw one because
# building the same query with the ORM costs several times more CPU than
# PostgreSQL spends answering it.
HOLDER_SQL = (
    "SELECT u.* FROM accounts_apitoken t JOIN accounts_user u ON u.id = t.user_id"
    " WHERE t.digest = %s AND t.revoked_at IS NULL AND t.expires_at > %s"
)


def user_of_token(raw):
    """The active person holding ``raw``; None if unknown, expired or revoked."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    found = list(User.objects.raw(HOLDER_SQL, [digest_of(raw), now]))
    if not found or not found[0].is_active:
        return None
    return found[0]


def revoke_token(raw):
    ApiToken.objects.filter(digest=digest_of(raw), revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
