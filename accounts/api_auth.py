"""Authentication of the JSON API: a bearer token, or the page session.

Endpoints that need a signed-in person pass ``auth=API_AUTH``; the person is
then ``request.auth`` (and ``request.user``). The vote passes
``auth=DEFERRED_AUTH``: a bearer token then arrives as an unchecked
:class:`accounts.tokens.BearerToken`, which the vote checks in its own
statement; a page session still gives the person.
"""

from django.utils.translation import gettext_lazy as _
from ninja.errors import HttpError
from ninja.security import HttpBearer
from ninja.security.session import SessionAuth as NinjaSessionAuth

from accounts.tokens import BearerToken, digest_of, user_of_token
from common.errors import DomainError


class CsrfFailed(DomainError):
    code = "csrf_failed"
    status = 403
    default_message = _("The page has expired; please reload it and try again.")


class SessionAuth(NinjaSessionAuth):
    """The page session. Its CSRF check runs only for a signed-in person, so
    that a call without any sign-in is told to sign in (401) rather than
    refused for a missing form token (403)."""

    def __call__(self, request):
        if not request.user.is_authenticated:
            return None
        try:
            return super().__call__(request)
        except HttpError as refusal:  # ninja's CSRF check
            raise CsrfFailed() from refusal


class TokenAuth(HttpBearer):
    # One class for both kinds, so that the OpenAPI schema names one scheme.
    def __init__(self, *, deferred=False):
        super().__init__()
        self.deferred = deferred

    def authenticate(self, request, token):
        if self.deferred:
            return BearerToken(digest_of(token))
        user = user_of_token(token)
        if user is not None:
            request.user = user
        return user


SESSION_AUTH = SessionAuth()
API_AUTH = [TokenAuth(), SESSION_AUTH]
DEFERRED_AUTH = [TokenAuth(deferred=True), SESSION_AUTH]
