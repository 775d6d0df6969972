import json

import pytest

from common.sms import HttpSmsSender
from tests.accounts.local_http import local_server


def test_http_sender_posts_json_with_the_bearer_key(settings):
    with local_server({"ok": True}) as log:
        settings.SMS_GATEWAY_URL = log["url"] + "/send"
        settings.SMS_GATEWAY_KEY = "gateway-key"

        HttpSmsSender().send("13812345678", "【红管家】验证码 123456")

    request = log["requests"][0]
    assert request["method"] == "POST"
    assert request["path"] == "/send"
    assert request["headers"]["Authorization"] == "Bearer gateway-key"
    assert request["headers"]["Content-Type"] == "application/json"
    assert json.loads(request["body"]) == {
        "mobile": "13812345678",
        "text": "【红管家】验证码 123456",
    }


def test_http_sender_raises_when_the_gateway_refuses(settings):
    with local_server({"error": "quota"}, status=503) as log:
        settings.SMS_GATEWAY_URL = log["url"]

        with pytest.raises(OSError):
            HttpSmsSender().send("13812345678", "text")
