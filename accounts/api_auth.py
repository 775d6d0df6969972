"""Authentication of the JSON API: a bearer token, or the page session.

Endpoints that need a signed-in person pass ``auth=API_AUTH``; the person is
then ``request.auth`` (and ``request.user``).
"""

from ninja.security import HttpBearer, django_auth

from accounts.tokens import user_of_token


class TokenAuth(HttpBearer):
    def authenticate(self, request, token):
        user = user_of_token(token)
        if user is not None:
            request.user = user
        return user


API_AUTH = [TokenAuth(), django_auth]
