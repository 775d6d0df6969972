"""Sample showcase of `make demo`: in its voting stage, with approved works.

Everything is marked ``is_sample`` and "（示例）". The stage dates are laid out
around the moment of seeding, so the demonstration can vote at once.
"""

import datetime as dt

from django.utils import timezone

from organizations.models import PropertyCompany
from showcase.enums import Direction, WorkKind, WorkState
from showcase.models import Showcase, Work
from showcase.stages import planned_dates

WORKS = [
    ("凌晨三点的抢修（示例）", WorkKind.SHORT_VIDEO, Direction.WARM_SERVICE),
    ("红色管家进楼栋（示例）", WorkKind.SITCOM, Direction.PARTY_INNOVATION),
    ("停车难题三方谈（示例）", WorkKind.SHORT_DRAMA, Direction.COMMUNITY_STORIES),
    ("老小区的新电梯（示例）", WorkKind.PHOTOGRAPHY, Direction.PARTY_INNOVATION),
    ("致敬物业人（示例）", WorkKind.POETRY_RECITAL, Direction.WARM_SERVICE),
]


def seed(people):
    now = timezone.now()
    year = timezone.localdate(now).year
    if Showcase.objects.filter(year=year).exists():
        return
    showcase = Showcase.objects.create(
        year=year,
        title=f"{year}年“红管家 联万家”成果展演（示例）",
        is_sample=True,
        **planned_dates(now - dt.timedelta(days=34)),
    )
    companies = list(PropertyCompany.objects.filter(is_sample=True).order_by("pk"))
    submitter = people.get("company_admin") or next(iter(people.values()))
    for n, (title, kind, direction) in enumerate(WORKS):
        Work.objects.create(
            showcase=showcase,
            title=title,
            kind=kind,
            direction=direction,
            description="作品说明（示例）：记录物业服务中的真实瞬间。",
            story="创作故事（示例）：由项目一线员工利用业余时间拍摄完成。",
            authors="鹭岛红管家创作组（示例）",
            company=companies[n % len(companies)] if companies else None,
            submitter=submitter,
            state=WorkState.APPROVED,
            submitted_at=now - dt.timedelta(days=6, hours=n),
            approved_at=now - dt.timedelta(days=5, hours=n),
            decided_at=now - dt.timedelta(days=5, hours=n),
            is_sample=True,
        )
    # The sample residents sign in by SMS code, which verifies their number;
    # mark them verified so that they can vote straight away.
    for username in ("resident", "resident2"):
        person = people.get(username)
        if person is not None and person.mobile_verified_at is None:
            person.mobile_verified_at = now
            person.save(update_fields=["mobile_verified_at"])
