import datetime as dt

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone

from accounts.permissions import can
from indicators.selectors import (
    DEFINITION,
    LEVELS,
    MIN_COMPLAINTS,
    MIN_HOUSEHOLDS,
    SHANGHAI,
    complaint_rates,
)


def _month(value):
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        dt.date(year, month, 1)
    except ValueError:
        today = timezone.now().astimezone(SHANGHAI).date()
        return today.year, today.month
    return year, month


@login_required
def complaint_rate(request):
    if not can(request.user, "indicators.view_complaint_rate"):
        raise PermissionDenied
    level = request.GET.get("level", "estate")
    if level not in LEVELS:
        level = "estate"
    year, month = _month(request.GET.get("month"))
    rows = complaint_rates(request.user, level=level, year=year, month=month)
    return render(
        request,
        "indicators/complaint_rate.html",
        {
            "rows": rows,
            "level": level,
            "levels": list(LEVELS),
            "month": f"{year:04d}-{month:02d}",
            "definition": DEFINITION,
            "min_households": MIN_HOUSEHOLDS,
            "min_complaints": MIN_COMPLAINTS,
        },
    )
