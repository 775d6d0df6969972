"""Issuing, checking and revoking bearer tokens of the JSON API."""

import datetime as dt
import hashlib
import secrets

from django.utils import timezone

from accounts.models import ApiToken

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


def user_of_token(raw):
    """The active person holding ``raw``; None if unknown, expired or revoked."""
    token = (
        ApiToken.objects.select_related("user")
        .filter(
            digest=digest_of(raw),
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    return token.user


def revoke_token(raw):
    ApiToken.objects.filter(digest=digest_of(raw), revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )
