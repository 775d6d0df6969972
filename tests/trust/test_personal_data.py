"""Full views of personal data are audited; no phone or ID number reaches
the log output of a request cycle."""

import pytest
from django.test import Client

from common.logredact import redact
from common.models import AuditEntry
from common.privacy import REVEAL_ACTION, reveal, reveals_of
from common.sms import LogSmsSender
from hongguanjia.api import api
from tests.factories import ResidentFactory, UserFactory
from tests.trust.logs import captured_log_output

pytestmark = pytest.mark.django_db

MOBILE = "13912345678"
RESIDENT_ID = "11010519491231002X"


def test_reveal_returns_the_values_and_audits_who_saw_which_fields():
    resident = ResidentFactory(mobile=MOBILE, resident_id=RESIDENT_ID)
    clerk = UserFactory()

    values = reveal(
        resident, actor=clerk, fields=["mobile", "resident_id"], purpose="回访"
    )

    assert values == {"mobile": MOBILE, "resident_id": RESIDENT_ID}
    entry = reveals_of(resident).get()
    assert (entry.action, entry.actor, entry.reason) == (REVEAL_ACTION, clerk, "回访")
    assert entry.after == {"fields": "mobile,resident_id"}
    stored = str(AuditEntry.objects.filter(pk=entry.pk).values().get())  # every column
    assert MOBILE not in stored
    assert RESIDENT_ID not in stored


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"code for {MOBILE} sent", "code for 139****5678 sent"),
        (f"+86{MOBILE}", "139****5678"),
        (f"id={RESIDENT_ID};", "id=1101**********002X;"),
        ("order 2026090112345678901 total", "order 2026090112345678901 total"),
    ],
)
def test_redact_masks_numbers_that_look_personal(text, expected):
    assert redact(text) == expected


def test_a_number_inside_an_exception_is_masked_in_the_traceback(settings):
    settings.ROOT_URLCONF = "tests.trust.probe_urls"
    with captured_log_output() as output:
        import logging

        try:
            raise ValueError(f"bad number {MOBILE} / {RESIDENT_ID}")
        except ValueError:
            logging.getLogger("tests").exception("while handling %s", MOBILE)

    text = output.getvalue()
    assert "ValueError" in text
    assert MOBILE not in text
    assert RESIDENT_ID not in text


def sms_operations():
    spec = api.get_openapi_schema(path_prefix="/api/v1/")
    for path, methods in spec["paths"].items():
        if any(word in path for word in ("sms", "code", "login", "token")):
            for method in methods:
                if method == "post":
                    yield path


def test_a_request_cycle_signing_in_by_number_logs_no_personal_data():
    ResidentFactory(mobile=MOBILE, resident_id=RESIDENT_ID)
    client = Client(raise_request_exception=False)
    with captured_log_output() as output:
        client.get(f"/?mobile={MOBILE}&id={RESIDENT_ID}")
        client.post("/accounts/login/", {"username": MOBILE, "password": "wrong"})
        client.post("/accounts/login/", {"username": RESIDENT_ID, "password": "x"})
        LogSmsSender().send(MOBILE, "验证码 123456")
        for path in sms_operations():
            for body in ({"mobile": MOBILE}, {"mobile": MOBILE, "code": "000000"}):
                client.post(path, body, content_type="application/json")
        client.get(f"/no-such-page/{MOBILE}/")

    text = output.getvalue()
    assert "POST /accounts/login/" in text
    assert MOBILE not in text
    assert RESIDENT_ID not in text


def test_signing_in_by_sms_code_through_the_api_logs_no_number(settings):
    settings.CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    }
    from common.models import SmsOutbox

    ResidentFactory(mobile=MOBILE, resident_id=RESIDENT_ID)
    client = Client(raise_request_exception=False)
    with captured_log_output() as output:
        sent = client.post(
            "/api/v1/accounts/sms-code",
            {"mobile": MOBILE},
            content_type="application/json",
        )
        text = SmsOutbox.objects.filter(mobile=MOBILE).latest("at").text
        code = "".join(ch for ch in text if ch.isdigit())[:6]
        wrong = client.post(
            "/api/v1/accounts/token",
            {"mobile": MOBILE, "code": "000000" if code != "000000" else "111111"},
            content_type="application/json",
        )
        signed_in = client.post(
            "/api/v1/accounts/token",
            {"mobile": MOBILE, "code": code},
            content_type="application/json",
        )
        me = client.get(
            "/api/v1/accounts/me",
            headers={"Authorization": f"Bearer {signed_in.json()['token']}"},
        )

    assert (sent.status_code, wrong.status_code) == (200, 400)
    assert signed_in.status_code == 200
    assert me.json()["mobile"] == MOBILE  # the person sees their own number
    log = output.getvalue()
    assert "POST /api/v1/accounts/token 200" in log
    assert MOBILE not in log
    assert RESIDENT_ID not in log
    assert code not in log.replace(text, "")  # only the outbox line has it
