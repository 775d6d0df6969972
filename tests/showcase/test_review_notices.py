"""What a submitter is told about the review of their work, and what the
reviewer reads after each decision."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.roles import Role
from common.models import SmsOutbox
from notifications.models import Notification
from showcase.enums import WorkState
from tests.factories import ResidentFactory, person_with_role
from tests.showcase.factories import ShowcaseFactory, WorkFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def work():
    return WorkFactory(
        showcase=ShowcaseFactory(stage="review"),
        title="凌晨的抢修",
        submitter=ResidentFactory(),
        state=WorkState.SUBMITTED,
        approved_at=None,
        submitted_at=timezone.now() - dt.timedelta(hours=3),
    )


def decide(client, work, action, reason=""):
    client.force_login(person_with_role(Role.REVIEWER))
    url = reverse("showcase:review_action", args=[work.pk, action])
    return client.post(url, {"reason": reason}, follow=True).content.decode()


# action: (reason given, notice title, part of its body, what the reviewer
# reads, whether it also goes by SMS)
CASES = {
    "approve": (
        "",
        "您的作品《凌晨的抢修》已通过审核",
        "公众投票",
        "已通过审核",
        False,
    ),
    "reject": (
        "画面模糊",
        "您的作品《凌晨的抢修》已被退回",
        "画面模糊",
        "已退回",
        True,
    ),
    "veto": (
        "抄袭他人作品",
        "您的作品《凌晨的抢修》已被否决",
        "抄袭他人作品",
        "已否决",
        True,
    ),
}


@pytest.mark.parametrize("action", sorted(CASES))
def test_the_submitter_is_told_and_the_reviewer_reads_what_was_done(
    client, work, django_capture_on_commit_callbacks, action
):
    reason, title, body, said, sms = CASES[action]

    with django_capture_on_commit_callbacks(execute=True):
        page = decide(client, work, action, reason)

    notice = Notification.objects.get(recipient=work.submitter)
    assert notice.title == title
    assert body in notice.body
    assert notice.url == reverse("showcase:my_works")
    assert f"《凌晨的抢修》{said}" in page
    assert "操作成功" not in page
    texts = list(SmsOutbox.objects.values_list("text", flat=True))
    assert texts == ([f"【红管家】{title}"] if sms else [])


def test_a_refused_decision_tells_nobody(
    client, work, django_capture_on_commit_callbacks
):
    client.force_login(ResidentFactory())

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("showcase:review_action", args=[work.pk, "approve"]))

    assert not Notification.objects.exists()
