"""Partner firms in the JSON API: teams, packages and their slots."""

import datetime as dt
from decimal import Decimal

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from accounts.api_auth import API_AUTH
from common.api import responses

router = Router(tags=["serviceweek"])


class TeamIn(Schema):
    partner_id: int
    name: str
    worker_ids: list[int] = []
    slot_capacity: int | None = None


class TeamOut(Schema):
    id: int
    name: str
    worker_ids: list[int]
    slot_capacity: int | None


class PackageIn(Schema):
    partner_id: int
    theme_day_id: int
    team_id: int
    service_item: str
    unit: str
    list_price: Decimal
    red_price: Decimal
    free_quota: int | None = None
    description: str = ""
    district_ids: list[int] = []
    estate_ids: list[int] = []


class PackageCreatedOut(Schema):
    id: int
    list_price: Decimal
    red_price: Decimal


class SlotIn(Schema):
    starts_at: dt.datetime
    ends_at: dt.datetime
    capacity: int
    team_capacity: int | None = None


class SlotCreatedOut(Schema):
    id: int
    capacity: int
    team_capacity: int


def _partner(partner_id):
    from organizations.models import Partner

    return get_object_or_404(Partner, pk=partner_id)


@router.post("/partner/teams", response=responses(201, TeamOut), auth=API_AUTH)
def create_team(request, payload: TeamIn):
    from serviceweek.services.setup import create_team as create

    partner = _partner(payload.partner_id)
    team = create(
        partner,
        actor=request.auth,
        name=payload.name,
        workers=payload.worker_ids,
        slot_capacity=payload.slot_capacity,
    )
    return Status(
        201,
        {
            "id": team.pk,
            "name": team.name,
            "slot_capacity": team.slot_capacity,
            "worker_ids": list(team.workers.values_list("pk", flat=True)),
        },
    )


@router.post(
    "/partner/packages", response=responses(201, PackageCreatedOut), auth=API_AUTH
)
def publish(request, payload: PackageIn):
    """Publish a package; 400 ``price_above_list`` when red price > list price."""
    from serviceweek.models import Team, ThemeDay
    from serviceweek.services.setup import publish_package

    partner = _partner(payload.partner_id)
    package = publish_package(
        partner,
        actor=request.auth,
        theme_day=get_object_or_404(ThemeDay, pk=payload.theme_day_id),
        team=get_object_or_404(Team, pk=payload.team_id),
        service_item=payload.service_item,
        unit=payload.unit,
        list_price=payload.list_price,
        red_price=payload.red_price,
        free_quota=payload.free_quota,
        description=payload.description,
        districts=payload.district_ids,
        estates=payload.estate_ids,
    )
    return Status(
        201,
        {
            "id": package.pk,
            "list_price": package.list_price,
            "red_price": package.red_price,
        },
    )


@router.post(
    "/partner/packages/{package_id}/slots",
    response=responses(201, SlotCreatedOut),
    auth=API_AUTH,
)
def open_slot(request, package_id: int, payload: SlotIn):
    from serviceweek.models import Package
    from serviceweek.services.setup import open_slot as open_

    package = get_object_or_404(Package, pk=package_id)
    slot = open_(
        package,
        actor=request.auth,
        starts_at=payload.starts_at,
        ends_at=payload.ends_at,
        capacity=payload.capacity,
        team_capacity=payload.team_capacity,
    )
    return Status(
        201,
        {
            "id": slot.pk,
            "capacity": slot.capacity,
            "team_capacity": slot.shift.capacity,
        },
    )
