from notifications.models import Notification


def notifications_visible_to(user):
    if not user.is_authenticated:
        return Notification.objects.none()
    return Notification.objects.filter(recipient=user)


def unread_count(user):
    return notifications_visible_to(user).filter(read_at__isnull=True).count()
