"""Issuing, checking and revoking bearer tokens of the JSON API."""

import datetime as dt
import functools
import hashlib
import secrets
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from accounts.models import ApiToken, User
from common import sqlrows

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


@functools.cache
def _holder_sql():
    # Every API request runs it: hand-written, since building it with the ORM
    # costs several times the CPU PostgreSQL spends answering it (common.sqlrows).
    return (
        f"SELECT {sqlrows.columns(User, 'u')} FROM accounts_apitoken t"  # noqa: S608 -- column names of the model
        " JOIN accounts_user u ON u.id = t.user_id"
        " WHERE t.digest = %s AND t.revoked_at IS NULL AND t.expires_at > %s"
    )


def user_of_token(raw):
    """The active person holding ``raw``; None if unknown, expired or revoked."""
    return user_of_digest(digest_of(raw))


def user_of_digest(digest):
    """The active person holding the token with ``digest``, or None."""
    now = connection.ops.adapt_datetimefield_value(timezone.now())
    row = sqlrows.fetch_one(_holder_sql(), [digest, now])
    if row is None:
        return None
    user = sqlrows.instance(User, row)
    return user if user.is_active else None


@dataclass(frozen=True)
class BearerToken:
    """A presented bearer token whose holder has not been looked up yet.

    The API gives it instead of a person to an endpoint that checks the token
    in its own statement (the vote, :mod:`showcase.services.vote_statement`),
    which saves a round trip to the database on its hottest path. Whoever
    receives one must refuse it as unauthenticated when no active person
    holds the token (:func:`user_of_digest` is the same check in Python).
    """

    digest: str
    is_authenticated = True

    def holder(self):
        return user_of_digest(self.digest)


def revoke_token(raw):
    ApiToken.objects.filter(digest=digest_of(raw), revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
