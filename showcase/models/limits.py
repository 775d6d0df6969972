"""Counts of vote requests per IP address and per device, minute by minute."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class VoteRequestCount(models.Model):
    """Vote requests from one IP address or device in one minute.

    The per-minute limits of a showcase (``ip_votes_per_minute``,
    ``device_votes_per_minute``) are checked against the sum over a key's
    rows of that minute. Each vote counts its request in its own statement
    on PostgreSQL (``showcase.services.vote_statement``), in the row of its
    database session (``part`` is the server process id), so that votes from
    one address served by different app processes never wait for each
    other's row. The key is a
    keyed digest, never the address or device id itself. Rows of past
    minutes are deleted daily (``showcase.tasks``). On PostgreSQL the table
    is unlogged: no write-ahead log, and emptied after a server crash.
    """

    pk = models.CompositePrimaryKey("scope", "key", "minute", "part")
    scope = models.CharField(_("scope"), max_length=8)
    key = models.CharField(_("key digest"), max_length=32)
    # Minutes since the Unix epoch: the fixed window of the limits.
    minute = models.BigIntegerField(_("minute"))
    part = models.PositiveIntegerField(_("part"))
    requests = models.PositiveIntegerField(_("requests"))

    class Meta:
        verbose_name = _("vote request count")
        verbose_name_plural = _("vote request counts")

    def __str__(self):
        return f"{self.scope} {self.minute}: {self.requests}"
