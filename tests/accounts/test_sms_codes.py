import datetime as dt
import logging

import pytest
import time_machine
from django.utils import timezone

from accounts.models import SmsCode
from accounts.sms_codes import (
    CodeRejected,
    InvalidMobile,
    SmsNotSent,
    check_code,
    send_code,
)
from common.models import SmsOutbox
from common.ratelimit import RateLimited
from tests.accounts.helpers import last_code

pytestmark = pytest.mark.django_db

MOBILE = "13812345678"
IP = "10.0.0.1"


def test_send_code_keeps_only_a_digest_of_the_code():
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False):
        send_code(MOBILE, ip=IP)

    code = last_code(MOBILE)
    row = SmsCode.objects.get()
    assert code not in row.digest
    assert len(row.digest) == 64
    assert row.expires_at - row.created_at == dt.timedelta(minutes=5)


def test_send_code_text_is_chinese_and_names_the_lifetime():
    send_code(MOBILE, ip=IP)

    text = SmsOutbox.objects.get().text
    assert text.startswith("【红管家】")
    assert "5 分钟" in text


def test_send_code_log_line_shows_code_but_not_the_number(caplog):
    caplog.set_level(logging.INFO, logger="common.sms")

    send_code(MOBILE, ip=IP)

    line = caplog.records[-1].getMessage()
    assert last_code(MOBILE) in line
    assert MOBILE not in line
    assert "5678" in line


def test_send_code_normalises_the_number():
    send_code("+86 138-1234-5678", ip=IP)

    assert SmsCode.objects.get().mobile == MOBILE


@pytest.mark.parametrize(
    "mobile",
    ["", "12812345678", "1381234567", "138123456789", "abc", "１３８１２３４５６７８"],
)
def test_send_code_refuses_invalid_number_in_chinese(mobile):
    with pytest.raises(InvalidMobile) as error:
        send_code(mobile, ip=IP)

    assert str(error.value.message) == "请输入有效的 11 位手机号码。"
    assert SmsCode.objects.count() == 0


def test_check_code_accepts_right_code_once():
    send_code(MOBILE, ip=IP)
    code = last_code(MOBILE)

    assert check_code(MOBILE, code, ip=IP) == MOBILE

    with pytest.raises(CodeRejected) as error:
        check_code(MOBILE, code, ip=IP)
    assert error.value.code == "code_expired"


def test_check_code_refuses_after_5_minutes():
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False):
        send_code(MOBILE, ip=IP)
        code = last_code(MOBILE)
    with (
        time_machine.travel(
            dt.datetime(2026, 3, 2, 9, 5, 1, tzinfo=dt.UTC), tick=False
        ),
        pytest.raises(CodeRejected) as error,
    ):
        check_code(MOBILE, code, ip=IP)

    assert error.value.code == "code_expired"
    assert "已失效" in str(error.value.message)


def test_check_code_still_valid_just_before_5_minutes():
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False):
        send_code(MOBILE, ip=IP)
        code = last_code(MOBILE)
    with time_machine.travel(
        dt.datetime(2026, 3, 2, 9, 4, 59, tzinfo=dt.UTC), tick=False
    ):
        assert check_code(MOBILE, code, ip=IP) == MOBILE


def test_check_code_counts_down_tries_in_chinese():
    send_code(MOBILE, ip=IP)

    with pytest.raises(CodeRejected) as error:
        check_code(MOBILE, "000000" if last_code(MOBILE) != "000000" else "1", ip=IP)

    assert str(error.value.message) == "验证码不正确，还可尝试 4 次。"


def test_check_code_refuses_the_right_code_after_5_wrong_tries():
    send_code(MOBILE, ip=IP)
    code = last_code(MOBILE)
    wrong = "999999" if code != "999999" else "888888"
    for _ in range(5):
        with pytest.raises(CodeRejected):
            check_code(MOBILE, wrong, ip=IP)

    with pytest.raises(CodeRejected) as error:
        check_code(MOBILE, code, ip=IP)

    assert error.value.code == "code_exhausted"
    assert "次数过多" in str(error.value.message)
    assert SmsCode.objects.get().used_at is None


def test_check_code_without_any_code_sent():
    with pytest.raises(CodeRejected) as error:
        check_code(MOBILE, "123456", ip=IP)

    assert error.value.code == "code_expired"


def test_new_code_ends_the_earlier_one():
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC), tick=False):
        send_code(MOBILE, ip=IP)
        first = last_code(MOBILE)
    with time_machine.travel(dt.datetime(2026, 3, 2, 9, 2, tzinfo=dt.UTC), tick=False):
        send_code(MOBILE, ip=IP)
        second = last_code(MOBILE)
        if first != second:
            with pytest.raises(CodeRejected):
                check_code(MOBILE, first, ip=IP)
        assert check_code(MOBILE, second, ip=IP) == MOBILE


def test_resend_within_60_seconds_is_refused_with_the_wait():
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        send_code(MOBILE, ip=IP)
    with (
        time_machine.travel(start + dt.timedelta(seconds=20), tick=False),
        pytest.raises(RateLimited) as error,
    ):
        send_code(MOBILE, ip=IP)

    assert str(error.value.message) == "验证码刚刚已发送，请 40 秒后再获取。"
    assert SmsOutbox.objects.count() == 1


def test_resend_after_60_seconds_is_allowed():
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        send_code(MOBILE, ip=IP)
    with time_machine.travel(start + dt.timedelta(seconds=61), tick=False):
        send_code(MOBILE, ip=IP)

    assert SmsOutbox.objects.count() == 2


def test_sixth_code_in_an_hour_for_one_number_is_refused():
    start = dt.datetime(2026, 3, 2, 9, 0, 5, tzinfo=dt.UTC)
    for minute in range(5):
        with time_machine.travel(start + dt.timedelta(minutes=2 * minute), tick=False):
            send_code(MOBILE, ip=f"10.0.0.{minute + 1}")
    with (
        time_machine.travel(start + dt.timedelta(minutes=12), tick=False),
        pytest.raises(RateLimited) as error,
    ):
        send_code(MOBILE, ip="10.0.1.1")

    assert "一小时内" in str(error.value.message)
    assert SmsOutbox.objects.count() == 5


def test_one_address_may_ask_20_codes_an_hour():
    start = dt.datetime(2026, 3, 2, 9, 0, 5, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        for n in range(20):
            send_code(f"1390000{n:04d}", ip=IP)
        with pytest.raises(RateLimited) as error:
            send_code("13911110000", ip=IP)

    assert "网络" in str(error.value.message)
    assert SmsOutbox.objects.count() == 20
    with time_machine.travel(start, tick=False), pytest.raises(RateLimited) as again:
        send_code("13911110000", ip=IP)
    assert "网络" in str(again.value.message)


def test_gateway_failure_is_told_in_chinese_and_allows_retry(settings):
    settings.SMS_SENDER = "common.sms.HttpSmsSender"
    settings.SMS_GATEWAY_URL = "http://127.0.0.1:9/unreachable"

    with pytest.raises(SmsNotSent) as error:
        send_code(MOBILE, ip=IP)

    assert "发送失败" in str(error.value.message)
    settings.SMS_SENDER = "common.sms.LogSmsSender"
    send_code(MOBILE, ip=IP)
    assert SmsOutbox.objects.count() == 1


def test_one_address_may_try_60_codes_an_hour():
    start = dt.datetime(2026, 3, 2, 9, 0, 5, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False):
        for n in range(60):
            with pytest.raises(CodeRejected):
                check_code(f"1390000{n:04d}", "123456", ip=IP)
        with pytest.raises(RateLimited) as error:
            check_code("13911110000", "123456", ip=IP)

    assert "网络尝试验证码过于频繁" in str(error.value.message)
