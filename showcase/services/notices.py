"""What a submitter is told about the review of their work.

Every message goes to the inbox once the decision has committed
(``notifications.services.notify``). A rejection and a veto also go by SMS,
as a refused order does in the service week: the submitter has to act (a
rejected work can be revised only while stories are being collected) or
should hear at once why their work left the contest. An approval is news
that can wait for the inbox.
"""

from django.urls import reverse
from django.utils.translation import gettext as _

from notifications.services import notify


def work_approved(work):
    _tell_submitter(
        work,
        _("Your work “%(title)s” was approved") % {"title": work.title},
        _("It takes part in the public vote."),
    )


def work_rejected(work, reason):
    _tell_submitter(
        work,
        _("Your work “%(title)s” was sent back") % {"title": work.title},
        _(
            "Reason: %(reason)s. You may revise it and submit it again while "
            "stories are being collected."
        )
        % {"reason": reason},
        sms=True,
    )


def work_vetoed(work, reason):
    _tell_submitter(
        work,
        _("Your work “%(title)s” was vetoed") % {"title": work.title},
        _("Reason: %(reason)s. Its votes no longer count.") % {"reason": reason},
        sms=True,
    )


def _tell_submitter(work, title, body, *, sms=False):
    notify(
        work.submitter,
        title=title,
        body=body,
        url=reverse("showcase:my_works"),
        sms=sms,
    )
