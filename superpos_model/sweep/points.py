"""One point of a sweep: every scheme's optimal loss, the standing, and optionally a simulation."""

from __future__ import annotations

from dataclasses import dataclass

from ..budget import DEFAULT_BUDGET, check_budget
from ..params import Params
from ..readout import FREE_BIAS
from ..schemes import SCHEMES
from ..simulate import draw_shared_active_sets, run_simulation
from .pool import describe
from .readouts import READOUTS, ReadoutUnavailable, optimal_losses
from .standing import Standing, standing


@dataclass(frozen=True)
class SimulatedLoss:
    """The minimum of a scheme's simulated loss curve and its standard error."""

    loss: float
    se: float


@dataclass(frozen=True)
class Point:
    """One (readout, parameters) point of a sweep or a phase diagram.

    Exactly one of ``standing`` and ``error`` is set: a point whose exact
    evaluation failed carries its one-line error and the sweep goes on.  A point
    asked to simulate has ``simulated`` or, when only its simulation failed (say
    it would not fit the memory budget), ``simulation_error`` beside its exact
    standing.  ``b_min`` is the least bias a ReLU optimum searched (free by default;
    the linear readout has none).
    """

    readout: str
    params: Params
    standing: Standing | None = None
    simulated: dict[str, SimulatedLoss] | None = None
    error: str | None = None
    simulation_error: str | None = None
    b_min: float = FREE_BIAS


def simulate_linear(params: Params, budget: int = DEFAULT_BUDGET) -> dict[str, SimulatedLoss]:
    """Each scheme's simulated optimal loss ± SE with the linear readout (shared active sets)."""
    check_budget(params, budget, "simulation")
    active = draw_shared_active_sets(params)
    out = {}
    for name in SCHEMES:
        sim = run_simulation(params, name, active)
        out[name] = SimulatedLoss(sim.mse_opt, sim.mse_opt_se)
    return out


#: Simulation per readout; a readout missing here has no simulation yet.
SIMULATORS = {"linear": simulate_linear}


def evaluate(
    readout: str, params: Params, simulated: bool, budget: int, b_min: float = FREE_BIAS
) -> Point:
    """The exact standing at ``params`` (ReLU: over b ≥ ``b_min``) and, if asked, the
    simulation.

    Raises when the exact optimum fails; a failing simulation is recorded in the point.
    """
    exact = standing(optimal_losses(readout, params, b_min))
    if not simulated:
        return Point(readout, params, exact, b_min=b_min)
    try:
        if readout not in SIMULATORS:
            raise ReadoutUnavailable(readout, "its simulation is not available yet")
        sims = SIMULATORS[readout](params, budget)
    except Exception as error:  # the exact values stand without it
        return Point(readout, params, exact, simulation_error=describe(error), b_min=b_min)
    return Point(readout, params, exact, sims, b_min=b_min)


def evaluate_cells(readout: str, cells: list[Params], b_min: float = FREE_BIAS) -> list[Point]:
    """The exact standing of each of ``cells`` in one task, each failure in its own point.

    A phase diagram sends the cells that share D and z together: the ReLU optimum
    caches per-(D, z) work, which one process then does once instead of once per
    worker.
    """
    out = []
    for params in cells:
        try:
            out.append(evaluate(readout, params, False, 0, b_min))
        except Exception as error:  # a failing cell is reported in its place; the rest go on
            out.append(Point(readout, params, error=describe(error), b_min=b_min))
    return out


def is_cheap(readout: str, simulated: bool) -> bool:
    """Whether one point of ``readout`` costs microseconds (no simulation, cheap optimum)."""
    return READOUTS[readout].cheap and not simulated
