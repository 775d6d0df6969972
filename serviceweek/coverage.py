"""Coverage of the 7/1 actions by subdistrict and district, in an official's area."""

from django.db.models import Count, Q

from places.selectors import estates_visible_to
from serviceweek.enums import ActionKind


def coverage_for(user, week):
    """Rows per subdistrict and per district: estates, and for each action
    kind the estates that recorded it, with the share in percent."""
    estates = estates_visible_to(user)
    measures = {
        kind.value: Count(
            "day_one_actions",
            filter=Q(day_one_actions__week=week, day_one_actions__kind=kind),
            distinct=True,
        )
        for kind in ActionKind
    }
    result = {}
    for key, field in (
        ("subdistrict", "subdistrict__name"),
        ("district", "district__name"),
    ):
        per_estate = estates.order_by().values("pk", field).annotate(**measures)
        groups = {}
        for row in per_estate:
            group = groups.setdefault(
                row[field], {"name": row[field], "estates": 0, "kinds": {}}
            )
            group["estates"] += 1
            for kind in ActionKind:
                if row[kind.value]:
                    group["kinds"][kind.value] = group["kinds"].get(kind.value, 0) + 1
        for group in groups.values():
            group["cells"] = [
                {
                    "kind": kind.label,
                    "done": group["kinds"].get(kind.value, 0),
                    "percent": round(
                        100 * group["kinds"].get(kind.value, 0) / group["estates"]
                    ),
                }
                for kind in ActionKind
            ]
        result[key] = sorted(groups.values(), key=lambda g: g["name"])
    return result
