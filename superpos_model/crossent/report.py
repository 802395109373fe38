"""The cross-entropy what-if report: every scheme's best logits, exact and simulated.

The one place that assembles what ``superpos-tui check --loss cross-entropy`` prints
(text and JSON).  At a minimum the simulation is taken at the exact optimum; where the
loss only falls towards a limit, at the finite point near it that
:class:`~.optimum.CrossEntropyOptimum` names, and labelled so.  All schemes are
simulated on the session's samples.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..monitor import SILENT, Monitor
from ..params import Params
from ..relu.report import Measured
from ..schemes import SCHEMES
from ..session import Session, session_for
from ..sweep.standing import Standing, standing
from .exact import cross_entropy
from .optimum import (
    CrossEntropyOptimum,
    best_bias_at,
    best_scale_at,
    cross_entropy_optimum,
    gaussian_optimum,
)
from .simulate import simulate_cross_entropy

LOSS_NAME = "cross-entropy"


@dataclass(frozen=True)
class CrossEntropySchemeReport:
    """One scheme under cross-entropy: its optimum (or limit) and the loss at a chosen (a, b).

    ``at_opt`` is measured where the simulation was taken (the optimum, or the finite
    point near a limit: ``optimum.sim_a``, ``optimum.sim_b``).
    """

    scheme: str
    optimum: CrossEntropyOptimum
    at_opt: Measured
    at_chosen: Measured | None
    gaussian: CrossEntropyOptimum | None  # random only
    #: Where ``at_chosen`` was taken: the given (a, b), the missing one optimised.
    chosen_point: tuple[float, float] | None = None

    def to_json(self) -> dict:
        o = self.optimum
        loss_opt: dict = {"exact": o.loss, "simulated": self.at_opt.simulated, "se": self.at_opt.se}
        if self.gaussian is not None:
            loss_opt["gaussian"] = self.gaussian.loss
        out: dict = {"opt": {"a": o.a, "b": o.b}, "loss_opt": loss_opt}
        if o.limit is not None:
            out["limit"] = o.limit
            loss_opt["simulated_at"] = {"a": o.sim_a, "b": o.sim_b, "exact": self.at_opt.exact}
        if self.at_chosen is not None and self.chosen_point is not None:
            a, b = self.chosen_point
            out["loss_at"] = {"a": a, "b": b} | self.at_chosen.to_json()
        return out


@dataclass(frozen=True)
class CrossEntropyCheckReport:
    """Everything ``check --loss cross-entropy`` reports at one point."""

    params: Params
    b: float | None
    schemes: dict[str, CrossEntropySchemeReport]

    @property
    def optimised(self) -> str | None:
        """Which of a and b the loss at the chosen point optimises ("a", "b"), None when both
        or neither were given."""
        return optimised_field(self.params.a, self.b)

    def standing(self) -> Standing:
        """The schemes ranked by their optimal (or limiting) exact loss."""
        return standing({name: r.optimum.loss for name, r in self.schemes.items()})

    def to_json(self) -> dict:
        p = self.params
        placed = self.standing()
        factor = (
            placed.factor if placed.factor is not None and math.isfinite(placed.factor) else None
        )
        return {
            "params": {"T": p.T, "D": p.D, "z": p.z, "a": p.a, "b": self.b}
            | {"samples": p.samples, "seed": p.seed},
            "readout": "linear",
            "loss": LOSS_NAME,
            "schemes": {name: r.to_json() for name, r in self.schemes.items()},
            "optimised": self.optimised,
            "winners": list(placed.winners),
            "runner_up": placed.runner_up,
            "factor": factor,
        }


def optimised_field(a: float | None, b: float | None) -> str | None:
    """The one of a, b left to optimise when only the other is given."""
    if (a is None) == (b is None):
        return None
    return "b" if b is None else "a"


def _chosen_point(
    scheme: str, params: Params, b: float | None
) -> tuple[tuple[float, float], float] | None:
    """((a, b), exact loss) at the user's point, the missing one of a, b at its best."""
    a = params.a
    if a is None and b is None:
        return None
    if b is None:
        best_b, loss = best_bias_at(scheme, params, float(a))  # type: ignore[arg-type]
        return (float(a), best_b), loss  # type: ignore[arg-type]
    if a is None:
        best_a, loss = best_scale_at(scheme, params, b)
        return (best_a, b), loss
    return (float(a), b), float(cross_entropy(scheme, params, a, b))


def cross_entropy_scheme_report(
    params: Params,
    scheme: str,
    b: float | None,
    session: Session | None = None,
    monitor: Monitor = SILENT,
) -> CrossEntropySchemeReport:
    optimum = cross_entropy_optimum(scheme, params)
    chosen = _chosen_point(scheme, params, b)
    a_points, b_points = [optimum.sim_a], [optimum.sim_b]
    if chosen is not None:
        a_points.append(chosen[0][0])
        b_points.append(chosen[0][1])
    sim = simulate_cross_entropy(params, scheme, a_points, b_points, session, monitor)
    at_opt = Measured(optimum.loss_at_sim, float(sim.loss[0]), float(sim.se[0]))
    at_chosen = None
    if chosen is not None:
        at_chosen = Measured(chosen[1], float(sim.loss[1]), float(sim.se[1]))
    gaussian = gaussian_optimum(params) if scheme == "random" else None
    point = None if chosen is None else chosen[0]
    return CrossEntropySchemeReport(scheme, optimum, at_opt, at_chosen, gaussian, point)


def run_cross_entropy_check(
    params: Params,
    b: float | None = None,
    monitor: Monitor = SILENT,
    session: Session | None = None,
) -> CrossEntropyCheckReport:
    """Optimum (or limit), exact and simulated cross-entropy for every scheme."""
    session = session_for(params, session)
    parts = len(SCHEMES)
    schemes = {
        name: cross_entropy_scheme_report(
            params, name, b, session, monitor.part(i / parts, (i + 1) / parts)
        )
        for i, name in enumerate(SCHEMES)
    }
    return CrossEntropyCheckReport(params, b, schemes)
