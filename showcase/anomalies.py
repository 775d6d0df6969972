"""The officials' report of voting anomalies, read from the stored votes.

- bursts: one work receiving more than ``BURST_VOTES`` valid votes within
  one minute;
- shared IP: more than ``ACCOUNTS_PER_IP`` accounts voting from one IP
  address on one day (a carrier NAT can do this innocently, so it is a hint
  to look, not proof);
- shared device: more than ``ACCOUNTS_PER_DEVICE`` accounts voting from one
  device on one day.
"""

from django.db.models import Count
from django.db.models.functions import TruncMinute

from showcase.models import Vote

BURST_VOTES = 30
ACCOUNTS_PER_IP = 10
ACCOUNTS_PER_DEVICE = 2


def _valid(showcase):
    return Vote.objects.filter(showcase=showcase, invalidated_at__isnull=True)


def bursts(showcase):
    return list(
        _valid(showcase)
        .annotate(minute=TruncMinute("cast_at"))
        .values("work_id", "work__title", "minute")
        .annotate(votes=Count("id"))
        .filter(votes__gt=BURST_VOTES)
        .order_by("-votes", "minute")
    )


def shared_ips(showcase):
    return list(
        _valid(showcase)
        .exclude(ip__isnull=True)
        .values("ip", "day")
        .annotate(accounts=Count("voter", distinct=True), votes=Count("id"))
        .filter(accounts__gt=ACCOUNTS_PER_IP)
        .order_by("-accounts", "day")
    )


def shared_devices(showcase):
    return list(
        _valid(showcase)
        .exclude(device="")
        .values("device", "day")
        .annotate(accounts=Count("voter", distinct=True), votes=Count("id"))
        .filter(accounts__gt=ACCOUNTS_PER_DEVICE)
        .order_by("-accounts", "day")
    )


def votes_from(showcase, *, ip=None, device=None, day=None):
    """The valid votes an official chose to invalidate from the report: those
    from ``ip`` or ``device`` (or both), on ``day`` if given.

    Raises ValueError when neither is given, rather than select every vote.
    """
    if not ip and not device:
        raise ValueError("votes_from needs an ip or device")
    votes = _valid(showcase)
    if ip:
        votes = votes.filter(ip=ip)
    if device:
        votes = votes.filter(device=device)
    if day:
        votes = votes.filter(day=day)
    return votes
