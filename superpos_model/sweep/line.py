"""One-parameter sweeps: each scheme's optimal loss along z, D or T; where the winner changes."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from ..budget import DEFAULT_BUDGET
from ..monitor import SILENT, Monitor
from ..params import ParamError, Params
from ..readout import FREE_BIAS
from .crossings import Crossing, bracket_crossings
from .grid import SWEEP_FIELDS, check_increasing, point_params
from .points import SIMULATORS, Point, evaluate, is_cheap
from .pool import run_tasks
from .readouts import ReadoutUnavailable, readout_names, require_available
from .standing import TIE_REL_TOL


@dataclass(frozen=True)
class SweepResult:
    """Every point of a sweep, per readout, and the crossings between them.

    Attributes
    ----------
    base : Params
        The fixed parameters (the varied field's own value there is unused).
    field : str
        The varied field: "z", "D" or "T".
    values : tuple of int
        Its values, increasing.
    readouts : tuple of str
        The readouts swept, in order.
    simulated : bool
        Whether the points carry simulations.
    points : tuple of Point
        One per (readout, value), readout-major, values in order.
    crossings : tuple of Crossing
        Per readout, in order of value: the adjacent integers where the winner changes.
    crossing_errors : tuple of str
        Why the search between two grid points failed, if it did (the grid points
        on either side still show the change of winner).
    tie_rel_tol : float
        Losses within this relative tolerance are a tie.
    b_min : float
        The least bias the ReLU optima searched (free by default).
    """

    base: Params
    field: str
    values: tuple[int, ...]
    readouts: tuple[str, ...]
    simulated: bool
    points: tuple[Point, ...]
    crossings: tuple[Crossing, ...]
    crossing_errors: tuple[str, ...] = ()
    tie_rel_tol: float = TIE_REL_TOL
    b_min: float = FREE_BIAS

    def rows(self, readout: str) -> tuple[Point, ...]:
        """The points of ``readout``, in order of value."""
        return tuple(p for p in self.points if p.readout == readout)

    def crossings_of(self, readout: str) -> tuple[Crossing, ...]:
        return tuple(c for c in self.crossings if c.readout == readout)


def sweep(
    base: Params,
    field: str,
    values: Sequence[int],
    readout: str = "linear",
    *,
    simulate: bool = False,
    workers: int | None = None,
    monitor: Monitor = SILENT,
    budget: int = DEFAULT_BUDGET,
    b_min: float = FREE_BIAS,
) -> SweepResult:
    """Each scheme's optimal loss at every value of ``field``, the winners and the crossings.

    Parameters
    ----------
    base : Params
        The other parameters, fixed.
    field : {"z", "D", "T"}
        The parameter to vary.
    values : sequence of int
        Its values, strictly increasing.
    readout : {"linear", "relu", "both"}
        Whose optimum to compare ("both": every registered readout).
    simulate : bool
        Also simulate every point (linear readout), with SE.
    workers : int or None
        Worker processes (None: every core; 1: in-process).
    monitor : Monitor
        Progress over the whole sweep, and cancellation (raises Cancelled).
    budget : int
        Memory budget in bytes for each point's simulation.
    b_min : float
        The least bias of the ReLU optima (every real b by default).

    Raises
    ------
    ParamError
        A bad field, value list or point (naming the point), or a readout that is
        not available; before any work starts.  A point that fails while
        computing is reported in its :class:`Point` instead, and the sweep goes on.
    """
    if field not in SWEEP_FIELDS:
        choices = ", ".join(SWEEP_FIELDS)
        raise ParamError("vary", f"{field!r} cannot be varied; use one of {choices}")
    if not values:
        raise ParamError("values", "is empty; give at least one value")
    check_increasing(values)
    names = readout_names(readout)
    for name in names:
        require_available(name)
        if simulate and name not in SIMULATORS:
            raise ReadoutUnavailable(name, "its simulation is not available yet")
    grid = point_params(base, field, values)
    tasks = [(name, params, simulate, budget, b_min) for name in names for params in grid]
    cheap = all(is_cheap(name, simulate) for name in names)
    outcomes = run_tasks(
        evaluate, tasks, cheap=cheap, workers=workers, monitor=monitor.part(0.0, 0.9)
    )
    points = tuple(
        o.value if o.error is None else Point(name, params, error=o.error, b_min=b_min)
        for o, (name, params, *_) in zip(outcomes, tasks, strict=True)
    )
    crossings, errors = _crossings(points, names, field, workers, monitor.part(0.9, 1.0))
    return SweepResult(
        base, field, tuple(values), names, simulate, points, crossings, errors, b_min=b_min
    )


def _crossings(
    points: tuple[Point, ...],
    names: tuple[str, ...],
    field: str,
    workers: int | None,
    monitor: Monitor,
) -> tuple[tuple[Crossing, ...], tuple[str, ...]]:
    brackets = []
    for name in names:
        good = [p for p in points if p.readout == name and p.standing is not None]
        for left, right in pairwise(good):
            assert left.standing is not None and right.standing is not None
            if left.standing.winners != right.standing.winners:
                # The search needs no simulation: drop it from the end points it carries.
                brackets.append((_exact(left), _exact(right), field))
    cheap = all(is_cheap(name, False) for name in names)
    outcomes = run_tasks(bracket_crossings, brackets, cheap=cheap, workers=workers, monitor=monitor)
    crossings = tuple(c for o in outcomes if o.error is None for c in o.value)
    errors = tuple(
        f"between {field} = {getattr(left.params, field)} and {getattr(right.params, field)}: "
        f"{o.error}"
        for o, (left, right, _) in zip(outcomes, brackets, strict=True)
        if o.error is not None
    )
    return crossings, errors


def _exact(point: Point) -> Point:
    return replace(point, simulated=None, simulation_error=None)
