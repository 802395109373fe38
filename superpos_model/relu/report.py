"""The ReLU what-if report: every scheme's best readout, exact and simulated, side by side.

The one place that assembles what ``superpos-tui check --readout relu`` prints (text
and JSON).  The simulated loss "at the optimum" is the Monte Carlo at the exact
optimum (a*, b*); the two readouts are simulated on the same samples (the
session's active sets, and for random its fresh draws).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from ..monitor import SILENT, Monitor
from ..params import Params
from ..readout import B_RANGE, FREE_BIAS, parse_bias
from ..report import simulated_json
from ..schemes import SCHEMES
from ..session import Session, session_for
from .exact import relu_loss
from .gaussian import gaussian_random
from .optimum import ReluOptimum, best_bias_curve, best_scale, gaussian_optimum, relu_optimum
from .simulate import simulate_relu

if TYPE_CHECKING:
    from ..sweep.standing import Standing

# Re-exported: the bias parser moved to ..readout, which the app loads without SciPy.
__all__ = [
    "B_RANGE",
    "Measured",
    "ReluCheckReport",
    "ReluRanking",
    "ReluSchemeReport",
    "parse_bias",
    "relu_scheme_report",
    "run_relu_check",
]


#: What one scheme's report is (ReLU's or cross-entropy's).
SchemeReport = TypeVar("SchemeReport")


@dataclass(frozen=True)
class Measured:
    """An exact loss beside its simulation."""

    exact: float
    simulated: float
    se: float

    def to_json(self) -> dict:
        return simulated_json(self.exact, self.simulated, self.se)


@dataclass(frozen=True)
class ChosenReadout:
    """The readout (a, b) the loss "at" is for: the given a and b, or one of them given and
    the other at its best for it (``optimised`` names which; '' when both were given)."""

    a: float
    b: float
    optimised: str = ""


def chosen_point(
    a: float | None,
    b: float | None,
    best_scale_for: Callable[[float], float],
    best_bias_for: Callable[[float], float],
) -> ChosenReadout | None:
    """The readout at the given ``a`` and ``b``, the missing one at its best for the given
    one (through the loss's own ``best_scale_for(b)`` / ``best_bias_for(a)``); None when
    neither is given.  Shared by every readout that has a bias (ReLU, cross-entropy)."""
    if a is None and b is None:
        return None
    if a is None:
        assert b is not None
        return ChosenReadout(best_scale_for(b), b, "a")
    if b is None:
        return ChosenReadout(a, best_bias_for(a), "b")
    return ChosenReadout(a, b)


def chosen_readout(
    scheme: str, params: Params, b: float | None, b_min: float = FREE_BIAS
) -> ChosenReadout | None:
    """The ReLU readout at ``params.a`` and ``b``, the missing one optimised for the given
    one (per scheme: each scheme has its own best b for an a); None when neither is given."""
    return chosen_point(
        params.a,
        b,
        lambda b: best_scale(scheme, params, b)[0],
        lambda a: float(best_bias_curve(scheme, params, [a], b_min).b[0]),
    )


@dataclass(frozen=True)
class BestReadout:
    """Where one scheme's best readout is (drawn, tabulated, simulated) and its least loss.

    ``a``, ``b``: the optimum, or (``limit`` set) the finite point of the approach to the
    infimum where the simulation was taken; ``least``: the minimum or the infimum.
    Shared by the ReLU readout and cross-entropy, whose optima say this differently.
    """

    a: float
    b: float
    least: float
    limit: str = ""


@dataclass(frozen=True)
class ReluSchemeReport:
    """One scheme with the ReLU readout: its optimum, and the loss at the chosen (a, b)."""

    scheme: str
    optimum: ReluOptimum
    at_opt: Measured
    at_chosen: Measured | None
    gaussian: ReluOptimum | None  # random only: the Gaussian approximation's optimum
    gaussian_at_opt: float | None  # random only: the Gaussian formula at the exact (a*, b*)
    chosen: ChosenReadout | None = None  # where at_chosen is, when a or b was given

    def best(self) -> BestReadout:
        o = self.optimum
        return BestReadout(o.a, o.b, o.least, o.limit)

    def to_json(self) -> dict:
        o = self.optimum
        mse_opt = self.at_opt.to_json()
        opt: dict = {"a": o.a, "b": o.b}
        if o.limit:
            # No minimiser: the infimum, and the point of its approach that was simulated.
            opt = {"a": None, "b": None, "limit": o.limit}
            mse_opt["at"] = {"a": o.a, "b": o.b, "exact": mse_opt["exact"]}
            mse_opt["exact"] = o.limit_loss
        if self.gaussian is not None:
            mse_opt["gaussian"] = self.gaussian.loss
            mse_opt["gaussian_at_opt"] = self.gaussian_at_opt
        out = {"opt": opt, "mse_opt": mse_opt}
        if self.at_chosen is not None and self.chosen is not None:
            c = self.chosen
            readout = {"a": c.a, "b": c.b, "optimised": c.optimised or None}
            out["mse_at"] = self.at_chosen.to_json() | readout
        return out


@dataclass(frozen=True)
class ReluRanking:
    """The scheme with the lowest exact optimum and its margin as a factor.

    A tie (the lowest losses equal up to rounding, by the sweep's rule) has ``tie``
    True and the first two tied schemes as winner and runner-up.  ``factor`` is the
    runner-up's loss ÷ the winner's, None on a tie or when the winner's loss is 0 up
    to round-off (see :class:`~superpos_model.sweep.standing.Standing`).
    """

    winner: str
    runner_up: str
    factor: float | None
    tie: bool = False

    @classmethod
    def of(cls, placed: Standing) -> ReluRanking:
        """The ranking a standing gives (shared by every loss's report and view)."""
        if placed.tie:
            return cls(placed.winners[0], placed.winners[1], None, tie=True)
        assert placed.runner_up is not None
        return cls(placed.winners[0], placed.runner_up, placed.factor)


@dataclass(frozen=True)
class ReluCheckReport:
    """Everything ``check --readout relu`` reports at one point."""

    params: Params
    b: float | None
    schemes: dict[str, ReluSchemeReport]
    b_min: float = FREE_BIAS  # the least bias the optima were searched over

    @property
    def chosen(self) -> bool:
        """Whether a or b was given (then the loss there is reported, the other optimised)."""
        return self.params.a is not None or self.b is not None

    def standing(self) -> Standing:
        """The schemes ranked by exact optimal loss, by the sweep's one rule."""
        from ..sweep.standing import standing

        return standing({name: r.optimum.least for name, r in self.schemes.items()})

    def ranking(self) -> ReluRanking:
        return ReluRanking.of(self.standing())

    def intercept_sentence(self) -> str | None:
        """Where b* < 0, say so: the readout adds an intercept there, it does not threshold."""
        names = [n for n, r in self.schemes.items() if r.optimum.b < 0 and not r.optimum.limit]
        if not names:
            return None
        return f"b* < 0 for {', '.join(names)}: an intercept here, not a threshold"

    def to_json(self) -> dict:
        from ..sweep.standing import ranking_json

        p = self.params
        b_min = None if self.b_min == FREE_BIAS else self.b_min
        params = {"T": p.T, "D": p.D, "z": p.z, "a": p.a, "b": self.b, "b_min": b_min}
        params |= {"samples": p.samples, "seed": p.seed}
        report: dict = _finite_or_none(
            {
                "params": params,
                "readout": "relu",
                "schemes": {name: r.to_json() for name, r in self.schemes.items()},
                **ranking_json(self.standing()),
            }
        )
        return report


def _finite_or_none(value):
    if isinstance(value, dict):
        return {k: _finite_or_none(v) for k, v in value.items()}
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


def relu_scheme_report(
    params: Params,
    scheme: str,
    b: float | None,
    session: Session | None = None,
    monitor: Monitor = SILENT,
    b_min: float = FREE_BIAS,
) -> ReluSchemeReport:
    optimum = relu_optimum(scheme, params, b_min)
    chosen = chosen_readout(scheme, params, b, b_min)
    a_points, b_points = [optimum.a], [optimum.b]
    if chosen is not None:
        a_points.append(chosen.a)
        b_points.append(chosen.b)
    sim = simulate_relu(params, scheme, a_points, b_points, session, monitor)
    at_opt = Measured(optimum.loss, float(sim.loss[0]), float(sim.se[0]))
    at_chosen = None
    if chosen is not None:
        exact = float(relu_loss(scheme, params, chosen.a, chosen.b))
        at_chosen = Measured(exact, float(sim.loss[1]), float(sim.se[1]))
    gaussian, gaussian_at_opt = None, None
    if scheme == "random":
        gaussian = gaussian_optimum(params, b_min)
        gaussian_at_opt = float(gaussian_random(params, optimum.a, optimum.b))
    return ReluSchemeReport(scheme, optimum, at_opt, at_chosen, gaussian, gaussian_at_opt, chosen)


def run_relu_check(
    params: Params,
    b: float | None = None,
    monitor: Monitor = SILENT,
    session: Session | None = None,
    b_min: float = FREE_BIAS,
) -> ReluCheckReport:
    """Optimum, exact and simulated ReLU-readout losses for every scheme.

    The samples are the ``session``'s (a new one when none is given), so a linear
    check at the same point reuses the same draws.
    """
    session = session_for(params, session)
    schemes = per_scheme(
        lambda name, part: relu_scheme_report(params, name, b, session, part, b_min), monitor
    )
    return ReluCheckReport(params, b, schemes, b_min)


def per_scheme(
    report: Callable[[str, Monitor], SchemeReport], monitor: Monitor
) -> dict[str, SchemeReport]:
    """``{scheme: report(scheme, its part of monitor)}`` in :data:`SCHEMES` order: how a
    check with a bias (ReLU, cross-entropy) assembles its schemes."""
    parts = len(SCHEMES)
    return {
        name: report(name, monitor.part(i / parts, (i + 1) / parts))
        for i, name in enumerate(SCHEMES)
    }
