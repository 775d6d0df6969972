import datetime as dt

from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema

from accounts.api_auth import API_AUTH
from accounts.permissions import can
from common.api import MAX_OFFSET, responses
from common.errors import NotAllowed
from places.selectors import (
    communities_for_pickers,
    districts,
    estates_visible_to,
    filter_estates,
    subdistricts_for_pickers,
)

router = Router(tags=["places"])

MAX_LIMIT = 200


class DistrictOut(Schema):
    code: str
    name: str


class SubdistrictOut(Schema):
    code: str
    name: str
    kind: str
    district: str

    @staticmethod
    def resolve_district(obj):
        return obj.district.code


class CommunityOut(Schema):
    code: str
    name: str
    subdistrict: str

    @staticmethod
    def resolve_subdistrict(obj):
        return obj.subdistrict.code


class CommitteeOut(Schema):
    kind: str
    formed_on: dt.date
    term_end: dt.date | None


class EstateOut(Schema):
    id: int
    name: str
    address: str
    community: CommunityOut
    district: DistrictOut
    households: int
    buildings: int
    company_id: int | None
    company_name: str | None
    contract_start: dt.date | None
    contract_end: dt.date | None
    committee: CommitteeOut | None

    @staticmethod
    def resolve_company_name(obj):
        return obj.company.name if obj.company else None

    @staticmethod
    def resolve_committee(obj):
        return getattr(obj, "committee", None)


class EstatePage(Schema):
    count: int
    items: list[EstateOut]


@router.get("/districts", response=responses(200, list[DistrictOut]))
def list_districts(request):
    return list(districts())


@router.get("/subdistricts", response=responses(200, list[SubdistrictOut]))
def list_subdistricts(request, district: str = ""):
    """Subdistricts and towns for pickers; special units are never listed."""
    return list(subdistricts_for_pickers(district))


@router.get("/communities", response=responses(200, list[CommunityOut]))
def list_communities(request, subdistrict: str = ""):
    return list(communities_for_pickers(subdistrict))


def _staff(user):
    if not can(user, "places.view_estates"):
        raise NotAllowed()


class EstateFilters(Schema):
    q: str = ""
    district: str = ""
    subdistrict: str = ""
    company: str = ""
    committee: str = ""
    offset: int = 0
    limit: int = 50


@router.get("/estates", auth=API_AUTH, response=responses(200, EstatePage))
def list_estates(request, filters: Query[EstateFilters]):
    _staff(request.auth)
    params = filters.dict()
    offset = min(max(params.pop("offset"), 0), MAX_OFFSET)
    limit = min(max(params.pop("limit"), 1), MAX_LIMIT)
    estates = filter_estates(estates_visible_to(request.auth), **params)
    return {
        "count": estates.count(),
        "items": list(estates[offset : offset + limit]),
    }


@router.get("/estates/{estate_id}", auth=API_AUTH, response=responses(200, EstateOut))
def get_estate(request, estate_id: int):
    _staff(request.auth)
    return get_object_or_404(estates_visible_to(request.auth), pk=estate_id)
