"""The signed-in person's inbox: list, unread count, mark read."""

import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from accounts.api_auth import API_AUTH
from common.api import responses
from notifications.selectors import notifications_visible_to, unread_count
from notifications.services import mark_all_read, mark_read

router = Router(tags=["notifications"], auth=API_AUTH)

PAGE_SIZE = 50


class NotificationOut(Schema):
    id: int
    at: dt.datetime
    title: str
    body: str
    url: str
    read: bool


class NotificationPageOut(Schema):
    items: list[NotificationOut]
    unread: int


class UnreadOut(Schema):
    unread: int


def _out(notification):
    return {
        "id": notification.pk,
        "at": notification.at,
        "title": notification.title,
        "body": notification.body,
        "url": notification.url,
        "read": notification.read_at is not None,
    }


@router.get("/", response=responses(200, NotificationPageOut))
def list_notifications(request, before: int | None = None, unread_only: bool = False):
    """The newest messages first, 50 at a time; pass ``before`` (an id) to page."""
    items = notifications_visible_to(request.auth)
    if unread_only:
        items = items.filter(read_at__isnull=True)
    if before is not None:
        items = items.filter(pk__lt=before)
    return {
        "items": [_out(n) for n in items[:PAGE_SIZE]],
        "unread": unread_count(request.auth),
    }


@router.get("/unread-count", response=responses(200, UnreadOut))
def unread(request):
    return {"unread": unread_count(request.auth)}


@router.post("/{notification_id}/read", response=responses(200, NotificationOut))
def read(request, notification_id: int):
    notification = get_object_or_404(
        notifications_visible_to(request.auth), pk=notification_id
    )
    mark_read(notification, actor=request.auth)
    return _out(notification)


@router.post("/read-all", response=responses(200, UnreadOut))
def read_all(request):
    mark_all_read(actor=request.auth)
    return {"unread": unread_count(request.auth)}
