import pytest

from accounts.tokens import issue_token
from notifications.models import Notification
from tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db

BASE = "/api/v1/notifications"


@pytest.fixture
def person():
    return ResidentFactory()


@pytest.fixture
def auth(person):
    return {"Authorization": f"Bearer {issue_token(person)}"}


def test_list_shows_only_own_messages_newest_first(client, person, auth):
    Notification.objects.create(recipient=person, title="第一条")
    Notification.objects.create(recipient=person, title="第二条")
    Notification.objects.create(recipient=ResidentFactory(), title="别人的")

    body = client.get(BASE + "/", headers=auth).json()

    assert [item["title"] for item in body["items"]] == ["第二条", "第一条"]
    assert body["unread"] == 2


def test_list_pages_with_before(client, person, auth):
    items = [
        Notification.objects.create(recipient=person, title=f"消息{n}")
        for n in range(3)
    ]

    body = client.get(BASE + f"/?before={items[1].pk}", headers=auth).json()

    assert [item["title"] for item in body["items"]] == ["消息0"]


def test_unread_count(client, person, auth):
    Notification.objects.create(recipient=person, title="a")

    assert client.get(BASE + "/unread-count", headers=auth).json() == {"unread": 1}


def test_mark_read(client, person, auth):
    message = Notification.objects.create(recipient=person, title="a")

    response = client.post(BASE + f"/{message.pk}/read", headers=auth)

    assert response.status_code == 200
    assert response.json()["read"] is True
    assert client.get(BASE + "/unread-count", headers=auth).json() == {"unread": 0}


def test_mark_read_of_someone_elses_message_is_not_found(client, auth):
    theirs = Notification.objects.create(recipient=ResidentFactory(), title="a")

    response = client.post(BASE + f"/{theirs.pk}/read", headers=auth)

    assert response.status_code == 404
    assert response.json()["message"] == "该内容不存在或您无权查看。"
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_read_all(client, person, auth):
    Notification.objects.create(recipient=person, title="a")
    Notification.objects.create(recipient=person, title="b")

    response = client.post(BASE + "/read-all", headers=auth)

    assert response.json() == {"unread": 0}


def test_inbox_endpoints_need_sign_in(client):
    response = client.get(BASE + "/")

    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"


def test_openapi_lists_the_error_envelope_for_every_inbox_endpoint(client):
    schema = client.get("/api/v1/openapi.json").json()

    paths = [p for p in schema["paths"] if p.startswith(BASE)]
    assert len(paths) == 4
    for path in paths:
        for operation in schema["paths"][path].values():
            assert operation["responses"]["404"]["content"]["application/json"][
                "schema"
            ]["$ref"].endswith("/ErrorOut")
