import importlib
import importlib.util

from django.conf import settings

# Apps that may add entries to the staff console's menu, in menu order. Each
# defines ``console_menu(user)`` in its ``menu`` module, returning a list of
# ``{"url": ..., "label": ...}`` for what that person may open.
MENU_APPS = (
    "places",
    "campaign",
    "serviceweek",
    "complaints",
    "showcase",
    "indicators",
    "accounts",
)


def console_menu(user):
    items = []
    for app in MENU_APPS:
        if importlib.util.find_spec(f"{app}.menu") is None:
            continue
        items.extend(importlib.import_module(f"{app}.menu").console_menu(user))
    return items


def platform(request):
    user = getattr(request, "user", None)
    menu = console_menu(user) if user is not None and user.is_authenticated else []
    return {"debug": settings.DEBUG, "console_menu": menu}
