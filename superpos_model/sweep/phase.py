"""Two-parameter phase diagrams: which scheme wins in each cell, and by what factor.

The analogue of the Toy Models' phase diagrams for this model: sweep two of z,
D, T (or the ratio T/D) on a grid and record each cell's winner.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from ..monitor import SILENT, Monitor
from ..params import ParamError, Params
from ..readout import FREE_BIAS
from ..schemes import SCHEMES
from .grid import PHASE_AXES, Value, cell_params, check_increasing
from .points import Point, evaluate_cells, is_cheap
from .pool import run_tasks
from .readouts import READOUTS, require_available
from .standing import TIE_REL_TOL

#: ``winner`` of a cell where two or more schemes tie …
TIE = -1
#: … and of a cell whose evaluation failed.
FAILED = -2


@dataclass(frozen=True, eq=False)
class PhaseDiagram:
    """One readout's winners over a grid; arrays are indexed [y, x].

    Attributes
    ----------
    base : Params
        The fixed parameters.
    readout : str
    x, y : str
        The axes (z, D, T or T/D).
    x_values, y_values : tuple
        Their values, increasing.
    schemes : tuple of str
        The order of the last axis of ``losses`` and ``winners``, and of ``winner``'s indices.
    winner : (ny, nx) int array
        Index into ``schemes`` of the cell's sole winner; :data:`TIE` or :data:`FAILED`.
    winners : (ny, nx, schemes) bool array
        Which schemes share the lowest loss (several for a tie; none for a failed cell).
    factor : (ny, nx) float array
        Runner-up loss / winner loss; NaN when every scheme ties, the winner's loss is 0
        (up to round-off) or the cell failed.
    losses : (ny, nx, schemes) float array
        Each scheme's optimal loss; NaN in a failed cell.
    points : tuple of tuple of Point
        The cells themselves (parameters, standing, error), rows along y.
    tie_rel_tol : float
        Losses within this relative tolerance are a tie.
    b_min : float
        The least bias the ReLU optima searched (free by default).
    """

    base: Params
    readout: str
    x: str
    x_values: tuple[Value, ...]
    y: str
    y_values: tuple[Value, ...]
    schemes: tuple[str, ...]
    winner: np.ndarray
    winners: np.ndarray
    factor: np.ndarray
    losses: np.ndarray
    points: tuple[tuple[Point, ...], ...]
    tie_rel_tol: float = TIE_REL_TOL
    b_min: float = FREE_BIAS

    @property
    def errors(self) -> list[tuple[int, int, str]]:
        """(y index, x index, message) of every failed cell."""
        return [
            (i, j, cell.error)
            for i, row in enumerate(self.points)
            for j, cell in enumerate(row)
            if cell.error is not None
        ]


def phase_diagram(
    base: Params,
    x: str,
    x_values: Sequence[Value],
    y: str,
    y_values: Sequence[Value],
    readout: str = "linear",
    *,
    workers: int | None = None,
    monitor: Monitor = SILENT,
    b_min: float = FREE_BIAS,
) -> PhaseDiagram:
    """The winner, its factor and every loss in each cell of the ``x`` × ``y`` grid.

    Parameters
    ----------
    base : Params
        The parameters not on an axis.
    x, y : {"z", "D", "T", "T/D"}
        Two different axes (T with T/D is not allowed; T/D with D uses each cell's D).
    x_values, y_values : sequence
        Strictly increasing values (whole numbers; positive numbers for T/D with
        r·D a whole number).
    readout : {"linear", "relu"}
    workers, monitor, b_min
        As for :func:`~superpos_model.sweep.sweep`.

    Raises
    ------
    ParamError
        Before any work, for a bad axis, value or cell (naming it) or an
        unavailable readout; a cell that fails while computing is marked FAILED.
    """
    for option, axis in (("vary", x), ("vary2", y)):
        if axis not in PHASE_AXES:
            raise ParamError(option, f"{axis!r} is not an axis; use one of {', '.join(PHASE_AXES)}")
    for option, values in (("values", x_values), ("values2", y_values)):
        if not values:
            raise ParamError(option, "is empty; give at least one value")
        check_increasing(values, option)
    if readout not in READOUTS:
        raise ParamError("readout", f"{readout!r} is unknown; use one of {', '.join(READOUTS)}")
    require_available(readout)
    grid = cell_params(base, x, x_values, y, y_values)
    flat = [params for row in grid for params in row]
    # Cells with the same D and z share the ReLU optimum's cached work: one task each.
    groups: dict[tuple[int, int], list[int]] = {}
    for index, params in enumerate(flat):
        groups.setdefault((params.D, params.z), []).append(index)
    tasks = [(readout, [flat[i] for i in indices], b_min) for indices in groups.values()]
    outcomes = run_tasks(
        evaluate_cells, tasks, cheap=is_cheap(readout, False), workers=workers, monitor=monitor
    )
    cells: list[Point] = [Point(readout, params, b_min=b_min) for params in flat]
    for outcome, indices in zip(outcomes, groups.values(), strict=True):
        for k, i in enumerate(indices):
            cells[i] = (
                outcome.value[k]
                if outcome.error is None
                else Point(readout, flat[i], error=outcome.error, b_min=b_min)
            )
    nx = len(x_values)
    points = tuple(tuple(cells[i : i + nx]) for i in range(0, len(cells), nx))
    diagram = _arrays(base, readout, x, tuple(x_values), y, tuple(y_values), points)
    return replace(diagram, b_min=b_min)


def _arrays(base, readout, x, xs, y, ys, points) -> PhaseDiagram:
    shape = (len(ys), len(xs))
    winner = np.full(shape, FAILED, dtype=int)
    winners = np.zeros((*shape, len(SCHEMES)), dtype=bool)
    factor = np.full(shape, np.nan)
    losses = np.full((*shape, len(SCHEMES)), np.nan)
    for i, row in enumerate(points):
        for j, cell in enumerate(row):
            s = cell.standing
            if s is None:
                continue
            losses[i, j] = [s.losses[name] for name in SCHEMES]
            winners[i, j] = [name in s.winners for name in SCHEMES]
            winner[i, j] = TIE if s.tie else SCHEMES.index(s.winners[0])
            if s.factor is not None:
                factor[i, j] = s.factor
    return PhaseDiagram(
        base, readout, x, xs, y, ys, SCHEMES, winner, winners, factor, losses, points
    )
