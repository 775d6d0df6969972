"""Organisers set up a year's showcase: stage dates, rules and counts."""

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from accounts.roles import Role
from common.errors import NotAllowed
from common.models import AuditEntry
from showcase.errors import SetupRefused
from showcase.models import Showcase
from showcase.selectors import current_showcase
from showcase.services.setup import create_showcase, update_showcase
from showcase.stages import planned_dates
from tests.factories import ResidentFactory, person_with_role
from tests.showcase.factories import ShowcaseFactory

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 12, 5, 2, 0, tzinfo=dt.UTC)


@pytest.fixture
def organiser():
    return person_with_role(Role.ASSOCIATION_STAFF)


def refusals(error):
    return {name: [str(m) for m in messages] for name, messages in error.fields.items()}


@time_machine.travel(NOW, tick=False)
def test_next_years_showcase_follows_the_plan_and_leaves_this_years_current(
    organiser,
):
    running = ShowcaseFactory(stage="voting")
    start = dt.datetime(2027, 6, 1, 0, 0, tzinfo=dt.UTC)

    created = create_showcase(
        actor=organiser, year=2027, title=" 2027年成果展演 ", collection_starts_at=start
    )

    assert created.title == "2027年成果展演"
    assert {name: getattr(created, name) for name in planned_dates(start)} == (
        planned_dates(start)
    )
    assert current_showcase() == running
    assert AuditEntry.objects.get(action="showcase.showcase.create").object_id == str(
        created.pk
    )


@time_machine.travel(NOW, tick=False)
def test_a_year_taken_and_a_start_in_the_past_are_refused_at_their_fields(organiser):
    ShowcaseFactory(year=2027)

    with pytest.raises(SetupRefused) as refusal:
        create_showcase(
            actor=organiser,
            year=2027,
            title="",
            collection_starts_at=NOW - dt.timedelta(days=1),
        )

    assert refusals(refusal.value) == {
        "year": ["这一年已有成果展演。"],
        "title": ["此项为必填项。"],
        "collection_starts_at": ["请选择晚于现在的时间。"],
    }


@time_machine.travel(NOW, tick=False)
def test_a_showcase_overlapping_another_is_refused(organiser):
    running = ShowcaseFactory(stage="voting", year=2026)
    later = ShowcaseFactory(
        year=2028, **planned_dates(dt.datetime(2028, 3, 1, tzinfo=dt.UTC))
    )
    span = (
        f"{timezone.localtime(running.collection_starts_at):%Y-%m-%d %H:%M}到"
        f"{timezone.localtime(running.ends_at):%Y-%m-%d %H:%M}"
    )

    with pytest.raises(SetupRefused) as created:
        create_showcase(
            actor=organiser,
            year=2027,
            title="2027年",
            collection_starts_at=NOW + dt.timedelta(minutes=2),
        )
    with pytest.raises(SetupRefused) as moved:
        update_showcase(
            running,
            actor=organiser,
            ends_at=later.collection_starts_at + dt.timedelta(days=1),
        )

    assert refusals(created.value) == {
        "collection_starts_at": [f"2026年成果展演从{span}进行，两届成果展演不能重叠。"]
    }
    assert list(refusals(moved.value)) == ["ends_at"]
    assert "2028年成果展演" in refusals(moved.value)["ends_at"][0]
    assert Showcase.objects.count() == 2


def test_residents_cannot_set_up_a_showcase():
    with pytest.raises(NotAllowed):
        create_showcase(
            actor=ResidentFactory(),
            year=2030,
            title="x",
            collection_starts_at=timezone.now() + dt.timedelta(days=9),
        )


@time_machine.travel(NOW, tick=False)
def test_stages_out_of_order_and_passed_dates_are_refused(organiser):
    showcase = ShowcaseFactory(stage="review")

    with pytest.raises(SetupRefused) as refusal:
        update_showcase(
            showcase,
            actor=organiser,
            collection_starts_at=NOW + dt.timedelta(days=1),
            voting_ends_at=showcase.voting_starts_at,
        )

    assert refusals(refusal.value) == {
        "collection_starts_at": ["这个时间已过，它开始的阶段不能再移动。"],
        "voting_ends_at": ["一个阶段不能早于前一个阶段开始。"],
    }
    showcase.refresh_from_db()
    assert showcase.voting_ends_at > showcase.voting_starts_at


@time_machine.travel(NOW, tick=False)
def test_a_future_date_moves_and_the_change_is_audited(organiser):
    showcase = ShowcaseFactory(stage="review")
    later = showcase.voting_ends_at + dt.timedelta(days=2)

    update_showcase(showcase, actor=organiser, voting_ends_at=later, title="新标题")

    showcase.refresh_from_db()
    assert (showcase.voting_ends_at, showcase.title) == (later, "新标题")
    entry = AuditEntry.objects.get(action="showcase.showcase.update")
    assert entry.after["voting_ends_at"] == later.isoformat()


@time_machine.travel(NOW, tick=False)
def test_vote_rules_lock_when_voting_opens_and_weights_when_published(organiser):
    voting = ShowcaseFactory(stage="voting")
    published = ShowcaseFactory(stage="gala", results_published_at=NOW)

    with pytest.raises(SetupRefused) as locked:
        update_showcase(voting, actor=organiser, votes_per_day=5)
    with pytest.raises(SetupRefused) as final:
        update_showcase(published, actor=organiser, weight_appeal=Decimal(2))

    assert refusals(locked.value) == {"votes_per_day": ["投票开始后不能修改投票规则。"]}
    assert refusals(final.value) == {
        "weight_appeal": ["结果已公布，各项分数不能再更改。"]
    }


@time_machine.travel(NOW, tick=False)
def test_weights_cannot_all_be_zero(organiser):
    showcase = ShowcaseFactory(stage="collection")

    with pytest.raises(SetupRefused) as refusal:
        update_showcase(
            showcase,
            actor=organiser,
            weight_creativity=Decimal(0),
            weight_appeal=Decimal(0),
            weight_integration=Decimal(0),
        )

    assert refusals(refusal.value) == {"weight_creativity": ["至少一项权重须大于0。"]}


@time_machine.travel(NOW, tick=False)
def test_limits_and_dates_beyond_what_can_be_stored_are_refused_at_their_fields(
    organiser,
):
    showcase = ShowcaseFactory(stage="collection")
    far = dt.datetime(9999, 12, 1, tzinfo=dt.UTC)

    with pytest.raises(SetupRefused) as limits:
        update_showcase(
            showcase,
            actor=organiser,
            ip_votes_per_minute=3_000_000_000,
            device_votes_per_minute=0,
            ends_at=far,
        )
    with pytest.raises(SetupRefused) as created:
        create_showcase(
            actor=organiser, year=2099, title="远期", collection_starts_at=far
        )

    assert refusals(limits.value) == {
        "ip_votes_per_minute": ["请填写1到1000000之间的数。"],
        "device_votes_per_minute": ["请填写1到1000000之间的数。"],
        "ends_at": ["请选择2100年底之前的时间。"],
    }
    assert refusals(created.value) == {
        "collection_starts_at": ["请选择2100年底之前的时间。"]
    }


def test_settings_page_refuses_a_huge_limit_with_a_message(client, organiser):
    from django.urls import reverse

    showcase = ShowcaseFactory(stage="collection")
    client.force_login(organiser)

    response = client.post(
        reverse("showcase:settings_edit", args=[showcase.pk]),
        {
            **{
                name: value.strftime("%Y-%m-%dT%H:%M")
                if hasattr(value, "strftime")
                else value
                for name, value in _settings(showcase).items()
            },
            "ip_votes_per_minute": str(10**20),
        },
    )

    assert response.status_code == 200
    assert "请填写1到1000000之间的数。" in response.content.decode()
    showcase.refresh_from_db()
    assert showcase.ip_votes_per_minute < 10**20


def test_settings_page_sets_up_a_year_and_keeps_a_refused_entry(client, organiser):
    from django.urls import reverse

    client.force_login(organiser)
    start = timezone.localtime(timezone.now() + dt.timedelta(days=30))

    created = client.post(
        reverse("showcase:settings"),
        {
            "year": 2031,
            "title": "2031年成果展演",
            "collection_starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        },
    )
    showcase = Showcase.objects.get(year=2031)
    refused = client.post(
        reverse("showcase:settings_edit", args=[showcase.pk]),
        {
            **{
                name: value.strftime("%Y-%m-%dT%H:%M")
                if hasattr(value, "strftime")
                else value
                for name, value in _settings(showcase).items()
            },
            "votes_per_day": "2",
            "votes_per_work_per_day": "3",
        },
    )

    assert created.status_code == 302
    page = refused.content.decode()
    assert "请填写1到每天票数之间的数。" in page
    assert 'name="votes_per_work_per_day" value="3"' in page
    showcase.refresh_from_db()
    assert (showcase.votes_per_day, showcase.votes_per_work_per_day) == (3, 1)


def _settings(showcase):
    from showcase.services.setup import EDITABLE

    return {
        name: timezone.localtime(getattr(showcase, name))
        if name.endswith("_at")
        else getattr(showcase, name)
        for name in EDITABLE
    }


def test_settings_api_creates_and_changes_with_refusals_at_fields(client, organiser):
    from accounts.tokens import issue_token

    headers = {"Authorization": f"Bearer {issue_token(organiser)}"}
    start = (timezone.now() + dt.timedelta(days=20)).isoformat()

    created = client.post(
        "/api/v1/showcase/showcases",
        {"year": 2032, "title": "2032年", "collection_starts_at": start},
        content_type="application/json",
        headers=headers,
    )
    showcase_id = created.json()["id"]
    refused = client.patch(
        f"/api/v1/showcase/showcases/{showcase_id}",
        {"weight_creativity": 0, "weight_appeal": 0, "weight_integration": 0},
        content_type="application/json",
        headers=headers,
    )
    changed = client.patch(
        f"/api/v1/showcase/showcases/{showcase_id}",
        {"finalist_count": 30},
        content_type="application/json",
        headers=headers,
    )

    assert created.status_code == 201
    assert created.json()["stage"] == "not_started"
    assert refused.status_code == 422
    assert refused.json()["fields"] == {"weight_creativity": ["至少一项权重须大于0。"]}
    assert changed.json()["finalist_count"] == 30


def test_the_admin_shows_showcase_records_read_only(client):
    from tests.factories import UserFactory

    showcase = ShowcaseFactory()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))

    page = client.get(f"/admin/showcase/showcase/{showcase.pk}/change/")
    change = client.post(
        f"/admin/showcase/showcase/{showcase.pk}/change/", {"title": "改"}
    )

    assert page.status_code == 200
    assert change.status_code == 403
    showcase.refresh_from_db()
    assert showcase.title != "改"
