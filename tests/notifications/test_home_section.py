import pytest
from django.urls import reverse

from notifications.models import Notification
from tests.factories import ResidentFactory

pytestmark = pytest.mark.django_db


def test_home_shows_unread_messages_of_the_signed_in_person(client):
    person = ResidentFactory()
    Notification.objects.create(recipient=person, title="您的点单已接单")
    Notification.objects.create(recipient=ResidentFactory(), title="别人的消息")
    client.force_login(person)

    text = client.get(reverse("home")).content.decode()

    assert "我的消息" in text
    assert "您的点单已接单" in text
    assert "别人的消息" not in text


def test_home_says_when_nothing_is_unread(client):
    client.force_login(ResidentFactory())

    text = client.get(reverse("home")).content.decode()

    assert "没有未读消息。" in text


def test_home_shows_no_inbox_when_signed_out(client):
    text = client.get(reverse("home")).content.decode()

    assert "我的消息" not in text
