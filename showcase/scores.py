"""The arithmetic of the results, exactly as the design decided.

- public score = 100 × votes ÷ the highest vote count among the finalists;
- an expert's total = the weighted mean of creativity, appeal and
  party-building integration (equal weights unless configured);
- a work's expert score = the mean of its experts' totals, dropping the single
  highest and the single lowest when five or more experts scored it;
- final score = 0.4 × public + 0.6 × expert.

All in :class:`~decimal.Decimal`, never rounded in between; :func:`shown`
rounds half up to 2 places for display only.
"""

from decimal import ROUND_HALF_UP, Decimal

PUBLIC_WEIGHT = Decimal("0.4")
EXPERT_WEIGHT = Decimal("0.6")
TRIM_FROM = 5
HUNDRED = Decimal(100)


def public_score(votes, max_votes):
    if not max_votes:
        return Decimal(0)
    return HUNDRED * Decimal(votes) / Decimal(max_votes)


def expert_total(creativity, appeal, integration, *, weights=(1, 1, 1)):
    weights = [Decimal(w) for w in weights]
    values = [Decimal(creativity), Decimal(appeal), Decimal(integration)]
    return sum(v * w for v, w in zip(values, weights, strict=True)) / sum(weights)


def work_expert_score(totals):
    """Mean of the experts' totals, trimmed once at each end from five on."""
    values = sorted(Decimal(t) for t in totals)
    if not values:
        return Decimal(0)
    if len(values) >= TRIM_FROM:
        values = values[1:-1]
    return sum(values) / Decimal(len(values))


def final_score(public, expert):
    return PUBLIC_WEIGHT * public + EXPERT_WEIGHT * expert


def shown(value):
    """``value`` rounded half up to 2 places, for pages and exports."""
    return Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def spread(totals):
    values = [Decimal(t) for t in totals]
    return max(values) - min(values) if values else Decimal(0)
