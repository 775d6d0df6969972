"""Sign-in for the mini-program: SMS codes, bearer tokens, WeChat, the profile."""

import datetime as dt

from django.contrib.auth import SESSION_KEY, logout
from ninja import Router, Schema
from ninja.responses import Status

from accounts.api_auth import API_AUTH
from accounts.capabilities import roles_of
from accounts.models import ApiToken
from accounts.privacy import shown_mobile, shown_resident_id
from accounts.services import bind_wechat, sign_in_with_code, wechat_sign_in
from accounts.sms_codes import send_code
from accounts.tokens import digest_of, issue_token, revoke_token
from common.api import responses
from common.middleware import client_ip

router = Router(tags=["accounts"])


class SmsCodeIn(Schema):
    mobile: str


class SmsCodeOut(Schema):
    resend_after: int


class RoleOut(Schema):
    role: str
    label: str
    scope: str


class MeOut(Schema):
    id: int
    full_name: str
    mobile: str
    mobile_verified: bool
    resident_id: str
    wechat_bound: bool
    roles: list[RoleOut]


class TokenIn(Schema):
    mobile: str
    code: str
    device: str = ""


class TokenOut(Schema):
    token: str
    expires_at: dt.datetime
    person: MeOut


class WechatLoginIn(Schema):
    code: str
    device: str = ""


class WechatLoginOut(Schema):
    signed_in: bool
    token: str | None = None
    expires_at: dt.datetime | None = None
    person: MeOut | None = None
    ticket: str | None = None


class WechatBindIn(Schema):
    ticket: str
    mobile: str
    code: str
    device: str = ""


def _me(viewer, person):
    return {
        "id": person.pk,
        "full_name": person.full_name,
        "mobile": shown_mobile(viewer, person),
        "mobile_verified": person.is_verified_person,
        "resident_id": shown_resident_id(viewer, person),
        "wechat_bound": bool(person.wechat_openid),
        "roles": roles_of(person),
    }


def _token_for(request, person, device):
    raw = issue_token(
        person, device=device or request.headers.get("User-Agent", "")[:100]
    )
    token = ApiToken.objects.get(digest=digest_of(raw))
    return {"token": raw, "expires_at": token.expires_at, "person": _me(person, person)}


@router.post("/sms-code", response=responses(200, SmsCodeOut), auth=None)
def request_sms_code(request, payload: SmsCodeIn):
    """Send a sign-in code to a mobile number (rate limited per number and IP)."""
    return {"resend_after": send_code(payload.mobile, ip=client_ip(request))}


@router.post("/token", response=responses(200, TokenOut), auth=None)
def exchange_code(request, payload: TokenIn):
    """Exchange a mobile number and its SMS code for a bearer token."""
    person = sign_in_with_code(payload.mobile, payload.code, ip=client_ip(request))
    return _token_for(request, person, payload.device)


@router.post("/wechat/login", response=responses(200, WechatLoginOut), auth=None)
def wechat_login(request, payload: WechatLoginIn):
    """Sign in with a mini-program ``wx.login`` code.

    A bound WeChat identity gets a token at once; otherwise the answer holds a
    ``ticket`` to pass to ``/wechat/bind`` with a verified mobile number.
    """
    person, ticket = wechat_sign_in(payload.code, ip=client_ip(request))
    if person is None:
        return {"signed_in": False, "ticket": ticket}
    return {"signed_in": True, **_token_for(request, person, payload.device)}


@router.post("/wechat/bind", response=responses(200, TokenOut), auth=None)
def wechat_bind(request, payload: WechatBindIn):
    """Bind the WeChat identity of a ticket to the person of a verified mobile."""
    person = bind_wechat(
        payload.ticket,
        mobile=payload.mobile,
        code=payload.code,
        ip=client_ip(request),
    )
    return _token_for(request, person, payload.device)


@router.post("/logout", response=responses(204, None), auth=API_AUTH)
def sign_out(request):
    """Revoke the bearer token presented (or end the page session)."""
    header = request.headers.get("Authorization", "")
    scheme, _, raw = header.partition(" ")
    if scheme.lower() == "bearer" and raw.strip():
        revoke_token(raw.strip())
    if SESSION_KEY in request.session:
        logout(request)
    return Status(204, None)


@router.get("/me", response=responses(200, MeOut), auth=API_AUTH)
def me(request):
    """The signed-in person, with roles; numbers are shown whole to themself."""
    return _me(request.auth, request.auth)
