"""Deployment checks: the local stand-ins must not serve real people."""

from django.conf import settings
from django.core.checks import Warning as CheckWarning
from django.core.checks import register

LOCAL_SMS = "common.sms.LogSmsSender"
LOCAL_WECHAT = "accounts.wechat.LocalWechatClient"


@register(deploy=True)
def local_stand_ins(app_configs, **kwargs):
    found = []
    if settings.SMS_SENDER == LOCAL_SMS:
        found.append(
            CheckWarning(
                "SMS codes are kept in the local outbox, not sent.",
                hint="Set HGJ_SMS_SENDER=common.sms.HttpSmsSender and the gateway.",
                id="accounts.W001",
            )
        )
    if settings.WECHAT_CLIENT == LOCAL_WECHAT:
        found.append(
            CheckWarning(
                "WeChat sign-in uses the local stand-in, which trusts any code.",
                hint="Set HGJ_WECHAT_CLIENT=accounts.wechat.HttpWechatClient.",
                id="accounts.W002",
            )
        )
    return found
