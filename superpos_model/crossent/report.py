"""The cross-entropy what-if report: every scheme's best logits, exact and simulated.

The one place that assembles what ``superpos-tui check --loss cross-entropy`` prints
(text and JSON), in the ReLU report's shapes (:mod:`superpos_model.relu.report`): the
same measured values, the same chosen point, the same ranking.  At a minimum the
simulation is taken at the exact optimum; where the loss only falls towards a limit, at
the finite point near it that :class:`~.optimum.CrossEntropyOptimum` names, and
labelled so.  All schemes are simulated on the session's samples.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..monitor import SILENT, Monitor
from ..params import Params
from ..relu.report import BestReadout, ChosenReadout, Measured, chosen_point, per_scheme
from ..session import Session, session_for
from ..sweep.standing import Standing, ranking_json, standing
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
    chosen: ChosenReadout | None = None  # where at_chosen is, when a or b was given

    def best(self) -> BestReadout:
        o = self.optimum
        return BestReadout(o.sim_a, o.sim_b, o.loss, o.limit or "")

    def to_json(self) -> dict:
        o = self.optimum
        loss_opt = self.at_opt.to_json()
        opt: dict = {"a": o.a, "b": o.b}
        if o.limit is not None:
            # No minimiser: the infimum, and the point of its approach that was simulated.
            opt["limit"] = o.limit
            loss_opt["at"] = {"a": o.sim_a, "b": o.sim_b, "exact": loss_opt["exact"]}
            loss_opt["exact"] = o.loss
        if self.gaussian is not None:
            loss_opt["gaussian"] = self.gaussian.loss
        out: dict = {"opt": opt, "loss_opt": loss_opt}
        if self.at_chosen is not None and self.chosen is not None:
            c = self.chosen
            point = {"a": c.a, "b": c.b, "optimised": c.optimised or None}
            out["loss_at"] = self.at_chosen.to_json() | point
        return out


@dataclass(frozen=True)
class CrossEntropyCheckReport:
    """Everything ``check --loss cross-entropy`` reports at one point."""

    params: Params
    b: float | None
    schemes: dict[str, CrossEntropySchemeReport]

    def standing(self) -> Standing:
        """The schemes ranked by their optimal (or limiting) exact loss, by the sweep's rule."""
        return standing({name: r.optimum.loss for name, r in self.schemes.items()})

    def to_json(self) -> dict:
        p = self.params
        return {
            "params": {"T": p.T, "D": p.D, "z": p.z, "a": p.a, "b": self.b}
            | {"samples": p.samples, "seed": p.seed},
            "readout": "linear",
            "loss": LOSS_NAME,
            "schemes": {name: r.to_json() for name, r in self.schemes.items()},
            **ranking_json(self.standing()),
        }


def cross_entropy_scheme_report(
    params: Params,
    scheme: str,
    b: float | None,
    session: Session | None = None,
    monitor: Monitor = SILENT,
) -> CrossEntropySchemeReport:
    optimum = cross_entropy_optimum(scheme, params)
    chosen = chosen_point(
        params.a,
        b,
        lambda b: best_scale_at(scheme, params, b)[0],
        lambda a: best_bias_at(scheme, params, a)[0],
    )
    a_points, b_points = [optimum.sim_a], [optimum.sim_b]
    if chosen is not None:
        a_points.append(chosen.a)
        b_points.append(chosen.b)
    sim = simulate_cross_entropy(params, scheme, a_points, b_points, session, monitor)
    at_opt = Measured(optimum.loss_at_sim, float(sim.loss[0]), float(sim.se[0]))
    at_chosen = None
    if chosen is not None:
        exact = float(cross_entropy(scheme, params, chosen.a, chosen.b))
        at_chosen = Measured(exact, float(sim.loss[1]), float(sim.se[1]))
    gaussian = gaussian_optimum(params) if scheme == "random" else None
    return CrossEntropySchemeReport(scheme, optimum, at_opt, at_chosen, gaussian, chosen)


def run_cross_entropy_check(
    params: Params,
    b: float | None = None,
    monitor: Monitor = SILENT,
    session: Session | None = None,
) -> CrossEntropyCheckReport:
    """Optimum (or limit), exact and simulated cross-entropy for every scheme."""
    session = session_for(params, session)
    schemes = per_scheme(
        lambda name, part: cross_entropy_scheme_report(params, name, b, session, part), monitor
    )
    return CrossEntropyCheckReport(params, b, schemes)
