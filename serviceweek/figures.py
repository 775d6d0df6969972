"""Figures for officials: orders by theme day, partner and district, within
the official's own area (``orders_visible_to``)."""

from decimal import Decimal

from django.db.models import Avg, Count, DecimalField, ExpressionWrapper, F, Q, Sum
from django.utils.translation import gettext as _

from serviceweek.enums import DONE_STATES, OrderState
from serviceweek.models import Order
from serviceweek.selectors import orders_visible_to

CENT = Decimal("0.01")
GROUPS = (
    ("theme_day", "package__theme_day__name"),
    ("partner", "package__partner__name"),
    ("district", "household__estate__district__name"),
)


def _measures():
    discount = ExpressionWrapper(
        (F("list_price") - F("red_price")) * F("quantity"),
        output_field=DecimalField(max_digits=14, decimal_places=4),
    )
    done = Q(state__in=DONE_STATES)
    return {
        "total": Count("pk"),
        "completed": Count("pk", filter=done),
        "cancelled": Count("pk", filter=Q(state=OrderState.CANCELLED)),
        "overall": Avg("rating__overall"),
        "timeliness": Avg("rating__timeliness"),
        "attitude": Avg("rating__attitude"),
        "discount": Sum(discount, filter=done),
    }


def _rows(orders, field):
    grouped = orders.order_by().values(field).annotate(**_measures()).order_by(field)
    return [_finish(row, row[field]) for row in grouped]


def _rate(part, whole):
    if not whole:
        return Decimal(0)
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"))


def _avg(value):
    return None if value is None else Decimal(str(value)).quantize(CENT)


def _finish(row, name):
    return {
        "name": name,
        "total": row["total"],
        "completed": row["completed"],
        "cancelled": row["cancelled"],
        "completion_rate": _rate(row["completed"], row["total"]),
        "cancellation_rate": _rate(row["cancelled"], row["total"]),
        "overall": _avg(row["overall"]),
        "timeliness": _avg(row["timeliness"]),
        "attitude": _avg(row["attitude"]),
        "discount": (row["discount"] or Decimal(0)).quantize(CENT),
    }


def figures_for(user):
    """Rows per theme day, partner and district, and the totals (``all``)."""
    # Re-select by key so that the visibility joins never count a row twice.
    orders = Order.objects.filter(pk__in=orders_visible_to(user).values("pk"))
    context = {key: _rows(orders, field) for key, field in GROUPS}
    context["all"] = _finish(orders.aggregate(**_measures()), _("All"))
    return context


def _header():
    return [
        _("Name"),
        _("Orders"),
        _("Completed"),
        _("Cancelled"),
        _("Completion rate (%)"),
        _("Cancellation rate (%)"),
        _("Average overall rating"),
        _("Average timeliness rating"),
        _("Average attitude rating"),
        _("Value of discounts delivered (yuan)"),
    ]


def _number(value):
    # Spreadsheet cells hold numbers as floats; the figures are already rounded.
    return None if value is None else float(value)


def sheets_for(user):
    figures = figures_for(user)
    titles = {
        "theme_day": _("By theme day"),
        "partner": _("By partner"),
        "district": _("By district"),
    }
    return [
        (
            titles[key],
            _header(),
            [
                [
                    row["name"],
                    row["total"],
                    row["completed"],
                    row["cancelled"],
                    *(
                        _number(row[key])
                        for key in (
                            "completion_rate",
                            "cancellation_rate",
                            "overall",
                            "timeliness",
                            "attitude",
                            "discount",
                        )
                    ),
                ]
                for row in figures[key]
            ],
        )
        for key in titles
    ]


SURVEY_GROUPS = (
    ("district", "household__estate__district__name"),
    ("partner", "orders__package__partner__name"),
    ("theme_day", "orders__package__theme_day__name"),
)


def survey_results(week, user):
    """Average satisfaction and answers by district, partner and theme day,
    over the households in ``user``'s area. A household that used several
    partners counts once for each of them."""
    from places.selectors import estate_scope_filter
    from serviceweek.models import SurveyResponse

    responses = SurveyResponse.objects.filter(week=week)
    area = estate_scope_filter(user, prefix="household__estate__")
    if area is not None:
        responses = responses.filter(area)
    ids = responses.values("pk")
    results = {}
    for key, field in SURVEY_GROUPS:
        rows = (
            SurveyResponse.objects.filter(pk__in=ids)
            .exclude(**{f"{field}__isnull": True})
            .values(field)
            .annotate(answers=Count("pk", distinct=True), average=Avg("satisfaction"))
            .order_by(field)
        )
        results[key] = [
            {"name": r[field], "answers": r["answers"], "average": _avg(r["average"])}
            for r in rows
        ]
    return results
