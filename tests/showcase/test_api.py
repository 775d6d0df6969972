"""The showcase API: same rules, the one error envelope, in the schema."""

import datetime as dt

import pytest
from django.utils import timezone

from accounts.models import ApiToken, User
from accounts.roles import Role
from accounts.tokens import issue_token, revoke_token
from showcase.enums import WorkState
from showcase.models import Vote
from tests.factories import ResidentFactory, UserFactory, person_with_role
from tests.showcase.factories import ShowcaseFactory, WorkFactory
from tests.showcase.media_files import png_upload

pytestmark = pytest.mark.django_db


def bearer(user):
    return {"Authorization": f"Bearer {issue_token(user)}"}


@pytest.fixture
def works():
    return WorkFactory.create_batch(4, showcase=ShowcaseFactory())


def vote(client, work, headers, key=None):
    extra = {"Idempotency-Key": key} if key else {}
    return client.post(
        f"/api/v1/showcase/works/{work.pk}/vote",
        data="{}",
        content_type="application/json",
        headers={**headers, **extra},
    )


def test_api_vote_quota_refusal_in_envelope(client, works):
    headers = bearer(ResidentFactory())

    answers = [vote(client, work, headers) for work in works]

    assert [a.status_code for a in answers] == [200, 200, 200, 409]
    assert answers[2].json()["remaining_today"] == 0
    body = answers[3].json()
    assert body["code"] == "vote_quota_used"
    assert body["message"] == "您今天的3票已全部投完，请明天再来。"
    assert body["request_id"]


def test_api_vote_retry_same_key_same_answer(client, works):
    headers = bearer(ResidentFactory())

    first = vote(client, works[0], headers, key="k-1").json()
    again = vote(client, works[0], headers, key="k-1").json()

    assert again["vote_id"] == first["vote_id"]
    assert again["replayed"] is True
    assert Vote.objects.count() == 1


def test_api_vote_needs_sign_in(client, works):
    answer = vote(client, works[0], {})

    assert answer.status_code == 401
    assert answer.json()["code"] == "unauthenticated"


@pytest.mark.also_postgres
@pytest.mark.parametrize("token", ["unknown", "revoked", "expired", "inactive"])
def test_api_vote_with_a_token_nobody_holds_refused(client, works, token):
    person = ResidentFactory()
    raw = issue_token(person)
    if token == "unknown":
        raw = "not-a-token"
    elif token == "revoked":
        revoke_token(raw)
    elif token == "expired":
        ApiToken.objects.update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    else:
        User.objects.filter(pk=person.pk).update(is_active=False)

    answer = vote(client, works[0], {"Authorization": f"Bearer {raw}"})

    assert answer.status_code == 401
    assert answer.json()["code"] == "unauthenticated"
    assert answer.json()["message"] == "请先登录。"
    assert Vote.objects.count() == 0


@pytest.mark.also_postgres
def test_api_vote_by_a_person_without_a_verified_mobile_refused(client, works):
    answer = vote(client, works[0], bearer(UserFactory()))

    assert answer.status_code == 403
    assert answer.json()["code"] == "voter_not_verified"
    assert Vote.objects.count() == 0


@pytest.mark.also_postgres
def test_api_vote_by_token_counts_for_its_holder(client, works):
    person = ResidentFactory()

    answer = vote(client, works[0], bearer(person))

    assert answer.status_code == 200
    assert Vote.objects.get().voter == person
    works[0].refresh_from_db()
    assert answer.json()["votes"] == works[0].vote_count == 1


def test_api_vote_unknown_work_not_found(client, works):
    answer = client.post(
        "/api/v1/showcase/works/999999/vote",
        data="{}",
        content_type="application/json",
        headers=bearer(ResidentFactory()),
    )

    assert answer.status_code == 404


def test_api_ranking_and_remaining(client, works):
    headers = bearer(ResidentFactory())
    vote(client, works[1], headers)

    ranking = client.get("/api/v1/showcase/ranking").json()
    remaining = client.get("/api/v1/showcase/me/remaining", headers=headers).json()

    assert ranking[0] == {
        "rank": 1,
        "work_id": works[1].pk,
        "title": works[1].title,
        "votes": 1,
    }
    assert remaining == {"remaining_today": 2, "votes_per_day": 3}


def test_api_veto_by_reviewer_drops_votes(client, works):
    vote(client, works[0], bearer(ResidentFactory()))

    answer = client.post(
        f"/api/v1/showcase/works/{works[0].pk}/veto",
        data={"reason": "侵权"},
        content_type="application/json",
        headers=bearer(person_with_role(Role.REVIEWER)),
    )

    assert answer.json()["state"] == WorkState.VETOED
    works[0].refresh_from_db()
    assert works[0].vote_count == 0


def test_api_veto_by_resident_forbidden(client, works):
    answer = client.post(
        f"/api/v1/showcase/works/{works[0].pk}/veto",
        data={"reason": "侵权"},
        content_type="application/json",
        headers=bearer(ResidentFactory()),
    )

    assert answer.status_code == 403
    works[0].refresh_from_db()
    assert works[0].state == WorkState.APPROVED


def test_api_create_and_submit_work(client, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    ShowcaseFactory(stage="collection")
    headers = bearer(ResidentFactory())

    created = client.post(
        "/api/v1/showcase/works",
        data={
            "title": "楼道里的灯",
            "kind": "photography",
            "direction": "warm_service",
            "authors": "王五",
            "description": "说明",
            "story": "故事",
        },
        content_type="application/json",
        headers=headers,
    )
    work_id = created.json()["id"]
    client.post(
        f"/api/v1/showcase/works/{work_id}/media",
        {"file": png_upload()},
        headers=headers,
    )
    refused = client.post(
        f"/api/v1/showcase/works/{work_id}/submit",
        data={"pledge_accepted": False},
        content_type="application/json",
        headers=headers,
    )
    submitted = client.post(
        f"/api/v1/showcase/works/{work_id}/submit",
        data={"pledge_accepted": True},
        content_type="application/json",
        headers=headers,
    )

    assert created.status_code == 201
    assert refused.json()["code"] == "pledge_required"
    assert submitted.json()["state"] == WorkState.SUBMITTED


def test_api_schema_lists_showcase_actions(client):
    schema = client.get("/api/v1/openapi.json").json()

    paths = schema["paths"]
    assert "/api/v1/showcase/works/{work_id}/vote" in paths
    assert "/api/v1/showcase/works/{work_id}/approve" in paths
    vote_responses = paths["/api/v1/showcase/works/{work_id}/vote"]["post"]["responses"]
    assert {"200", "409", "429"} <= set(vote_responses)


def _closed_showcase_with_finalist():
    from showcase.services.results import close_voting

    showcase = ShowcaseFactory(stage="expert_review")
    work = WorkFactory(showcase=showcase, vote_count=3)
    close_voting(showcase, actor=person_with_role(Role.CITY_OFFICER))
    return showcase, work


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("NaN", "请填写数字。"),
        ("85.555", "最多保留2位小数。"),
        (101, "该数值超出允许范围。"),
        ("1e3", "该数值超出允许范围。"),
    ],
)
def test_api_score_refuses_what_the_form_refuses(client, value, message):
    _showcase, work = _closed_showcase_with_finalist()
    expert = person_with_role(Role.EXPERT)

    answer = client.post(
        f"/api/v1/showcase/finalists/{work.finalist.pk}/score",
        data={"creativity": value, "appeal": 80, "integration": 80},
        content_type="application/json",
        headers=bearer(expert),
    )

    assert answer.status_code == 422
    assert answer.json()["fields"]["creativity"] == [message]
    assert not work.finalist.scores.exists()


def test_api_expert_sees_only_own_scores_then_chair_confirms_and_top_published(
    client,
):
    _showcase, work = _closed_showcase_with_finalist()
    experts = [person_with_role(Role.EXPERT) for _ in range(2)]
    for expert, value in zip(experts, (95, 40), strict=True):
        client.post(
            f"/api/v1/showcase/finalists/{work.finalist.pk}/score",
            data={"creativity": value, "appeal": value, "integration": value},
            content_type="application/json",
            headers=bearer(expert),
        )
    organiser = bearer(person_with_role(Role.CITY_OFFICER))
    chair = bearer(person_with_role(Role.PANEL_CHAIR))

    mine = client.get("/api/v1/showcase/expert/finalists", headers=bearer(experts[1]))
    refused = client.post("/api/v1/showcase/results/publish", headers=organiser)
    flagged = client.get("/api/v1/showcase/chair/flagged", headers=chair)
    not_chair = client.post(
        f"/api/v1/showcase/finalists/{work.finalist.pk}/confirm", headers=organiser
    )
    confirmed = client.post(
        f"/api/v1/showcase/finalists/{work.finalist.pk}/confirm", headers=chair
    )
    published = client.post("/api/v1/showcase/results/publish", headers=organiser)
    top = client.get("/api/v1/showcase/top")

    assert mine.json()[0]["my_scores"] == {
        "creativity": "40.00",
        "appeal": "40.00",
        "integration": "40.00",
    }
    assert refused.status_code == 409
    assert refused.json()["code"] == "scores_unconfirmed"
    assert flagged.json()[0]["expert_totals"] == ["95.00", "40.00"]
    assert not_chair.status_code == 403
    assert confirmed.status_code == 200
    assert published.status_code == 200
    assert top.json() == published.json()
    assert top.json()[0] | {"work_id": 0} == {
        "rank": 1,
        "work_id": 0,
        "title": work.title,
        "company": str(work.company or ""),
        "votes": 3,
        "public_score": "100.00",
        "expert_score": "67.50",
        "final_score": "80.50",
        "withdrawn": False,
    }


def test_api_idempotency_key_longer_than_64_refused_not_cut(client, works):
    headers = bearer(ResidentFactory())

    long_key = vote(client, works[0], headers, key="x" * 64 + "a")
    exact = vote(client, works[0], headers, key="x" * 64)

    assert long_key.status_code == 422
    assert long_key.json()["fields"] == {"idempotency_key": ["最多可填写 64 个字符。"]}
    assert exact.status_code == 200
    assert Vote.objects.get().idempotency_key == "x" * 64


def test_api_remaining_is_zero_for_a_person_without_a_verified_mobile(client, works):
    answer = client.get("/api/v1/showcase/me/remaining", headers=bearer(UserFactory()))

    assert answer.json()["remaining_today"] == 0


def test_api_logout_ends_the_page_session_too(client):
    person = ResidentFactory()
    client.force_login(person)
    headers = bearer(person)

    client.post("/api/v1/accounts/logout", headers=headers)
    me = client.get("/api/v1/accounts/me")

    assert me.status_code == 401
