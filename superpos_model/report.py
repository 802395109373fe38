"""The what-if report: every scheme's notes, exact and simulated values side by side.

This is the one place that assembles what ``superpos-tui check`` prints and what
the app's results table shows, including the JSON object of ``check --json``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, cast

import numpy as np

from . import interference as jl
from .budget import DEFAULT_BUDGET, check_budget
from .estimate import roundoff_se
from .exact import exact_quadratic
from .monitor import SILENT, Monitor
from .notes import NotesFormula, notes_formula
from .params import Params, RegimeWarning, regime_warning
from .quadratic import Quadratic
from .schemes import SCHEMES
from .session import Session, session_for
from .simulate import Simulation
from .sweep.standing import Standing, ranking_json, standing
from .walkthrough.verdicts import AGREE_SE


@dataclass(frozen=True)
class SchemeReport:
    """One scheme: the notes' formula, the exact curve and the simulated curve."""

    scheme: str
    notes: NotesFormula
    exact: Quadratic
    simulation: Simulation

    def to_json(self, a: float | None) -> dict[str, Any]:
        sim = self.simulation
        out = {
            "a_opt": {
                "notes": self.notes.a_opt,
                "exact": self.exact.argmin,
                "simulated": sim.a_opt,
            },
            "mse_opt": {
                "notes": self.notes.mse_opt,
                **simulated_json(self.exact.minimum, sim.mse_opt, sim.mse_opt_se),
            },
        }
        if a is not None:
            out["mse_at_a"] = {
                "notes": self.notes.curve(a),
                **simulated_json(float(self.exact(a)), float(sim.curve(a)), float(sim.se(a))),
            }
        return out


def simulated_json(exact: float, simulated: float, se: float) -> dict[str, Any]:
    """``exact``, ``simulated``, ``se`` and ``simulated_exact``: an SE that is round-off
    (:func:`~superpos_model.estimate.roundoff_se`) is written 0, with ``simulated_exact`` true."""
    flat = roundoff_se(se, simulated, exact)
    return {
        "exact": exact,
        "simulated": simulated,
        "se": 0.0 if flat else se,
        "simulated_exact": flat,
    }


@dataclass(frozen=True)
class Ranking:
    """Which scheme has the lowest exact loss, by how much, and whether simulation resolves it.

    When the two lowest exact losses tie (equal up to rounding, by the sweep's
    one tie rule), ``tie`` is True, ``winner`` and ``runner_up`` are the tied
    pair, the margin is 0 and nothing is resolved.
    """

    winner: str
    runner_up: str
    margin: float
    resolved: bool
    tie: bool = False


@dataclass(frozen=True)
class InterferenceReport:
    """The interference numbers at these parameters (the first note's thread)."""

    overlaps: jl.OverlapStats
    rms_typical: float
    max_typical: float
    jl_bound: float
    welch_bound: float
    capacity_typical: float
    capacity_notes: float

    def to_json(self) -> dict[str, Any]:
        return {
            "rms_typical": self.rms_typical,
            "rms_simulated": self.overlaps.rms,
            "max_simulated": self.overlaps.max_abs,
            "max_features": self.overlaps.features,
            "jl_bound": self.jl_bound,
            "welch_bound": self.welch_bound,
            "capacity_typical": self.capacity_typical,
            "capacity_notes": self.capacity_notes,
        }


def interference_report(session: Session, monitor: Monitor = SILENT) -> InterferenceReport:
    overlaps = session.overlaps(monitor)
    T, D = session.params.T, session.params.D
    return InterferenceReport(
        overlaps=overlaps,
        rms_typical=jl.rms_typical(D),
        max_typical=jl.max_typical(overlaps.features, D),
        jl_bound=jl.jl_bound(T, D),
        welch_bound=jl.welch_bound(T, D),
        capacity_typical=jl.capacity_typical(D),
        capacity_notes=jl.capacity_notes(T, D),
    )


@dataclass(frozen=True)
class CheckReport:
    """Everything ``check`` reports at one point of parameter space."""

    params: Params
    warning: RegimeWarning
    schemes: dict[str, SchemeReport]
    interference: InterferenceReport | None

    def standing(self) -> Standing:
        """The schemes ranked by exact optimal loss, by the sweep's one rule."""
        return standing({name: r.exact.minimum for name, r in self.schemes.items()})

    def ranking(self, a: float | None = None) -> Ranking:
        """Rank by exact loss at ``a`` (at each scheme's optimum when None)."""

        def exact(name: str) -> float:
            report = self.schemes[name]
            return report.exact.minimum if a is None else report.exact(a)

        def se(name: str) -> float:
            sim = self.schemes[name].simulation
            return sim.mse_opt_se if a is None else sim.se(a)

        placed = standing({name: exact(name) for name in self.schemes})
        if placed.tie:
            return Ranking(placed.winners[0], placed.winners[1], 0.0, False, tie=True)
        first, second = placed.winners[0], placed.runner_up
        assert second is not None
        margin = exact(second) - exact(first)
        noise = float(np.hypot(se(first), se(second)))
        return Ranking(first, second, margin, margin > AGREE_SE * noise)

    def to_json(self) -> dict[str, Any]:
        """The ``check --json`` object; undefined values (NaN) become null so the JSON stays valid.

        A report made without the interference numbers (as the app's explorer
        holds) has ``"interference": null``.
        """
        p = self.params
        out = _nan_to_none(
            {
                "params": {
                    "T": p.T,
                    "D": p.D,
                    "z": p.z,
                    "a": p.a,
                    "samples": p.samples,
                    "seed": p.seed,
                },
                "readout": "linear",
                "schemes": {name: r.to_json(p.a) for name, r in self.schemes.items()},
                **ranking_json(self.standing()),
                "interference": (
                    None if self.interference is None else self.interference.to_json()
                ),
            }
        )
        return cast(dict[str, Any], out)


def _nan_to_none(value: object) -> object:
    if isinstance(value, dict):
        return {k: _nan_to_none(v) for k, v in value.items()}
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def scheme_report(session: Session, scheme: str, monitor: Monitor = SILENT) -> SchemeReport:
    params = session.params
    return SchemeReport(
        scheme,
        notes_formula(scheme, params),
        exact_quadratic(scheme, params),
        session.simulation(scheme, monitor),
    )


def run_check(
    params: Params,
    monitor: Monitor = SILENT,
    budget: int = DEFAULT_BUDGET,
    interference: bool = True,
    session: Session | None = None,
) -> CheckReport:
    """Notes, exact and simulated values for every scheme, plus (unless told not to) the
    interference numbers, which the explorer does not show and need not wait for.

    ``session`` (for ``params``) supplies and keeps the simulations; without one
    a fresh session is used.
    """
    check_budget(params, budget, "check" if interference else "simulation")
    session = session_for(params, session)
    return session.memo(
        ("check", interference), lambda: _assemble(session, monitor, interference), monitor
    )


def _assemble(session: Session, monitor: Monitor, interference: bool) -> CheckReport:
    parts = len(SCHEMES) + interference
    schemes = {
        name: scheme_report(session, name, monitor.part(i / parts, (i + 1) / parts))
        for i, name in enumerate(SCHEMES)
    }
    overlaps = (
        interference_report(session, monitor.part((parts - 1) / parts, 1.0))
        if interference
        else None
    )
    params = session.params
    return CheckReport(params, regime_warning(params), schemes, overlaps)
