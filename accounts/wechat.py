"""The WeChat mini-program's ``code2session`` contract, behind an interface.

The mini-program hands us a one-time ``js_code``; WeChat's server turns it
into the user's ``openid`` (stable per mini-program) and a ``session_key``.
``settings.WECHAT_CLIENT`` names the client class: :class:`LocalWechatClient`
(the default outside production) answers without any network, deriving a
stable openid from the code, so development and tests need no WeChat account;
:class:`HttpWechatClient` speaks to ``settings.WECHAT_CODE2SESSION_URL``.
"""

import hashlib
import json
import logging
import secrets
import urllib.parse
import urllib.request
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from common.errors import DomainError

logger = logging.getLogger(__name__)


class WechatLoginFailed(DomainError):
    code = "wechat_login_failed"
    status = 400
    default_message = _(
        "WeChat sign-in did not succeed; please open the mini-program again."
    )


@dataclass(frozen=True)
class WechatSession:
    openid: str
    session_key: str


class WechatClient:
    def code2session(self, js_code):
        """The :class:`WechatSession` of ``js_code``; :class:`WechatLoginFailed`."""
        raise NotImplementedError


class LocalWechatClient(WechatClient):
    """A stand-in: the openid is derived from the code, so a code is a person.

    A code beginning with ``invalid`` is refused, as WeChat refuses a used or
    forged code (errcode 40029).
    """

    def code2session(self, js_code):
        js_code = str(js_code or "")
        if not js_code or js_code.startswith("invalid"):
            raise WechatLoginFailed
        digest = hashlib.sha256(js_code.encode()).hexdigest()
        return WechatSession(
            openid=f"local-{digest[:28]}", session_key=secrets.token_urlsafe(16)
        )


class HttpWechatClient(WechatClient):
    """GETs ``WECHAT_CODE2SESSION_URL`` with appid, secret and the code."""

    timeout = 5

    def code2session(self, js_code):
        query = urllib.parse.urlencode(
            {
                "appid": settings.WECHAT_APPID,
                "secret": settings.WECHAT_SECRET,
                "js_code": str(js_code or ""),
                "grant_type": "authorization_code",
            }
        )
        url = f"{settings.WECHAT_CODE2SESSION_URL}?{query}"
        try:
            with urllib.request.urlopen(url, timeout=self.timeout) as response:  # noqa: S310 -- the URL is the operator's setting
                answer = json.loads(response.read().decode())
        except (OSError, ValueError):
            logger.warning("code2session did not answer with JSON")
            raise WechatLoginFailed from None
        if not isinstance(answer, dict):
            raise WechatLoginFailed
        if answer.get("errcode"):
            logger.warning("code2session refused a code: errcode %s", answer["errcode"])
            raise WechatLoginFailed
        openid, session_key = answer.get("openid"), answer.get("session_key")
        if not openid or not session_key:
            raise WechatLoginFailed
        return WechatSession(openid=str(openid), session_key=str(session_key))


def get_wechat_client():
    return import_string(settings.WECHAT_CLIENT)()
