"""The arithmetic of the results, exactly as the design decided.

- public score = 100 × votes ÷ the highest vote count among the finalists;
- an expert's total = the weighted mean of creativity, appeal and
  party-building integration (equal weights unless configured);
- a work's expert score = the mean of its experts' totals, dropping the single
  highest and the single lowest when five or more experts scored it;
- final score = 0.4 × public + 0.6 × expert.

The inputs are Decimals (scores with two places, weights); the divisions
above do not end in decimal (100 ÷ 3), and a Decimal division rounds at its
28th digit, which turned two equal final scores into unequal ones and
rounded 88.025 down. So the figures are exact fractions
(:class:`~fractions.Fraction`), compared exactly for ranks and ties, and
:func:`shown` rounds them half up to 2 places for pages and exports only.
"""

import math
from decimal import Decimal
from fractions import Fraction

PUBLIC_WEIGHT = Fraction(2, 5)
EXPERT_WEIGHT = Fraction(3, 5)
TRIM_FROM = 5


def public_score(votes, max_votes):
    if not max_votes:
        return Fraction(0)
    return Fraction(100 * votes, max_votes)


def expert_total(creativity, appeal, integration, *, weights=(1, 1, 1)):
    weights = [Fraction(w) for w in weights]
    values = [Fraction(v) for v in (creativity, appeal, integration)]
    return sum(v * w for v, w in zip(values, weights, strict=True)) / sum(weights)


def work_expert_score(totals):
    """Mean of the experts' totals, trimmed once at each end from five on."""
    values = sorted(Fraction(t) for t in totals)
    if not values:
        return Fraction(0)
    if len(values) >= TRIM_FROM:
        values = values[1:-1]
    return sum(values) / len(values)


def final_score(public, expert):
    return PUBLIC_WEIGHT * Fraction(public) + EXPERT_WEIGHT * Fraction(expert)


def shown(value):
    """``value`` rounded half up (away from zero) to 2 places, as a Decimal."""
    exact = Fraction(value)
    hundredths = math.floor(abs(exact) * 100 + Fraction(1, 2))
    return Decimal(hundredths if exact >= 0 else -hundredths).scaleb(-2)


def spread(totals):
    values = [Fraction(t) for t in totals]
    return max(values) - min(values) if values else Fraction(0)
