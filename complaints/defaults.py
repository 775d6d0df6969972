"""The first deadline policies and service-week windows.

Migration 0002 enters the same values; :func:`ensure_defaults` re-enters
them where a database was emptied (tests that flush tables).
"""

import datetime as dt
import zoneinfo

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")

# Working days to resolve, per category: urgent safety matters are short.
RESOLUTION_DAYS = {
    "repair": 5,
    "elevator": 2,
    "cleaning": 3,
    "security": 2,
    "greenery": 5,
    "parking": 5,
    "fees": 10,
    "noise": 3,
    "attitude": 3,
    "other": 5,
}
SERVICE_WEEK_YEARS = (2025, 2026, 2027)


def ensure_defaults(policy_model=None, window_model=None):
    if policy_model is None:
        from complaints.models import DeadlinePolicy, ServiceWeekWindow

        policy_model, window_model = DeadlinePolicy, ServiceWeekWindow
    start = dt.datetime(2025, 1, 1, tzinfo=SHANGHAI)
    for category, days in RESOLUTION_DAYS.items():
        policy_model.objects.get_or_create(
            category=category,
            effective_from=start,
            defaults={"resolution_days": days, "response_cutoff": dt.time(17, 0)},
        )
    for year in SERVICE_WEEK_YEARS:
        window_model.objects.get_or_create(
            year=year,
            defaults={
                "starts_on": dt.date(year, 7, 1),
                "ends_on": dt.date(year, 7, 6),
            },
        )
