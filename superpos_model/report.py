"""The what-if report: every scheme's notes, exact and simulated values side by side.

This is the one place that assembles what ``superpos-tui check`` prints and what
the app's results table shows, including the JSON object of SPEC §4.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from . import interference as jl
from .agreement import AGREE_SE
from .budget import DEFAULT_BUDGET, check_budget
from .exact import exact_quadratic
from .monitor import SILENT, Monitor
from .notes import NotesFormula, notes_formula
from .params import Params, RegimeWarning, regime_warning
from .quadratic import Quadratic
from .schemes import SCHEMES
from .simulate import Simulation, draw_shared_active_sets, simulate


@dataclass(frozen=True)
class SchemeReport:
    """One scheme: the notes' formula, the exact curve and the simulated curve."""

    scheme: str
    notes: NotesFormula
    exact: Quadratic
    simulation: Simulation

    def to_json(self, a: float | None) -> dict:
        sim = self.simulation
        out = {
            "a_opt": {
                "notes": self.notes.a_opt,
                "exact": self.exact.argmin,
                "simulated": sim.a_opt,
            },
            "mse_opt": {
                "notes": self.notes.mse_opt,
                "exact": self.exact.minimum,
                "simulated": sim.mse_opt,
                "se": sim.mse_opt_se,
            },
        }
        if a is not None:
            out["mse_at_a"] = {
                "notes": self.notes.curve(a),
                "exact": self.exact(a),
                "simulated": sim.curve(a),
                "se": sim.se(a),
            }
        return out


@dataclass(frozen=True)
class Ranking:
    """Which scheme has the lowest exact loss, by how much, and whether simulation resolves it."""

    winner: str
    runner_up: str
    margin: float
    resolved: bool


@dataclass(frozen=True)
class InterferenceReport:
    """The JL thread's numbers at these parameters (SPEC §2.3)."""

    overlaps: jl.OverlapStats
    rms_typical: float
    max_typical: float
    jl_bound: float
    welch_bound: float
    capacity_typical: float
    capacity_notes: float

    def to_json(self) -> dict:
        return {
            "rms_typical": self.rms_typical,
            "rms_simulated": self.overlaps.rms,
            "max_simulated": self.overlaps.max_abs,
            "jl_bound": self.jl_bound,
            "welch_bound": self.welch_bound,
            "capacity_typical": self.capacity_typical,
            "capacity_notes": self.capacity_notes,
        }


def interference_report(params: Params, monitor: Monitor = SILENT) -> InterferenceReport:
    overlaps = jl.overlap_stats(params, monitor)
    T, D = params.T, params.D
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

    def ranking(self, a: float | None = None) -> Ranking:
        """Rank by exact loss at ``a`` (at each scheme's optimum when None)."""

        def exact(name: str) -> float:
            report = self.schemes[name]
            return report.exact.minimum if a is None else report.exact(a)

        def se(name: str) -> float:
            sim = self.schemes[name].simulation
            return sim.mse_opt_se if a is None else sim.se(a)

        first, second = sorted(self.schemes, key=exact)[:2]
        margin = exact(second) - exact(first)
        noise = float(np.hypot(se(first), se(second)))
        return Ranking(first, second, margin, margin > AGREE_SE * noise)

    def to_json(self) -> dict:
        """SPEC §4's object; undefined values (NaN) become null so the JSON stays valid."""
        p = self.params
        return _nan_to_none(
            {
                "params": {
                    "T": p.T,
                    "D": p.D,
                    "z": p.z,
                    "a": p.a,
                    "samples": p.samples,
                    "seed": p.seed,
                },
                "schemes": {name: r.to_json(p.a) for name, r in self.schemes.items()},
                "interference": self.interference.to_json(),
            }
        )


def _nan_to_none(value):
    if isinstance(value, dict):
        return {k: _nan_to_none(v) for k, v in value.items()}
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def scheme_report(
    params: Params, scheme: str, active=None, monitor: Monitor = SILENT
) -> SchemeReport:
    return SchemeReport(
        scheme,
        notes_formula(scheme, params),
        exact_quadratic(scheme, params),
        simulate(params, scheme, active, monitor),
    )


def run_check(
    params: Params,
    monitor: Monitor = SILENT,
    budget: int = DEFAULT_BUDGET,
    interference: bool = True,
) -> CheckReport:
    """Notes, exact and simulated values for every scheme, plus (unless told not to) the
    interference numbers, which the explorer does not show and need not wait for."""
    check_budget(params, budget, "check" if interference else "simulation")
    # A cancellation check only: drawing is quick next to the schemes' passes.
    active = draw_shared_active_sets(params, Monitor(cancelled=monitor.cancelled))
    parts = len(SCHEMES) + interference
    schemes = {
        name: scheme_report(params, name, active, monitor.part(i / parts, (i + 1) / parts))
        for i, name in enumerate(SCHEMES)
    }
    overlaps = (
        interference_report(params, monitor.part((parts - 1) / parts, 1.0))
        if interference
        else None
    )
    return CheckReport(params, regime_warning(params), schemes, overlaps)
