"""What the sweep screen and the sweep command draw: loss series, crossing marks, grid letters.

Pure functions of a :class:`~superpos_model.sweep.SweepResult` or a
:class:`~superpos_model.sweep.PhaseDiagram`.  A phase diagram reads without
colour: each cell is two characters, the winner's letter and a mark for how many
times worse the runner-up is (:func:`cell_mark`), explained by :data:`LEGEND`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..schemes import SCHEMES
from ..sweep import FAILED, TIE, Crossing, PhaseDiagram, Point, SweepResult
from ..sweep.standing import zero_loss

#: Each scheme's letter in a phase diagram's cells.
LETTERS = {"random": "R", "single": "S", "multi": "M"}
#: The letter of a tie and of a cell whose evaluation failed.
TIE_LETTER, FAILED_LETTER = "=", "?"
#: Second character of a cell: runner-up loss ÷ winner loss below each limit …
SHADES = ((1.01, "."), (1.1, ":"), (2.0, "+"))
#: … at 2 or more (and when the winner's loss is 0: infinitely worse).
SHADE_LARGE = "#"
#: What the two characters of a cell mean, one line each.
LEGEND = (
    "letter: the winner  R random  S single  M multi  = a tie  ? failed",
    "mark:   runner-up loss ÷ winner loss   . below 1.01   : below 1.1   + below 2   # 2 or more",
)


def shade(factor: float) -> str:
    """The mark for a runner-up ``factor`` times worse than the winner (blank: all tie)."""
    if math.isnan(factor):
        return " "
    return next((mark for limit, mark in SHADES if factor < limit), SHADE_LARGE)


def cell_mark(d: PhaseDiagram, i: int, j: int) -> str:
    """The cell at row ``i`` (along y), column ``j`` (along x): letter and mark, or "?"."""
    code = d.winner[i, j]
    if code == FAILED:
        return FAILED_LETTER + " "
    letter = TIE_LETTER if code == TIE else LETTERS[d.schemes[code]]
    if _over_zero(d.losses[i, j]):
        # No factor over a winner's loss of 0, but the runner-up is worse beyond any factor.
        return letter + SHADE_LARGE
    return letter + shade(float(d.factor[i, j]))


def _over_zero(losses: np.ndarray) -> bool:
    """Whether the winners lose 0 (up to round-off) and some other scheme loses more."""
    zero = [zero_loss(float(loss)) for loss in losses]
    return any(zero) and not all(zero)


def phase_rows(d: PhaseDiagram) -> list[list[str]]:
    """Every cell's mark, rows from the largest y down (as the grid is drawn)."""
    return [
        [cell_mark(d, i, j) for j in range(len(d.x_values))]
        for i in reversed(range(len(d.y_values)))
    ]


@dataclass(frozen=True)
class Series:
    """One scheme's optimal loss along the swept values, for one readout (NaN: failed point)."""

    readout: str
    scheme: str
    x: np.ndarray
    loss: np.ndarray


def sweep_series(result: SweepResult) -> list[Series]:
    """Per readout and scheme (readout-major), the loss at every swept value."""
    out = []
    x = np.asarray(result.values, dtype=float)
    for readout in result.readouts:
        rows = result.rows(readout)
        for name in SCHEMES:
            loss = [p.standing.losses[name] if p.standing else math.nan for p in rows]
            out.append(Series(readout, name, x, np.asarray(loss, dtype=float)))
    return out


@dataclass(frozen=True)
class CrossingMark:
    """Where a crossing sits on the plot: midway between its two integers, at the loss of
    the winner below (and the same scheme above), with the crossing itself."""

    at: float
    loss: float
    crossing: Crossing


def crossing_marks(result: SweepResult) -> list[CrossingMark]:
    """Every crossing of every readout, in the sweep's order."""
    marks = []
    for c in result.crossings:
        below, above = c.below.standing, c.above.standing
        assert below is not None and above is not None  # a crossing joins two exact points
        n = getattr(c.below.params, c.field)
        winner = below.winners[0]
        loss = 0.5 * (below.losses[winner] + above.losses[winner])
        marks.append(CrossingMark(n + 0.5, loss, c))
    return marks


def points_at(result: SweepResult, index: int) -> list[Point]:
    """The point of every readout at the ``index``-th swept value."""
    return [result.rows(readout)[index] for readout in result.readouts]


def cells_at(diagrams: tuple[PhaseDiagram, ...], i: int, j: int) -> list[Point]:
    """The cell (row ``i`` along y, column ``j`` along x) of every diagram."""
    return [d.points[i][j] for d in diagrams]
