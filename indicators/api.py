from decimal import Decimal

from ninja import Router, Schema

from accounts.api_auth import API_AUTH
from accounts.permissions import can
from common.api import responses
from common.errors import DomainError, NotAllowed
from indicators.selectors import DEFINITION, LEVELS, complaint_rates

router = Router(tags=["indicators"], auth=API_AUTH)


class DefinitionOut(Schema):
    numerator: str
    denominator: str
    period: str
    unit: str


class RateRowOut(Schema):
    place_id: int
    name: str
    households: int
    complaints: int
    rate: Decimal | None
    rank: int | None
    not_ranked_because: str


class ComplaintRateOut(Schema):
    level: str
    month: str
    definition: DefinitionOut
    rows: list[RateRowOut]


@router.get("/complaint-rate", response=responses(200, ComplaintRateOut))
def complaint_rate(request, month: str, level: str = "estate"):
    """Complaints per 1,000 households in ``month`` (YYYY-MM), ranked."""
    if not can(request.auth, "indicators.view_complaint_rate"):
        raise NotAllowed()
    try:
        year, number = (int(part) for part in month.split("-"))
        if level not in LEVELS or not 1 <= number <= 12:
            raise ValueError(month)
    except ValueError:
        raise DomainError(code="invalid_input", status=422) from None
    rows = complaint_rates(request.auth, level=level, year=year, month=number)
    return {
        "level": level,
        "month": f"{year:04d}-{number:02d}",
        "definition": {name: str(text) for name, text in DEFINITION.items()},
        "rows": [row.__dict__ for row in rows],
    }
