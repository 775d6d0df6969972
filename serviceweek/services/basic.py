"""Basic services of 7/1: the estates' standard lists and the day-one actions."""

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.permissions import can
from common import audit
from common.errors import Conflict, DomainError, NotAllowed
from common.uploads import check_size
from notifications.services import notify
from serviceweek.enums import ActionKind
from serviceweek.models import ActionPhoto, DayOneAction, StandardItem, StandardList

PHOTO_LIMIT_MB = 10


class EmptyList(DomainError):
    code = "empty_list"


@transaction.atomic
def publish_standard_list(estate, *, actor, items):
    """A new version of the estate's 《基础服务标准清单》 from ``items``
    ((category, text) pairs); every resident of the estate is told."""
    if not can(actor, "serviceweek.publish_standards", estate):
        raise NotAllowed()
    items = [(c.strip(), t.strip()) for c, t in items if t and t.strip()]
    if not items:
        raise EmptyList(_("The list needs at least one item."))
    # The row lock on the estate's lists serialises two publishers.
    latest = (
        StandardList.objects.select_for_update()
        .filter(estate=estate)
        .aggregate(v=Max("version"))["v"]
        or 0
    )
    standard_list = StandardList.objects.create(
        estate=estate, version=latest + 1, published_by=actor
    )
    StandardItem.objects.bulk_create(
        [
            StandardItem(standard_list=standard_list, position=n, category=c, text=t)
            for n, (c, t) in enumerate(items, start=1)
        ]
    )
    audit.record(
        "serviceweek.standards.publish",
        standard_list,
        actor=actor,
        after={"version": standard_list.version, "items": len(items)},
    )
    url = reverse("serviceweek:standards", args=[estate.pk])
    for resident in User.objects.filter(household__estate=estate, is_active=True):
        notify(
            resident,
            title=_("%(estate)s published its basic service standard list")
            % {"estate": estate.name},
            url=url,
        )
    return standard_list


class ActionRecorded(Conflict):
    code = "action_recorded"


@transaction.atomic
def record_day_one_action(estate, *, actor, week, kind, done_on, result, photos=()):
    """One 7/1 action of ``estate`` (inspection, clean-up or drill)."""
    if not can(actor, "serviceweek.record_action", estate):
        raise NotAllowed()
    if kind not in ActionKind.values:
        raise DomainError(_("Please choose the kind of action."), code="kind_invalid")
    if not (result or "").strip():
        raise DomainError(_("Please describe the result."), code="result_required")
    for photo in photos:
        check_size(photo, limit_mb=PHOTO_LIMIT_MB)
    try:
        with transaction.atomic():
            action = DayOneAction.objects.create(
                estate=estate,
                week=week,
                kind=kind,
                done_on=done_on,
                result=result.strip(),
                recorded_by=actor,
            )
    except IntegrityError:
        raise ActionRecorded(
            _("This action is recorded for the estate already.")
        ) from None
    for photo in photos:
        ActionPhoto.objects.create(action=action, file=photo)
    audit.record("serviceweek.action.record", action, actor=actor, after={"kind": kind})
    return action
