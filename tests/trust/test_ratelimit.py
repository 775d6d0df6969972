"""Rate limits and lockouts (common.ratelimit), and hashed API tokens."""

import datetime as dt
import os
import uuid
from unittest import mock

import pytest
import time_machine
from django.core.cache import cache

from accounts.models import ApiToken
from accounts.tokens import digest_of, issue_token, revoke_token, user_of_token
from common.ratelimit import Lockout, RateLimited, check, fail, guard, hits
from tests.factories import ResidentFactory

START = dt.datetime(2026, 9, 1, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _local_cache(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    cache.clear()
    yield
    cache.clear()


def test_check_refuses_past_the_limit_and_allows_again_in_the_next_window():
    with time_machine.travel(START, tick=False) as clock:
        for _ in range(3):
            check("sms-send", "13900000001", limit=3, window=3600)
        with pytest.raises(RateLimited) as refused:
            check("sms-send", "13900000001", limit=3, window=3600)
        check("sms-send", "13900000002", limit=3, window=3600)

        clock.shift(dt.timedelta(hours=1))
        check("sms-send", "13900000001", limit=3, window=3600)

    assert refused.value.status == 429
    assert str(refused.value.message) == "请求过于频繁，请稍候再试。"


def test_lockout_after_repeated_failures_lasts_its_time():
    lockout = Lockout("sms-code", failures=3, window=600, lockout=900)
    with time_machine.travel(START, tick=False) as clock:
        assert [lockout.failed("13900000001") for _ in range(3)] == [
            False,
            False,
            True,
        ]
        with pytest.raises(RateLimited) as refused:
            lockout.ensure_open("13900000001")
        lockout.ensure_open("13900000002")

        clock.shift(dt.timedelta(minutes=14))
        with pytest.raises(RateLimited):
            lockout.ensure_open("13900000001")
        clock.shift(dt.timedelta(minutes=2))
        lockout.ensure_open("13900000001")

    assert "15" in str(refused.value.message)


def test_a_success_resets_the_failure_count():
    lockout = Lockout("password", failures=3)
    lockout.failed("staff1")
    lockout.failed("staff1")
    lockout.succeeded("staff1")
    lockout.failed("staff1")
    lockout.failed("staff1")

    lockout.ensure_open("staff1")


def test_per_number_and_per_ip_locks_each_hold_on_their_own():
    by_number = Lockout("code-number", failures=3)
    by_ip = Lockout("code-ip", failures=5)
    for n in range(5):
        pairs = [(by_number, f"1390000000{n}"), (by_ip, "203.0.113.9")]
        guard(pairs)
        fail(pairs)

    # Five numbers tried from one address: the address is locked, even for a
    # number that never failed; that number from elsewhere is not.
    with pytest.raises(RateLimited):
        guard([(by_number, "13900000009"), (by_ip, "203.0.113.9")])
    guard([(by_number, "13900000009"), (by_ip, "198.51.100.1")])


def test_the_cache_holds_no_mobile_number_in_the_clear():
    lockout = Lockout("sms-code", failures=3)
    lockout.failed("13900000001")
    check("sms-send", "13900000001", limit=3, window=60)

    keys = list(cache._cache.keys())
    assert keys
    assert not any("13900000001" in key for key in keys)


@pytest.mark.django_db
def test_api_tokens_are_stored_only_as_their_digest():
    person = ResidentFactory()
    raw = issue_token(person)

    stored = ApiToken.objects.get(user=person)
    assert stored.digest == digest_of(raw)
    assert raw not in {str(value) for value in vars(stored).values()}
    assert user_of_token(raw) == person
    assert user_of_token(stored.digest) is None


@pytest.mark.django_db
def test_expired_revoked_or_inactive_tokens_identify_nobody():
    person = ResidentFactory()
    expired = issue_token(person, lifetime=dt.timedelta(seconds=-1))
    revoked = issue_token(person)
    revoke_token(revoked)
    valid = issue_token(person)

    assert user_of_token(expired) is None
    assert user_of_token(revoked) is None
    assert user_of_token("not-a-token") is None
    assert user_of_token(valid) == person

    person.is_active = False
    person.save(update_fields=["is_active"])
    assert user_of_token(valid) is None


def _redis_or_skip(settings):
    import redis

    url = os.environ.get("HGJ_TEST_REDIS_URL", "redis://127.0.0.1:6379/13")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError:
        pytest.skip("needs Redis: set HGJ_TEST_REDIS_URL")
    prefix = f"hgj-test-{uuid.uuid4().hex}"
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
        }
    }
    return redis.Redis.from_url(url), prefix


def test_redis_counts_several_limits_in_one_round_trip(settings):
    client, prefix = _redis_or_skip(settings)
    events = [("sms-ip", "203.0.113.7"), ("sms-device", "phone-a")]
    try:
        with time_machine.travel(START, tick=False) as clock:
            assert hits(events, window=60) == [1, 1]
            assert hits(events, window=60) == [2, 2]
            assert hits([("sms-ip", "203.0.113.7")], window=60) == [3]
            check("sms-device", "phone-a", limit=3, window=60)
            with pytest.raises(RateLimited):
                check("sms-device", "phone-a", limit=3, window=60)
            clock.shift(dt.timedelta(minutes=1))
            assert hits(events, window=60) == [1, 1]
            # A server that does not know the script yet is sent it whole.
            unknown = "0" * 40
            with mock.patch("common.ratelimit.HITS_SCRIPT_SHA", unknown):
                assert hits(events, window=60) == [2, 2]
        keys = list(client.scan_iter(f"{prefix}:*"))
        assert len(keys) == 4
        assert all(0 < client.ttl(key) <= 61 for key in keys)
    finally:
        for key in client.scan_iter(f"{prefix}:*"):
            client.delete(key)
