"""The booths of 便民市集日, kept by the communities' subdistrict (or district)."""

from django.db import transaction
from django.db.models import Q

from accounts.permissions import can, scope_of
from accounts.roles import Role
from common import audit
from common.errors import NotAllowed
from places.models import Community
from serviceweek import errors
from serviceweek.enums import MarketZone
from serviceweek.models import Booth


def communities_for_booths(user):
    """The communities whose booths ``user`` may keep."""
    communities = Community.objects.select_related("subdistrict").order_by("code")
    scope = scope_of(user)
    if scope.has(Role.CITY_OFFICER, Role.SYSTEM_ADMIN):
        return communities
    return communities.filter(
        Q(subdistrict_id__in=scope.subdistrict_ids)
        | Q(subdistrict__district_id__in=scope.district_ids)
    )


def booths_kept_by(user, week):
    return Booth.objects.filter(
        week=week, community__in=communities_for_booths(user)
    ).select_related("community")


def _terms(*, zone, name, services, place, opens_at, closes_at, host):
    if zone not in MarketZone.values:
        raise errors.ZoneUnknown(fields={"zone": [errors.ZoneUnknown.default_message]})
    terms = {"zone": zone, "host": (host or "").strip()}
    for field, typed in (("name", name), ("services", services), ("place", place)):
        text = (typed or "").strip()
        if not text:
            raise errors.FieldRequired(field, Booth._meta.get_field(field).verbose_name)
        terms[field] = text
    if opens_at is None or closes_at is None or closes_at <= opens_at:
        raise errors.BoothHoursOrdered(
            fields={"closes_at": [errors.BoothHoursOrdered.default_message]}
        )
    terms.update(opens_at=opens_at, closes_at=closes_at)
    return terms


def _values(booth):
    return {
        "community": booth.community_id,
        "zone": booth.zone,
        "name": booth.name,
        "services": booth.services,
        "place": booth.place,
        "opens_at": booth.opens_at.strftime("%H:%M"),
        "closes_at": booth.closes_at.strftime("%H:%M"),
        "host": booth.host,
    }


@transaction.atomic
def create_booth(
    week,
    *,
    actor,
    community,
    zone,
    name,
    services,
    place,
    opens_at,
    closes_at,
    host="",
):
    if not can(actor, "serviceweek.manage_booths", community):
        raise NotAllowed()
    booth = Booth.objects.create(
        week=week,
        community=community,
        **_terms(
            zone=zone,
            name=name,
            services=services,
            place=place,
            opens_at=opens_at,
            closes_at=closes_at,
            host=host,
        ),
    )
    audit.record("serviceweek.booth.create", booth, actor=actor, after=_values(booth))
    return booth


@transaction.atomic
def update_booth(
    booth,
    *,
    actor,
    community,
    zone,
    name,
    services,
    place,
    opens_at,
    closes_at,
    host="",
):
    """Change a booth; both its old and its new community must be the
    actor's."""
    booth = Booth.objects.select_for_update().get(pk=booth.pk)
    if not (
        can(actor, "serviceweek.manage_booths", booth.community)
        and can(actor, "serviceweek.manage_booths", community)
    ):
        raise NotAllowed()
    terms = _terms(
        zone=zone,
        name=name,
        services=services,
        place=place,
        opens_at=opens_at,
        closes_at=closes_at,
        host=host,
    )
    before = _values(booth)
    booth.community = community
    for field, value in terms.items():
        setattr(booth, field, value)
    booth.save()
    after = _values(booth)
    audit.record(
        "serviceweek.booth.update",
        booth,
        actor=actor,
        before={k: v for k, v in before.items() if after[k] != v},
        after={k: v for k, v in after.items() if before[k] != v},
    )
    return booth


@transaction.atomic
def remove_booth(booth, *, actor):
    booth = Booth.objects.select_for_update().get(pk=booth.pk)
    if not can(actor, "serviceweek.manage_booths", booth.community):
        raise NotAllowed()
    audit.record("serviceweek.booth.remove", booth, actor=actor, before=_values(booth))
    booth.delete()
