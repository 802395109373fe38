"""What the explorer draws and tabulates with the ReLU readout ŷ = ReLU(a·WᵀW·y − b).

For each scheme: the loss at each a with b at its best for that a (a curve over a,
so the plot has the linear explorer's axis), the best readout (a*, b*), and the
exact, Gaussian and simulated loss there and, when a is chosen, at (a, b).

SciPy loads with :mod:`superpos_model.relu`; the app imports this module only when
the ReLU readout is switched on (inside its worker).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..monitor import SILENT, Monitor
from ..params import Params
from ..relu import (
    BestBiasCurve,
    ReluCheckReport,
    ReluRanking,
    best_bias_curve,
    gaussian_random,
    run_relu_check,
)
from ..session import Session
from ..walkthrough.verdicts import z_score

#: Points of each best-bias curve.
CURVE_POINTS = 41
#: The plotted a-range reaches past every a* (and the chosen a) by this fraction, and at least 2.
A_HEADROOM, A_SPAN = 0.15, 2.0


@dataclass(frozen=True)
class ReluRow:
    """One line of the ReLU table: a scheme's loss at one readout (a, b)."""

    scheme: str
    quantity: str  # "opt" (the best readout) or "at" (the chosen a, b)
    a: float
    b: float
    exact: float
    gaussian: float | None  # the Gaussian formula at the same (a, b); random only
    simulated: float
    se: float
    per_feature: float
    z_score: float


@dataclass(frozen=True, eq=False)
class ReluExplorer:
    """The ReLU readout at one point: the check report plus a best-bias curve per scheme."""

    report: ReluCheckReport
    curves: dict[str, BestBiasCurve]
    requested_b: float | None = None

    @property
    def params(self) -> Params:
        return self.report.params

    @property
    def b(self) -> float | None:
        """The b asked for (used only with a set: see :func:`relu_explorer`)."""
        return self.requested_b

    @property
    def readout_text(self) -> str:
        """The readout the numbers are for, in words: never a b that is not used."""
        a = self.params.a
        if a is None:
            return "ReLU, each scheme at its best (a*, b*); b is used once a is set"
        return f"ReLU, a = {a:g}, b = {self.report.b:g}"

    def ranking(self) -> ReluRanking:
        return self.report.ranking()

    @property
    def a_max(self) -> float:
        return float(next(iter(self.curves.values())).a[-1])


def _a_max(report: ReluCheckReport) -> float:
    ends = [A_SPAN] + [r.optimum.a for r in report.schemes.values()]
    if report.params.a is not None:
        ends.append(report.params.a)
    return max(ends) * (1 + A_HEADROOM)


def relu_explorer(
    params: Params, b: float, monitor: Monitor = SILENT, session: Session | None = None
) -> ReluExplorer:
    """Optimum, simulations and best-bias curves of every scheme (b is used with a set).

    The simulations draw on ``session`` (the linear readout's samples at this point).
    """
    # The b field always holds a value; without an a it is not a choice, so it is not
    # used (no loss at a b with a optimised for it appears unasked in the explorer).
    used_b = b if params.a is not None else None
    report = run_relu_check(params, used_b, monitor.part(0.0, 0.7), session)
    grid = np.linspace(0.0, _a_max(report), CURVE_POINTS)
    curves = {}
    for i, name in enumerate(report.schemes):
        monitor.part(0.7, 1.0).step(i / len(report.schemes))
        curves[name] = best_bias_curve(name, params, grid)
    monitor.step(1.0)
    return ReluExplorer(report, curves, b)


def relu_rows(view: ReluExplorer) -> list[ReluRow]:
    """The best readout of every scheme, then (when a is set) the loss at the chosen (a, b)."""
    params = view.params
    rows = []
    for name, r in view.report.schemes.items():
        points = [("opt", r.optimum.a, r.optimum.b, r.at_opt)]
        if r.at_chosen is not None and r.chosen is not None:
            points.append(("at", r.chosen.a, r.chosen.b, r.at_chosen))
        for quantity, a, b, m in points:
            gauss = float(gaussian_random(params, a, b)) if name == "random" else None
            rows.append(
                ReluRow(
                    scheme=name,
                    quantity=quantity,
                    a=float(a),
                    b=float(b),
                    exact=m.exact,
                    gaussian=gauss,
                    simulated=m.simulated,
                    se=m.se,
                    per_feature=m.exact / params.T,
                    z_score=z_score(m.simulated, m.exact, m.se),
                )
            )
    return rows


CSV_COLUMNS = ("kind", "scheme", "quantity", "a", "b", "exact", "gaussian", "simulated", "se")


def export_rows(view: ReluExplorer) -> list[dict[str, object]]:
    """The table and the best-bias curves as flat records (None = not applicable)."""
    records: list[dict[str, object]] = [
        {
            "kind": "table",
            "scheme": row.scheme,
            "quantity": row.quantity,
            "a": row.a,
            "b": row.b,
            "exact": row.exact,
            "gaussian": row.gaussian,
            "simulated": row.simulated,
            "se": row.se,
        }
        for row in relu_rows(view)
    ]
    for name, c in view.curves.items():
        for a, b, loss in zip(c.a, c.b, c.loss, strict=True):
            records.append(
                {
                    "kind": "curve",
                    "scheme": name,
                    "quantity": "loss_best_b",
                    "a": float(a),
                    "b": float(b),
                    "exact": float(loss),
                    "gaussian": None,
                    "simulated": None,
                    "se": None,
                }
            )
    return records


def export_object(view: ReluExplorer) -> dict[str, object]:
    """The JSON export: the check report's JSON, the rows and the best-bias curves."""
    ranking = view.ranking()
    return {
        **view.report.to_json(),
        "loss": "expected squared error per sample, summed over all T features",
        "table": [row.__dict__ for row in relu_rows(view)],
        "ranking": {
            "winner": ranking.winner,
            "runner_up": ranking.runner_up,
            "factor": ranking.factor,
        },
        "curves": {
            name: {"a": c.a.tolist(), "b": c.b.tolist(), "loss": c.loss.tolist()}
            for name, c in view.curves.items()
        },
    }
