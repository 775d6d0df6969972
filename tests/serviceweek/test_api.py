"""The service week through the JSON API: same rules, same messages."""

import pytest

from accounts.tokens import issue_token
from serviceweek.enums import OrderState
from serviceweek.models import Order

pytestmark = pytest.mark.django_db

BASE = "/api/v1/serviceweek"


def bearer(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_token(user)}"}


def test_api_booking_retried_with_the_same_key_is_one_order(client, scene):
    auth = bearer(scene.resident)

    first = client.post(
        f"{BASE}/slots/{scene.slot.pk}/book",
        {},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="same",
        **auth,
    )
    second = client.post(
        f"{BASE}/slots/{scene.slot.pk}/book",
        {},
        content_type="application/json",
        HTTP_IDEMPOTENCY_KEY="same",
        **auth,
    )

    assert first.status_code == 201
    assert second.status_code == 201
    assert first.json()["id"] == second.json()["id"]
    assert first.json()["state_label"] == "已预约"
    assert Order.objects.count() == 1


def test_api_booking_a_full_slot_is_refused_in_chinese(client, scene):
    scene.slot.capacity = 0
    scene.slot.save()

    response = client.post(
        f"{BASE}/slots/{scene.slot.pk}/book",
        {},
        content_type="application/json",
        **bearer(scene.resident),
    )

    assert response.status_code == 409
    assert response.json()["code"] == "slot_full"
    assert response.json()["message"] == "该时段已约满，请选择其他时段。"


def test_api_partner_takes_the_order_through_its_steps(client, scene):
    booked = client.post(
        f"{BASE}/slots/{scene.slot.pk}/book",
        {},
        content_type="application/json",
        **bearer(scene.resident),
    ).json()
    dispatcher = bearer(scene.dispatcher)
    worker = bearer(scene.worker)

    listed = client.get(f"{BASE}/orders", **dispatcher).json()
    client.post(f"{BASE}/orders/{booked['id']}/accept", **dispatcher)
    client.post(
        f"{BASE}/orders/{booked['id']}/assign",
        {"worker_id": scene.worker.pk},
        content_type="application/json",
        **dispatcher,
    )
    seen = client.get(f"{BASE}/orders/{booked['id']}", **worker).json()
    client.post(f"{BASE}/orders/{booked['id']}/start", **worker)
    done = client.post(f"{BASE}/orders/{booked['id']}/complete", **worker)
    rated = client.post(
        f"{BASE}/orders/{booked['id']}/rate",
        {"overall": 5, "timeliness": 5, "attitude": 5, "comment": "好"},
        content_type="application/json",
        **bearer(scene.resident),
    )

    assert listed[0]["contact"]["masked"] is True
    assert seen["contact"]["mobile"] == scene.resident.mobile
    assert done.json()["state"] == OrderState.COMPLETED
    assert rated.status_code == 201
    assert Order.objects.get().state == OrderState.RATED


def test_api_stranger_cannot_see_or_move_an_order(client, scene):
    booked = client.post(
        f"{BASE}/slots/{scene.slot.pk}/book",
        {},
        content_type="application/json",
        **bearer(scene.resident),
    ).json()

    response = client.post(
        f"{BASE}/orders/{booked['id']}/accept", **bearer(scene.other_partner)
    )

    assert response.status_code == 404
    assert Order.objects.get().state == OrderState.BOOKED


def test_api_schema_lists_the_actions_and_the_error_envelope(client):
    schema = client.get("/api/v1/openapi.json").json()

    paths = schema["paths"]
    assert f"{BASE}/orders/{{order_id}}/accept" in paths
    assert f"{BASE}/slots/{{slot_id}}/book" in paths
    assert "409" in paths[f"{BASE}/slots/{{slot_id}}/book"]["post"]["responses"]


def test_api_board_endpoints_are_in_the_schema(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]

    for path in (
        "/survey",
        "/follow-ups/{follow_up_id}/close",
        "/estates/{estate_id}/standards",
        "/estates/{estate_id}/actions",
        "/care",
        "/care/pairings",
        "/booths",
        "/figures",
    ):
        assert f"{BASE}{path}" in paths


def test_api_figures_refused_to_a_resident_with_the_envelope(client, scene):
    response = client.get(f"{BASE}/figures", **bearer(scene.resident))

    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_api_standards_published_by_company_staff(client, scene):
    response = client.post(
        f"{BASE}/estates/{scene.estate.pk}/standards",
        {"items": [{"category": "保洁", "text": "楼道每日清扫"}]},
        content_type="application/json",
        **bearer(scene.company_staff),
    )
    shown = client.get(
        f"{BASE}/estates/{scene.estate.pk}/standards", **bearer(scene.resident)
    )

    assert response.status_code == 201
    assert shown.json()["items"] == [{"category": "保洁", "text": "楼道每日清扫"}]


def test_api_partner_publishes_a_package_and_opens_a_slot(client, scene):
    auth = bearer(scene.dispatcher)
    payload = {
        "partner_id": scene.package.partner_id,
        "theme_day_id": scene.package.theme_day_id,
        "team_id": scene.package.team_id,
        "service_item": "油烟机拆洗",
        "unit": "visit",
        "list_price": "150.00",
        "red_price": "0.00",
        "free_quota": 1,
    }

    created = client.post(
        f"{BASE}/partner/packages", payload, content_type="application/json", **auth
    )
    too_dear = client.post(
        f"{BASE}/partner/packages",
        {**payload, "red_price": "151.00"},
        content_type="application/json",
        **auth,
    )
    slot = client.post(
        f"{BASE}/partner/packages/{created.json()['id']}/slots",
        {
            "starts_at": scene.slot.starts_at.isoformat(),
            "ends_at": scene.slot.ends_at.isoformat(),
            "capacity": 3,
        },
        content_type="application/json",
        **auth,
    )

    assert created.status_code == 201
    assert too_dear.status_code == 400
    assert too_dear.json()["message"] == "红色优惠价不得高于原价。"
    assert slot.status_code == 201
    assert slot.json()["team_capacity"] == scene.slot.shift.capacity


def test_api_other_partner_cannot_publish_for_this_partner(client, scene):
    response = client.post(
        f"{BASE}/partner/packages",
        {
            "partner_id": scene.package.partner_id,
            "theme_day_id": scene.package.theme_day_id,
            "team_id": scene.package.team_id,
            "service_item": "油烟机拆洗",
            "unit": "visit",
            "list_price": "150.00",
            "red_price": "99.00",
        },
        content_type="application/json",
        **bearer(scene.other_partner),
    )

    assert response.status_code == 403


def test_api_slot_ending_before_it_starts_is_refused_not_a_server_error(client, scene):
    response = client.post(
        f"{BASE}/partner/packages/{scene.package.pk}/slots",
        {
            "starts_at": scene.slot.ends_at.isoformat(),
            "ends_at": scene.slot.starts_at.isoformat(),
            "capacity": 3,
        },
        content_type="application/json",
        **bearer(scene.dispatcher),
    )

    assert response.status_code == 400
    assert response.json()["code"] == "slot_times_ordered"
    assert response.json()["message"] == "时段的结束时间须晚于开始时间。"
    assert scene.package.slots.count() == 1


def test_api_team_keeps_its_capacity_per_slot_and_only_own_workers(client, scene):
    response = client.post(
        f"{BASE}/partner/teams",
        {
            "partner_id": scene.package.partner_id,
            "name": "焕新二队",
            "slot_capacity": 6,
            "worker_ids": [scene.worker.pk, scene.other_partner.pk],
        },
        content_type="application/json",
        **bearer(scene.dispatcher),
    )

    assert response.status_code == 201
    assert response.json()["slot_capacity"] == 6
    assert response.json()["worker_ids"] == [scene.worker.pk]
