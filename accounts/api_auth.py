"""Authentication of the JSON API: a bearer token, or the page session.

Endpoints that need a signed-in person pass ``auth=API_AUTH``; the person is
then ``request.auth`` (and ``request.user``). The vote passes
``auth=DEFERRED_AUTH``: a bearer token then arrives as an unchecked
:class:`accounts.tokens.BearerToken`, which the vote checks in its own
statement; a page session still gives the person.
"""

from ninja.security import HttpBearer, django_auth

from accounts.tokens import BearerToken, digest_of, user_of_token


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


API_AUTH = [TokenAuth(), django_auth]
DEFERRED_AUTH = [TokenAuth(deferred=True), django_auth]
