"""What the explorer draws and tabulates where b enters: ReLU(a·WᵀW·y − b), or the logits
a·WᵀW·y − b under cross-entropy.

For each scheme: the loss at each a with b at its best for that a (a curve over a,
so the plot has the linear explorer's axis), the best readout (a*, b*) — or, where
the loss has no minimum, the limit it falls toward — and the exact, Gaussian and
simulated loss there and, when a is chosen, at (a, b).  Both losses share this view,
and the plot and table that draw it; only the model behind them differs
(:data:`MODELS`).

SciPy loads with :mod:`superpos_model.relu`; the app imports this module only when
the ReLU readout or cross-entropy is switched on (inside its worker).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from .. import crossent, relu
from ..crossent import CrossEntropyCheckReport
from ..monitor import SILENT, Monitor
from ..params import Params
from ..relu import BestBiasCurve, ReluCheckReport, ReluRanking
from ..relu.report import BestReadout
from ..session import Session
from ..sweep.standing import Standing
from ..walkthrough.verdicts import z_score

#: The losses this view draws: mean squared error (of the ReLU readout) and cross-entropy.
MSE, CROSS_ENTROPY = "mse", crossent.LOSS_NAME


@dataclass(frozen=True)
class LossModel:
    """What one loss brings to the view: its check, curve, Gaussian formula and words."""

    run_check: Callable[..., ReluCheckReport | CrossEntropyCheckReport]
    best_bias_curve: Callable[[str, Params, np.ndarray], BestBiasCurve]
    gaussian: Callable[[Params, float, float], np.ndarray | float]
    #: How the status line names the readout and loss.
    name: str
    #: What the loss is, for the JSON export.
    meaning: str


MODELS: dict[str, LossModel] = {
    MSE: LossModel(
        relu.run_relu_check,
        relu.best_bias_curve,
        relu.gaussian_random,
        "ReLU",
        "expected squared error per sample, summed over all T features",
    ),
    CROSS_ENTROPY: LossModel(
        crossent.run_cross_entropy_check,
        crossent.best_bias_curve,
        crossent.gaussian_random,
        "cross-entropy",
        "expected binary cross-entropy of the logits per sample, summed over all T features",
    ),
}

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
    #: Where the loss has no minimum, how it approaches its infimum (the row is at a
    #: finite point of that approach); "" otherwise.
    limit: str
    exact: float
    gaussian: float | None  # the Gaussian formula at the same (a, b); random only
    simulated: float
    se: float
    per_feature: float
    z_score: float


@dataclass(frozen=True, eq=False)
class ReluExplorer:
    """A readout with a bias at one point — ReLU under squared error, or linear logits
    under cross-entropy (``loss``): the check report plus a best-bias curve per scheme."""

    report: ReluCheckReport | CrossEntropyCheckReport
    curves: dict[str, BestBiasCurve]
    requested_b: float | None = None
    loss: str = MSE

    @property
    def model(self) -> LossModel:
        return MODELS[self.loss]

    @property
    def kind(self) -> str:
        """The app's readout choice this is for (see :mod:`superpos_model.readout`)."""
        return "relu" if self.loss == MSE else CROSS_ENTROPY

    def best(self, scheme: str) -> BestReadout:
        """Where ``scheme``'s best readout is, and its least loss (the minimum or the limit)."""
        return self.report.schemes[scheme].best()

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
        a, name = self.params.a, self.model.name
        if a is None:
            return f"{name}, each scheme at its best (a*, b*); b is used once a is set"
        return f"{name}, a = {a:g}, b = {self.report.b:g}"

    def standing(self) -> Standing:
        """The schemes ranked by their least exact loss (the minimum, or the limit)."""
        return self.report.standing()

    def ranking(self) -> ReluRanking:
        return ReluRanking.of(self.standing())

    @property
    def a_max(self) -> float:
        return float(next(iter(self.curves.values())).a[-1])


def _a_max(view: ReluExplorer) -> float:
    # Past each best readout's a, also the point simulated on the way to a limit (so
    # the plot shows the curve flattening toward it).
    ends = [A_SPAN] + [view.best(name).a for name in view.report.schemes]
    if view.params.a is not None:
        ends.append(view.params.a)
    return max(ends) * (1 + A_HEADROOM)


def relu_explorer(
    params: Params,
    b: float,
    monitor: Monitor = SILENT,
    session: Session | None = None,
    loss: str = MSE,
) -> ReluExplorer:
    """Optimum, simulations and best-bias curves of every scheme (b is used with a set),
    under ``loss``: the ReLU readout's squared error, or the linear logits' cross-entropy.

    The simulations draw on ``session`` (the linear readout's samples at this point).
    """
    model = MODELS[loss]
    # The b field always holds a value; without an a it is not a choice, so it is not
    # used (no loss at a b with a optimised for it appears unasked in the explorer).
    used_b = b if params.a is not None else None
    report = model.run_check(params, used_b, monitor.part(0.0, 0.7), session)
    grid = np.linspace(0.0, _a_max(ReluExplorer(report, {}, b, loss)), CURVE_POINTS)
    curves = {}
    for i, name in enumerate(report.schemes):
        monitor.part(0.7, 1.0).step(i / len(report.schemes))
        curves[name] = model.best_bias_curve(name, params, grid)
    monitor.step(1.0)
    return ReluExplorer(report, curves, b, loss)


def cross_entropy_explorer(
    params: Params, b: float, monitor: Monitor = SILENT, session: Session | None = None
) -> ReluExplorer:
    """:func:`relu_explorer` under cross-entropy: the logits a·WᵀW·y − b."""
    return relu_explorer(params, b, monitor, session, CROSS_ENTROPY)


def relu_rows(view: ReluExplorer) -> list[ReluRow]:
    """The best readout of every scheme, then (when a is set) the loss at the chosen (a, b)."""
    params, gaussian = view.params, view.model.gaussian
    rows = []
    for name, r in view.report.schemes.items():
        best = view.best(name)
        points = [("opt", best.a, best.b, best.limit, r.at_opt)]
        if r.at_chosen is not None and r.chosen is not None:
            points.append(("at", r.chosen.a, r.chosen.b, "", r.at_chosen))
        for quantity, a, b, limit, m in points:
            gauss = float(gaussian(params, a, b)) if name == "random" else None
            rows.append(
                ReluRow(
                    scheme=name,
                    quantity=quantity,
                    a=float(a),
                    b=float(b),
                    limit=limit,
                    exact=m.exact,
                    gaussian=gauss,
                    simulated=m.simulated,
                    se=m.se,
                    per_feature=m.exact / params.T,
                    z_score=z_score(m.simulated, m.exact, m.se),
                )
            )
    return rows


CSV_COLUMNS = (
    "kind",
    "scheme",
    "quantity",
    "a",
    "b",
    "limit",
    "exact",
    "gaussian",
    "simulated",
    "se",
)


def export_rows(view: ReluExplorer) -> list[dict[str, object]]:
    """The table and the best-bias curves as flat records (None = not applicable)."""
    records: list[dict[str, object]] = [
        {
            "kind": "table",
            "scheme": row.scheme,
            "quantity": row.quantity,
            "a": row.a,
            "b": row.b,
            "limit": row.limit or None,
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
                    "limit": None,
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
        "loss": view.model.meaning,
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
