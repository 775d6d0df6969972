"""The draw's algorithm, which anyone can run with a SHA-256 tool.

An entrant is known by their account number. Each entrant's ticket is the
SHA-256 (hex) of ``"<seed>:<number>"``; the entrants in ascending order of
their tickets are the draw's order, and the first ``count`` of them win.
"""

import hashlib

from django.utils.translation import gettext_lazy as _

ALGORITHM = _(
    "Before the draw only the SHA-256 hash of a secret seed is shown. At the "
    "draw the entrants are fixed and the seed revealed; each entrant's ticket "
    "is the SHA-256 (hex) of the seed, a colon and their entrant number, and "
    "the entrants with the smallest tickets win. Whoever has won a draw of "
    "the gala does not enter its later draws."
)


def sha256(text):
    return hashlib.sha256(text.encode()).hexdigest()


def draw_order(seed, entrants):
    """``[(ticket, number)]`` of each entrant once, smallest ticket first."""
    return sorted((sha256(f"{seed}:{number}"), number) for number in set(entrants))


def winners_of(seed, entrants, count):
    """The winners of a draw: reproducible from the seed and the entrants."""
    return [number for _ticket, number in draw_order(seed, entrants)[:count]]
