from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from notifications.selectors import notifications_visible_to
from notifications.services import mark_read


@login_required
def inbox(request):
    items = notifications_visible_to(request.user)[:100]
    return render(request, "notifications/inbox.html", {"items": items})


@login_required
@require_POST
def read(request, pk):
    notification = get_object_or_404(notifications_visible_to(request.user), pk=pk)
    mark_read(notification, actor=request.user)
    return redirect(notification.url or "notifications:inbox")


def home_section(request):
    """The newest unread messages on the resident home; nothing when signed out."""
    if not request.user.is_authenticated:
        return None
    unread = notifications_visible_to(request.user).filter(read_at__isnull=True)
    return {"unread_items": list(unread[:3]), "unread_total": unread.count()}
