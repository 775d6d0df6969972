import datetime as dt
import json
import urllib.parse

import pytest
import time_machine
from django.core import signing
from django.utils import timezone

from accounts.models import User
from accounts.services import (
    WECHAT_TICKET_SALT,
    AccountDisabled,
    WechatTicketInvalid,
    bind_wechat,
    wechat_sign_in,
)
from accounts.sms_codes import send_code
from accounts.wechat import (
    HttpWechatClient,
    LocalWechatClient,
    WechatLoginFailed,
    get_wechat_client,
)
from common.errors import Conflict
from common.models import AuditEntry
from common.ratelimit import RateLimited
from tests.accounts.helpers import last_code
from tests.accounts.local_http import local_server
from tests.factories import ResidentFactory

IP = "10.0.0.1"


def test_default_client_is_the_local_stand_in():
    assert isinstance(get_wechat_client(), LocalWechatClient)


def test_local_client_gives_one_openid_per_code():
    client = LocalWechatClient()

    assert client.code2session("a").openid == client.code2session("a").openid
    assert client.code2session("a").openid != client.code2session("b").openid


def test_local_client_refuses_an_invalid_code():
    with pytest.raises(WechatLoginFailed):
        LocalWechatClient().code2session("invalid-code")


def test_http_client_sends_the_code2session_query(settings):
    answer = {"openid": "o-123", "session_key": "k-456"}
    with local_server(answer) as log:
        settings.WECHAT_CODE2SESSION_URL = log["url"] + "/sns/jscode2session"
        settings.WECHAT_APPID = "wx-app"
        settings.WECHAT_SECRET = "s3cret"

        session = HttpWechatClient().code2session("js-1")

    assert session.openid == "o-123"
    assert session.session_key == "k-456"
    request = log["requests"][0]
    path, _, query = request["path"].partition("?")
    assert request["method"] == "GET"
    assert path == "/sns/jscode2session"
    assert urllib.parse.parse_qs(query) == {
        "appid": ["wx-app"],
        "secret": ["s3cret"],
        "js_code": ["js-1"],
        "grant_type": ["authorization_code"],
    }


@pytest.mark.parametrize(
    "answer",
    [
        {"errcode": 40029, "errmsg": "invalid code"},
        {"openid": "o-1"},
        {"errcode": 45011, "errmsg": "api minute-quota reach limit"},
    ],
)
def test_http_client_turns_wechat_errors_into_a_chinese_refusal(settings, answer):
    with local_server(answer) as log:
        settings.WECHAT_CODE2SESSION_URL = log["url"]

        with pytest.raises(WechatLoginFailed) as error:
            HttpWechatClient().code2session("js-1")

    assert "微信登录未成功" in str(error.value.message)


def test_http_client_refuses_when_wechat_is_unreachable(settings):
    settings.WECHAT_CODE2SESSION_URL = "http://127.0.0.1:9/none"

    with pytest.raises(WechatLoginFailed):
        HttpWechatClient().code2session("js-1")


def _bind(ticket, mobile):
    send_code(mobile, ip=IP)
    return bind_wechat(ticket, mobile=mobile, code=last_code(mobile), ip=IP)


@pytest.mark.django_db
def test_unbound_wechat_gets_a_ticket_not_a_person():
    person, ticket = wechat_sign_in("js-new", ip=IP)

    assert person is None
    assert signing.loads(ticket, salt=WECHAT_TICKET_SALT)["openid"].startswith("local-")


@pytest.mark.django_db
def test_bind_wechat_binds_to_the_person_of_the_verified_mobile():
    resident = ResidentFactory(mobile="13812345678")
    _, ticket = wechat_sign_in("js-1", ip=IP)

    person = _bind(ticket, "13812345678")

    assert person.pk == resident.pk
    assert wechat_sign_in("js-1", ip=IP) == (resident, None)
    assert AuditEntry.objects.filter(action="accounts.person.bind_wechat").count() == 1
    entry = AuditEntry.objects.get(action="accounts.person.bind_wechat")
    assert "local-" not in json.dumps(entry.after)


@pytest.mark.django_db
def test_bind_wechat_creates_the_person_for_a_new_mobile():
    _, ticket = wechat_sign_in("js-1", ip=IP)

    person = _bind(ticket, "13812345678")

    assert User.objects.get().pk == person.pk
    assert person.wechat_openid == LocalWechatClient().code2session("js-1").openid


@pytest.mark.django_db
def test_bind_wechat_refuses_an_openid_bound_to_someone_else():
    first = ResidentFactory(mobile="13812345678")
    second = ResidentFactory(mobile="13912345678")
    _, ticket = wechat_sign_in("js-1", ip=IP)
    _bind(ticket, first.mobile)

    with pytest.raises(Conflict) as error:
        _bind(ticket, second.mobile)

    assert error.value.code == "wechat_bound_elsewhere"
    assert "已绑定其他账号" in str(error.value.message)
    second.refresh_from_db()
    assert second.wechat_openid is None


@pytest.mark.django_db
def test_bind_wechat_refuses_to_replace_a_persons_wechat_silently():
    resident = ResidentFactory(mobile="13812345678", wechat_openid="local-old")
    _, ticket = wechat_sign_in("js-new", ip=IP)

    with pytest.raises(Conflict) as error:
        _bind(ticket, resident.mobile)

    assert error.value.code == "mobile_bound_to_other_wechat"
    resident.refresh_from_db()
    assert resident.wechat_openid == "local-old"


@pytest.mark.django_db
def test_bind_wechat_twice_with_the_same_wechat_is_fine():
    _, ticket = wechat_sign_in("js-1", ip=IP)
    first = _bind(ticket, "13812345678")

    with time_machine.travel(timezone.now() + dt.timedelta(seconds=61)):
        again = _bind(ticket, "13812345678")

    assert again.pk == first.pk


@pytest.mark.django_db
def test_bind_wechat_refuses_a_forged_ticket():
    forged = signing.dumps({"openid": "someone"}, salt="another-salt")

    with pytest.raises(WechatTicketInvalid):
        bind_wechat(forged, mobile="13812345678", code="123456", ip=IP)

    assert User.objects.count() == 0


@pytest.mark.django_db
def test_disabled_person_cannot_sign_in_with_wechat():
    ResidentFactory(
        wechat_openid=LocalWechatClient().code2session("js-1").openid, is_active=False
    )

    with pytest.raises(AccountDisabled) as error:
        wechat_sign_in("js-1", ip=IP)

    assert error.value.code == "account_disabled"


@pytest.mark.django_db
def test_wechat_sign_in_is_limited_per_address():
    for n in range(30):
        wechat_sign_in(f"js-{n}", ip=IP)

    with pytest.raises(RateLimited):
        wechat_sign_in("js-31", ip=IP)

    assert wechat_sign_in("js-31", ip="10.9.9.9")[0] is None
