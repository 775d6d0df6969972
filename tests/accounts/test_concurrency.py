"""Sign-in limits hold under concurrent requests (PostgreSQL, real threads)."""

import threading

import pytest
from django.core.cache import cache
from django.db import connection

from accounts.models import SmsCode
from accounts.sms_codes import CodeRejected, check_code, send_code
from common.models import SmsOutbox
from common.ratelimit import RateLimited
from tests.accounts.helpers import last_code

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

MOBILE = "13812345678"


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


def _together(count, work):
    barrier = threading.Barrier(count)
    outcomes = []

    def run(n):
        try:
            barrier.wait()
            outcomes.append(work(n))
        except (CodeRejected, RateLimited) as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n,)) for n in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_concurrent_wrong_codes_never_pass_five_tries():
    send_code(MOBILE, ip="10.0.0.1")
    wrong = "111111" if last_code(MOBILE) != "111111" else "222222"

    outcomes = _together(12, lambda n: check_code(MOBILE, wrong, ip=f"10.1.0.{n}"))

    assert SmsCode.objects.get().attempts == 5
    assert outcomes.count("code_exhausted") >= 7
    with pytest.raises(CodeRejected):
        check_code(MOBILE, last_code(MOBILE), ip="10.2.0.1")


def test_concurrent_right_codes_sign_in_once():
    send_code(MOBILE, ip="10.0.0.1")
    code = last_code(MOBILE)

    outcomes = _together(6, lambda n: check_code(MOBILE, code, ip=f"10.1.0.{n}"))

    assert outcomes.count(MOBILE) == 1
    assert set(outcomes) - {MOBILE} == {"code_expired"}


def test_concurrent_requests_send_one_code():
    outcomes = _together(6, lambda n: send_code(MOBILE, ip=f"10.1.0.{n}"))

    assert outcomes.count(60) == 1
    assert outcomes.count("rate_limited") == 5
    assert SmsOutbox.objects.count() == 1
