"""The 17:00 complaint summary, produced each working day."""

import datetime as dt
import logging

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from accounts.models import User
from accounts.roles import Role
from common.scheduler import periodic
from complaints.deadlines import SHANGHAI
from complaints.summary import Kind, all_places, store_summary
from notifications.services import notify

logger = logging.getLogger(__name__)

RECIPIENT_FILTERS = {
    Kind.CITY: {"roles__role": Role.CITY_OFFICER},
    Kind.DISTRICT: {"roles__role": Role.DISTRICT_OFFICER, "roles__district_id": None},
    Kind.SUBDISTRICT: {
        "roles__role": Role.SUBDISTRICT_OFFICER,
        "roles__subdistrict_id": None,
    },
    Kind.COMPANY: {"roles__role": Role.COMPANY_ADMIN, "roles__company_id": None},
}


def _recipients(place):
    filters = dict(RECIPIENT_FILTERS[place.kind])
    for name, value in filters.items():
        if value is None:
            filters[name] = place.id
    return User.objects.filter(is_active=True, **filters).distinct()


@periodic("complaints.daily_summary", at="17:00", working_days_only=True)
@task()
def produce_daily_summary(due_iso):
    """Store the day's figures of every place and send them to its officers.

    The figures are exactly those of the summary page (both call
    ``complaints.summary.compute_summary``) as of the due time.
    """
    due = dt.datetime.fromisoformat(due_iso)
    day = due.astimezone(SHANGHAI).date()
    now = timezone.now()
    count = 0
    for place in all_places():
        figures = store_summary(day, place, now=now)
        total = figures["total"]
        url = (
            reverse("complaints:summary") + f"?day={day.isoformat()}&place={place.key}"
        )
        for person in _recipients(place):
            notify(
                person,
                title=_("Complaints of %(day)s by 17:00") % {"day": day.isoformat()},
                body=_(
                    "Received %(received)s, answered on time %(answered_on_time)s "
                    "of %(due)s due, overdue %(overdue)s, still open %(still_open)s."
                )
                % total,
                url=url,
            )
        count += 1
    logger.info("complaint summary of %s stored for %s places", day, count)
    return count
