"""The complaints API: the same services and rules as the pages."""

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.roles import Role
from accounts.tokens import issue_token
from complaints.enums import Outcome, State
from complaints.models import Complaint, ComplaintRating
from tests.complaints.factories import ComplaintFactory, company_staff, shanghai
from tests.complaints.test_intake import PNG
from tests.factories import EstateFactory, ResidentFactory, person_with_role

pytestmark = pytest.mark.django_db

BASE = "/api/v1/complaints/"


def auth(user):
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_token(user)}"}


def post(client, user, path, body=None):
    return client.post(
        BASE + path, body or {}, content_type="application/json", **auth(user)
    )


def test_resident_complains_and_a_retry_returns_the_same(client):
    resident = ResidentFactory()
    body = {
        "estate_id": resident.household.estate_id,
        "category": "repair",
        "description": "水管漏水",
        "idempotency_key": "abc-1",
    }

    with time_machine.travel(shanghai(2026, 3, 4, 9), tick=False):
        first = post(client, resident, "", body)
        again = post(client, resident, "", body)

    assert first.status_code == 201
    assert again.status_code == 200
    assert again.json()["id"] == first.json()["id"]
    due = dt.datetime.fromisoformat(first.json()["first_response_due_at"])
    assert due == shanghai(2026, 3, 4, 17)
    assert first.json()["state"] == "routed"
    assert Complaint.objects.get().channel == "api"


def test_invalid_category_answers_with_the_error_envelope(client):
    resident = ResidentFactory()

    response = post(
        client,
        resident,
        "",
        {
            "estate_id": resident.household.estate_id,
            "category": "x",
            "description": "a",
        },
    )

    assert response.status_code == 422
    assert set(response.json()) == {"code", "message", "fields", "request_id"}


def test_unauthenticated_is_refused(client):
    assert client.get(BASE).status_code == 401


def test_whole_flow_through_the_api(client):
    complaint = ComplaintFactory()
    resident = complaint.complainant
    staff = company_staff(complaint.estate)
    path = f"{complaint.pk}/"

    assert post(client, staff, path + "respond", {"text": "收到"}).status_code == 200
    assert post(client, staff, path + "pause", {"text": "等业主"}).json()[
        "waiting_on_resident"
    ]
    assert post(client, staff, path + "resume").status_code == 200
    assert post(client, staff, path + "resolve", {"text": "好了"}).status_code == 200
    assert post(client, resident, path + "reopen", {"text": "没好"}).json()[
        "state"
    ] == ("reopened")
    assert post(client, staff, path + "resolve", {"text": "真好了"}).status_code == 200
    assert post(client, resident, path + "confirm").json()["outcome"] == "confirmed"
    assert post(client, resident, path + "rate", {"score": 5}).json()["score"] == 5
    assert post(client, resident, path + "rate", {"score": 1}).status_code == 409


def test_denied_action_changes_nothing(client):
    complaint = ComplaintFactory()
    outsider = company_staff(EstateFactory())

    response = post(client, outsider, f"{complaint.pk}/respond", {"text": "x"})

    assert response.status_code == 404
    complaint.refresh_from_db()
    assert complaint.state == State.ROUTED


def test_resident_cannot_respond_to_own_complaint(client):
    complaint = ComplaintFactory()

    response = post(
        client, complaint.complainant, f"{complaint.pk}/respond", {"text": "x"}
    )

    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
    complaint.refresh_from_db()
    assert complaint.state == State.ROUTED


def test_wrong_state_answers_409(client):
    complaint = ComplaintFactory()

    response = post(client, complaint.complainant, f"{complaint.pk}/confirm")

    assert response.status_code == 409


def test_hotline_entry_through_the_api(client):
    estate = EstateFactory()
    staff = company_staff(estate)

    response = post(
        client,
        staff,
        "hotline",
        {
            "estate_id": estate.pk,
            "category": "noise",
            "description": "电话投诉：夜间噪音",
            "mobile": "13812345678",
        },
    )

    assert response.status_code == 201
    assert response.json()["entered_by_staff"] is True


def test_resident_cannot_use_the_hotline(client):
    resident = ResidentFactory()

    response = post(
        client,
        resident,
        "hotline",
        {
            "estate_id": resident.household.estate_id,
            "category": "noise",
            "description": "x",
            "mobile": "13812345678",
        },
    )

    assert response.status_code == 403
    assert not Complaint.objects.exists()


def test_photo_upload(client):
    complaint = ComplaintFactory()
    photo = SimpleUploadedFile("p.png", PNG, content_type="image/png")

    response = client.post(
        BASE + f"{complaint.pk}/photos", {"file": photo}, **auth(complaint.complainant)
    )

    assert response.status_code == 200
    assert len(response.json()["photo_ids"]) == 1


def test_summary_endpoint_matches_the_page(client):
    ComplaintFactory(received_at=shanghai(2026, 3, 4, 9))
    city = person_with_role(Role.CITY_OFFICER)
    client.force_login(city)

    with time_machine.travel(shanghai(2026, 3, 4, 18), tick=False):
        api = client.get(BASE + "summary", {"day": "2026-03-04"}, **auth(city))
        page = client.get("/complaints/console/summary", {"day": "2026-03-04"})

    assert api.json()["total"] == page.context["figures"]["total"]
    assert api.json()["total"]["received"] == 1


def test_complaint_rate_endpoint(client):
    city = person_with_role(Role.CITY_OFFICER)

    response = client.get(
        "/api/v1/indicators/complaint-rate", {"month": "2026-03"}, **auth(city)
    )

    assert response.status_code == 200
    assert response.json()["definition"]["numerator"]


def test_rating_with_a_too_long_comment_is_refused_at_the_field(client):
    complaint = ComplaintFactory(state=State.CLOSED, outcome=Outcome.CONFIRMED)

    response = client.post(
        f"{BASE}{complaint.pk}/rate",
        {"score": 4, "comment": "好" * 4000},
        content_type="application/json",
        **auth(complaint.complainant),
    )

    assert response.status_code == 422
    assert response.json()["code"] == "comment_too_long"
    assert response.json()["fields"]["comment"] == ["最多 500 个字。"]
    assert not ComplaintRating.objects.exists()


def test_schema_lists_the_actions_with_the_error_envelope(client):
    schema = client.get("/api/v1/openapi.json").json()

    paths = schema["paths"]
    respond = paths["/api/v1/complaints/{complaint_id}/respond"]["post"]
    assert {"200", "403", "404", "409", "422"} <= set(respond["responses"])
    for action in [
        "resolve",
        "pause",
        "resume",
        "close",
        "recategorise",
        "confirm",
        "reopen",
        "rate",
        "notes",
    ]:
        assert f"/api/v1/complaints/{{complaint_id}}/{action}" in paths
