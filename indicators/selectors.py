"""The "五升一降" indicators; for now the one that must fall: the complaint rate.

Complaint rate, per place and calendar month (Asia/Shanghai):

- numerator: complaints received in the month about the place's estates,
  not counting those closed as duplicates of another;
- denominator: the households of those estates, as registered on the estate
  (for a company: the estates it serves now);
- rate: numerator × 1,000 ÷ denominator, complaints per 1,000 households.

Places are ranked lowest rate first, but only when they have at least
``min_households`` households and ``min_complaints`` complaints, so that a
tiny estate with one complaint neither tops nor sinks the table.
"""

import datetime as dt
import zoneinfo
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Sum
from django.utils.translation import gettext_lazy as _

from complaints.enums import Outcome
from complaints.models import Complaint
from places.models import Estate
from places.selectors import estate_scope_filter

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")
MIN_HOUSEHOLDS = 200
MIN_COMPLAINTS = 3

DEFINITION = {
    "numerator": _(
        "Complaints received in the month about the place's estates, "
        "duplicates excluded"
    ),
    "denominator": _("Registered households of those estates"),
    "period": _("One calendar month, Asia/Shanghai time"),
    "unit": _("complaints per 1,000 households"),
}

# Level -> the complaint field that places a complaint at that level.
LEVELS = {
    "estate": "estate_id",
    "company": "company_id",
    "subdistrict": "estate__subdistrict_id",
    "district": "estate__district_id",
}


@dataclass
class RateRow:
    place_id: int
    name: str
    households: int
    complaints: int
    rate: Decimal | None
    rank: int | None = None
    not_ranked_because: str = ""


def month_bounds(year, month):
    start = dt.datetime(year, month, 1, tzinfo=SHANGHAI)
    end = dt.datetime(year + month // 12, month % 12 + 1, 1, tzinfo=SHANGHAI)
    return start, end


def _rate(complaints, households):
    if not households:
        return None
    value = Decimal(complaints) * 1000 / Decimal(households)
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def complaint_rates(
    user,
    *,
    level,
    year,
    month,
    min_households=MIN_HOUSEHOLDS,
    min_complaints=MIN_COMPLAINTS,
):
    """Rows of the complaint rate at ``level`` for places in ``user``'s scope.

    The estates counted are those of :func:`estate_scope_filter`; a company
    row counts only its estates inside that scope.
    """
    group_field = LEVELS[level]
    start, end = month_bounds(year, month)
    estates = Estate.objects.all()
    scope = estate_scope_filter(user)
    if scope is not None:
        estates = estates.filter(scope).distinct()
    estate_ids = list(estates.values_list("pk", flat=True))

    households = _households(level, estate_ids)
    counted = (
        Complaint.objects.filter(
            estate_id__in=estate_ids, received_at__gte=start, received_at__lt=end
        )
        .exclude(outcome=Outcome.DUPLICATE)
        .values(group_field)
        .annotate(n=Count("pk"))
    )
    complaints = {row[group_field]: row["n"] for row in counted}
    rows = [
        RateRow(
            place_id=pk,
            name=name,
            households=total,
            complaints=complaints.get(pk, 0),
            rate=_rate(complaints.get(pk, 0), total),
        )
        for pk, (name, total) in households.items()
    ]
    return _ranked(rows, min_households, min_complaints)


def _households(level, estate_ids):
    estates = Estate.objects.filter(pk__in=estate_ids)
    if level == "estate":
        return {e.pk: (e.name, e.households) for e in estates.order_by("name")}
    field = {
        "company": "company",
        "subdistrict": "subdistrict",
        "district": "district",
    }[level]
    grouped = (
        estates.exclude(**{f"{field}_id": None})
        .values(f"{field}_id", f"{field}__name")
        .annotate(total=Sum("households"))
        .order_by(f"{field}__name")
    )
    return {
        row[f"{field}_id"]: (row[f"{field}__name"], row["total"] or 0)
        for row in grouped
    }


def _ranked(rows, min_households, min_complaints):
    for row in rows:
        if row.households < min_households:
            row.not_ranked_because = str(
                _("fewer than %(n)s households") % {"n": min_households}
            )
        elif row.complaints < min_complaints:
            row.not_ranked_because = str(
                _("fewer than %(n)s complaints") % {"n": min_complaints}
            )
    ranked = sorted(
        (row for row in rows if not row.not_ranked_because),
        key=lambda row: (row.rate, row.name),
    )
    for position, row in enumerate(ranked, start=1):
        row.rank = position
    return ranked + [row for row in rows if row.not_ranked_because]
