from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from accounts.api_auth import API_AUTH
from accounts.permissions import can
from common.api import MAX_OFFSET, responses
from common.errors import NotAllowed
from organizations.selectors import (
    companies_visible_to,
    filter_companies,
    government_units,
)

router = Router(tags=["organizations"])

MAX_LIMIT = 200


class CompanyOut(Schema):
    id: int
    name: str
    credit_code: str
    contact_phone: str
    estate_count: int


class CompanyPage(Schema):
    count: int
    items: list[CompanyOut]


class GovernmentUnitOut(Schema):
    id: int
    name: str
    kind: str


def _allowed(user):
    if not can(user, "organizations.view_companies"):
        raise NotAllowed()


@router.get("/companies", auth=API_AUTH, response=responses(200, CompanyPage))
def list_companies(request, q: str = "", offset: int = 0, limit: int = 50):
    _allowed(request.auth)
    companies = filter_companies(companies_visible_to(request.auth), q=q)
    offset, limit = min(max(offset, 0), MAX_OFFSET), min(max(limit, 1), MAX_LIMIT)
    return {
        "count": companies.count(),
        "items": list(companies[offset : offset + limit]),
    }


@router.get(
    "/companies/{company_id}", auth=API_AUTH, response=responses(200, CompanyOut)
)
def get_company(request, company_id: int):
    _allowed(request.auth)
    return get_object_or_404(companies_visible_to(request.auth), pk=company_id)


@router.get("/government-units", response=responses(200, list[GovernmentUnitOut]))
def list_government_units(request):
    return list(government_units())
