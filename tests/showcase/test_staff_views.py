"""Staff pages: review queue, anomalies, expert scoring, results."""

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.roles import Role
from accounts.tokens import issue_token
from common.models import AuditEntry
from showcase.enums import WorkState
from showcase.models import ExpertScore, Finalist, Vote, WorkMedia
from showcase.services.results import close_voting
from showcase.services.voting import cast_vote
from tests.factories import PropertyCompanyFactory, ResidentFactory, person_with_role
from tests.showcase.factories import ShowcaseFactory, WorkFactory

pytestmark = pytest.mark.django_db


def submitted(showcase, **fields):
    return WorkFactory(
        showcase=showcase,
        state=WorkState.SUBMITTED,
        approved_at=None,
        submitted_at=timezone.now() - dt.timedelta(hours=46),
        **fields,
    )


def test_review_queue_marks_due_soon_and_hides_own_company(client):
    showcase = ShowcaseFactory(stage="collection")
    company = PropertyCompanyFactory()
    due_soon = submitted(showcase)
    own = submitted(showcase, company=company)
    client.force_login(person_with_role(Role.REVIEWER, company=company))

    page = client.get(reverse("showcase:review_queue")).content.decode()

    assert due_soon.title in page
    assert "即将到期" in page
    assert own.title not in page


def test_reviewer_approves_and_vetoes_with_audit(client):
    showcase = ShowcaseFactory(stage="collection")
    work = submitted(showcase)
    client.force_login(person_with_role(Role.REVIEWER))

    client.post(reverse("showcase:review_action", args=[work.pk, "approve"]))
    client.post(
        reverse("showcase:review_action", args=[work.pk, "veto"]),
        {"reason": "抄袭他人作品"},
    )

    work.refresh_from_db()
    assert work.state == WorkState.VETOED
    assert AuditEntry.objects.get(action="showcase.work.veto").reason == "抄袭他人作品"


def test_resident_cannot_approve(client):
    showcase = ShowcaseFactory(stage="collection")
    work = submitted(showcase)
    client.force_login(ResidentFactory())

    client.post(reverse("showcase:review_action", args=[work.pk, "approve"]))

    work.refresh_from_db()
    assert work.state == WorkState.SUBMITTED


def test_anomaly_report_and_invalidation_recounts(client):
    showcase = ShowcaseFactory()
    work = WorkFactory(showcase=showcase)
    for voter in ResidentFactory.create_batch(4):
        cast_vote(work, actor=voter, device="phone-1", ip="10.0.0.9")
    client.force_login(person_with_role(Role.CITY_OFFICER))

    page = client.get(reverse("showcase:anomalies")).content.decode()
    done = client.post(
        reverse("showcase:invalidate"),
        {"device": "phone-1", "reason": "一机多号"},
        follow=True,
    )

    assert "phone-1" in page
    assert "已作废4张投票，票数已重新统计。" in done.content.decode()
    work.refresh_from_db()
    assert work.vote_count == 0
    assert not Vote.objects.filter(invalidated_at__isnull=True).exists()


def test_invalidation_naming_no_ip_or_device_refused_and_reason_kept(client):
    showcase = ShowcaseFactory()
    work = WorkFactory(showcase=showcase)
    for voter in ResidentFactory.create_batch(3):
        cast_vote(work, actor=voter, device="phone-1", ip="10.0.0.9")
    client.force_login(person_with_role(Role.CITY_OFFICER))

    answer = client.post(
        reverse("showcase:invalidate"),
        {"ip": "", "device": "", "day": "", "reason": "可疑刷票"},
    )

    page = answer.content.decode()
    assert answer.status_code == 200
    assert "请填写要作废的投票来自的IP地址或设备。" in page
    assert "可疑刷票" in page
    work.refresh_from_db()
    assert work.vote_count == 3
    assert Vote.objects.filter(invalidated_at__isnull=True).count() == 3


def test_votes_from_refuses_to_select_every_vote():
    from showcase.anomalies import votes_from

    with pytest.raises(ValueError, match="ip or device"):
        votes_from(ShowcaseFactory(), day=dt.date(2026, 9, 10))


def scores_form(finalist, creativity, appeal, integration):
    prefix = f"finalist-{finalist.pk}"
    return {
        f"{prefix}-creativity": creativity,
        f"{prefix}-appeal": appeal,
        f"{prefix}-integration": integration,
    }


def test_expert_score_refused_keeps_what_was_typed(client):
    showcase = ShowcaseFactory(stage="expert_review")
    work = WorkFactory(showcase=showcase, vote_count=3)
    close_voting(showcase, actor=person_with_role(Role.CITY_OFFICER))
    client.force_login(person_with_role(Role.EXPERT))

    answer = client.post(
        reverse("showcase:score", args=[work.finalist.pk]),
        scores_form(work.finalist, "85.555", "101", "70"),
    )

    page = answer.content.decode()
    assert answer.status_code == 200
    assert 'value="85.555"' in page and 'value="101"' in page and 'value="70"' in page
    assert "评分最多保留两位小数。" in page
    assert "评分须在0到100之间。" in page
    assert not ExpertScore.objects.exists()


def test_expert_page_links_each_finalist_to_its_work(client):
    showcase = ShowcaseFactory(stage="expert_review")
    work = WorkFactory(showcase=showcase, vote_count=3)
    close_voting(showcase, actor=person_with_role(Role.CITY_OFFICER))
    client.force_login(person_with_role(Role.EXPERT))

    page = client.get(reverse("showcase:expert")).content.decode()

    assert reverse("showcase:work", args=[work.pk]) in page


def test_expert_scores_blind_and_results_export(client):
    showcase = ShowcaseFactory(stage="expert_review")
    works = [WorkFactory(showcase=showcase, vote_count=v) for v in (10, 5)]
    organiser = person_with_role(Role.ASSOCIATION_STAFF)
    close_voting(showcase, actor=organiser)
    expert = person_with_role(Role.EXPERT)
    client.force_login(expert)
    finalist = Finalist.objects.get(work=works[1])

    client.post(
        reverse("showcase:score", args=[finalist.pk]),
        scores_form(finalist, "90", "80", "70"),
    )
    page = client.get(reverse("showcase:expert")).content.decode()
    client.force_login(organiser)
    export = client.get(reverse("showcase:results_export"))

    assert ExpertScore.objects.get(expert=expert).appeal == 80
    assert "已评分" in page
    assert "90.00" in page and "80.00" in page and "70.00" in page
    sheet = load_workbook(io.BytesIO(export.content)).active
    rows = list(sheet.values)
    assert rows[1][1] == works[1].title
    assert rows[1][3] == 5
    assert rows[1][-1] == pytest.approx(20 + 48)


def test_chair_confirms_a_flagged_finalist_organisers_cannot(client):
    showcase = ShowcaseFactory(stage="expert_review")
    work = WorkFactory(showcase=showcase, vote_count=3)
    close_voting(showcase, actor=person_with_role(Role.CITY_OFFICER))
    for value in (95, 40):
        ExpertScore.objects.create(
            finalist=work.finalist,
            expert=person_with_role(Role.EXPERT),
            creativity=value,
            appeal=value,
            integration=value,
            scored_at=timezone.now(),
        )
    client.force_login(person_with_role(Role.CITY_OFFICER))
    results_page = client.get(reverse("showcase:results")).content.decode()
    refused = client.post(reverse("showcase:confirm", args=[work.finalist.pk]))
    client.force_login(person_with_role(Role.PANEL_CHAIR))
    chair_page = client.get(reverse("showcase:chair")).content.decode()
    client.post(reverse("showcase:confirm", args=[work.finalist.pk]))

    assert "待评审组长确认" in results_page
    assert reverse("showcase:confirm", args=[work.finalist.pk]) not in results_page
    assert refused.status_code in (302, 403)
    assert "95.00" in chair_page and "40.00" in chair_page
    work.finalist.refresh_from_db()
    assert work.finalist.scores_confirmed_at is not None
    assert (
        AuditEntry.objects.filter(action="showcase.finalist.confirm_scores").count()
        == 1
    )


def with_files(work):
    WorkMedia.objects.create(
        work=work, kind="video", file="showcase/media/a.mp4", size=10, codec="h264"
    )
    WorkMedia.objects.create(
        work=work, kind="image", file="showcase/media/b.png", size=10, codec="png"
    )
    work.poster = "showcase/posters/p.jpg"
    work.save(update_fields=["poster"])
    return work


def test_the_queue_shows_what_a_reviewer_judges(client):
    showcase = ShowcaseFactory(stage="review")
    work = with_files(
        submitted(
            showcase, description="记录凌晨抢修的真实瞬间", story="由项目员工拍摄"
        )
    )
    video, picture = work.media.order_by("pk")
    client.force_login(person_with_role(Role.REVIEWER))

    page = client.get(reverse("showcase:review_queue")).content.decode()

    row = page.split(f'data-testid="review-{work.pk}"')[1].split("</tr>")[0]
    assert "记录凌晨抢修的真实瞬间" in row
    assert "由项目员工拍摄" in row
    assert f'src="{reverse("showcase:poster", args=[work.pk])}"' in row
    assert '<video class="sc-media" controls preload="none"' in row
    assert f'src="{reverse("showcase:media", args=[video.pk])}"' in row
    assert f'href="{reverse("showcase:media", args=[picture.pk])}"' in row
    assert f'href="{reverse("showcase:work", args=[work.pk])}"' in row


def test_the_queue_reads_as_many_queries_for_six_works_as_for_one(client):
    showcase = ShowcaseFactory(stage="review")
    client.force_login(person_with_role(Role.REVIEWER))
    with_files(submitted(showcase))
    client.get(reverse("showcase:review_queue"))

    def count():
        with CaptureQueriesContext(connection) as queries:
            client.get(reverse("showcase:review_queue"))
        return len(queries)

    one = count()
    for _n in range(5):
        with_files(submitted(showcase))

    assert count() == one


def test_the_api_queue_carries_the_same(client):
    showcase = ShowcaseFactory(stage="review")
    work = with_files(submitted(showcase, story="由项目员工拍摄"))
    token = issue_token(person_with_role(Role.REVIEWER))

    [item] = client.get(
        "/api/v1/showcase/review-queue", headers={"Authorization": f"Bearer {token}"}
    ).json()

    assert item["story"] == "由项目员工拍摄"
    assert item["poster_url"] == reverse("showcase:poster", args=[work.pk])
    assert [m["kind"] for m in item["media"]] == ["video", "image"]


def test_closing_and_publishing_from_the_results_page_say_what_they_did(client):
    showcase = ShowcaseFactory(stage="expert_review", published_count=10)
    for votes in (5, 3, 3):
        WorkFactory(showcase=showcase, vote_count=votes)
    client.force_login(person_with_role(Role.CITY_OFFICER))

    page = client.get(reverse("showcase:results")).content.decode()
    closed = client.post(
        reverse("showcase:stage_action", args=["close"]), follow=True
    ).content.decode()
    refused = client.post(
        reverse("showcase:stage_action", args=["publish"]), follow=True
    ).content.decode()

    assert showcase.title in page
    assert "公布TOP 10" in page
    assert "投票已结束，3件作品入围。" in closed
    assert "还有3件入围作品没有专家评分，评分完成后才能公布结果。" in refused
