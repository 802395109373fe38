"""Where the winner changes between two grid values: the adjacent integers on either side.

z, D and T are whole numbers, so a change of winner happens between some n and
n + 1; bisection on the exact optimum over the integers between two grid values
finds it in about log₂(gap) evaluations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..params import Params
from ..readout import FREE_BIAS
from .points import Point
from .readouts import optimal_losses
from .standing import standing


@dataclass(frozen=True)
class Crossing:
    """The winner at ``field`` = n (``below``) differs from the winner at n + 1 (``above``)."""

    readout: str
    field: str
    below: Point
    above: Point


def exact_point(
    readout: str, base: Params, field: str, value: int, b_min: float = FREE_BIAS
) -> Point:
    """The exact standing (no simulation) at ``base`` with ``field`` set to ``value``."""
    params = base.replace(**{field: value})
    return Point(readout, params, standing(optimal_losses(readout, params, b_min)), b_min=b_min)


#: ``(readout, base, field, value, b_min) -> Point``: the standing at one value of ``field``.
PointAt = Callable[[str, Params, str, int, float], Point]


def _winners(point: Point) -> tuple[str, ...]:
    assert point.standing is not None  # exact points always have a standing
    return point.standing.winners


def bracket_crossings(
    left: Point, right: Point, field: str, point_at: PointAt = exact_point
) -> list[Crossing]:
    """Every change of winner bisection finds between two grid points, in order.

    Bisection keeps a point with the left winner and one without it, and halves
    the integers between, so each crossing found is a true pair of adjacent
    integers with different winners.  After one, the search goes on from its
    upper side until the right end's winner is reached, so a change through a
    third winner (A → C → B) yields both crossings.  A winner that leaves and
    comes back between two grid points (A → B → A) is invisible from the ends:
    refine the grid to see it.  ``point_at`` gives the standing at each value bisection
    tries (the exact one by default; a cheaper stand-in only narrows a search that is
    then checked exactly).
    """
    readout, base = left.readout, left.params
    found = []
    while _winners(left) != _winners(right):
        low, high, upper = getattr(left.params, field), getattr(right.params, field), right
        while high - low > 1:
            middle = (low + high) // 2
            point = point_at(readout, base, field, middle, left.b_min)
            if _winners(point) == _winners(left):
                low, left = middle, point
            else:
                high, upper = middle, point
        found.append(Crossing(readout, field, left, upper))
        left = upper
    return found
