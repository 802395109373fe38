"""What the explorer draws and tabulates: loss curves over a, the results table, exports.

Everything here is derived from a :class:`~superpos_model.report.CheckReport`
and a readout scale, with no further simulation: every curve in the model is a
quadratic in a, so re-evaluating at a new a or on a new grid costs microseconds.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..estimate import shown_se
from ..quadratic import Quadratic
from ..report import CheckReport, Ranking
from ..walkthrough.verdicts import z_score

#: The plotted a-range always reaches at least this far, so the user sees
#: the cost of an untuned readout (a = 1) next to the minima.
A_SPAN = 1.0
#: Headroom beyond the largest a* or current a, as a fraction.
A_HEADROOM = 0.1
#: Points on the curve grid, and simulated points with error bars across it.
CURVE_POINTS = 201
SIMULATED_POINTS = 11


@dataclass(frozen=True)
class SchemeCurves:
    """One scheme's loss over the shared a-grid of :class:`Curves`.

    Attributes
    ----------
    exact : ndarray
        Exact loss on the grid.
    notes : ndarray or None
        The notes' loss on the grid, or None where it coincides with ``exact``.
    simulated_a, simulated, simulated_se : ndarray
        Simulated loss and its standard error at a few values of a (including
        the simulated optimum).
    a_opt, loss_opt : float
        The exact optimum.
    notes_a_opt, notes_loss_opt : float
        The optimum the notes state.
    """

    scheme: str
    exact: np.ndarray
    notes: np.ndarray | None
    simulated_a: np.ndarray
    simulated: np.ndarray
    simulated_se: np.ndarray
    a_opt: float
    loss_opt: float
    notes_a_opt: float
    notes_loss_opt: float


@dataclass(frozen=True)
class Curves:
    """Loss versus readout scale a for every scheme, on one grid from 0 to ``a_max``."""

    a: np.ndarray
    schemes: dict[str, SchemeCurves]
    current_a: float | None

    @property
    def a_max(self) -> float:
        return float(self.a[-1])


def a_max(report: CheckReport, a: float | None) -> float:
    """Right end of the plotted a-range: past every a* and the current a, at least 1."""
    ends = [A_SPAN]
    for scheme in report.schemes.values():
        ends += [scheme.exact.argmin, scheme.notes.a_opt, scheme.simulation.a_opt]
    if a is not None:
        ends.append(a)
    return max(ends) * (1.0 + A_HEADROOM)


def _same_curve(one: Quadratic, other: Quadratic) -> bool:
    return bool(np.allclose([one.A, one.B, one.C], [other.A, other.B, other.C], rtol=1e-12))


def loss_curves(
    report: CheckReport,
    a: float | None,
    points: int = CURVE_POINTS,
    simulated_points: int = SIMULATED_POINTS,
) -> Curves:
    """Every scheme's exact, notes' and simulated loss over a ∈ [0, :func:`a_max`].

    Each scheme's simulated points sit on its own evenly spaced a-values, the
    k-th scheme's shifted by k/(number of schemes) of a step, so that schemes
    with nearly equal losses (random and multi) never hide each other's marks.
    """
    grid = np.linspace(0.0, a_max(report, a), points)
    step = grid[-1] / (simulated_points - 1)
    schemes = {}
    for k, (name, r) in enumerate(report.schemes.items()):
        sim = r.simulation
        shift = step * k / len(report.schemes)
        coarse = np.arange(simulated_points - (1 if shift else 0)) * step + shift
        at = np.sort(np.append(coarse, sim.a_opt))
        schemes[name] = SchemeCurves(
            scheme=name,
            exact=np.asarray(r.exact(grid)),
            notes=None if _same_curve(r.notes.curve, r.exact) else np.asarray(r.notes.curve(grid)),
            simulated_a=at,
            simulated=np.asarray(sim.curve(at)),
            simulated_se=np.asarray(sim.se(at)),
            a_opt=r.exact.argmin,
            loss_opt=r.exact.minimum,
            notes_a_opt=r.notes.a_opt,
            notes_loss_opt=r.notes.mse_opt,
        )
    return Curves(grid, schemes, a)


@dataclass(frozen=True)
class TableRow:
    """One line of the results table: a quantity of one scheme by notes, exact and simulation.

    ``per_feature`` is the exact loss divided by T (None for a*); ``z_score`` is
    (simulated − exact) / SE, with the rule-of-three SE where no spread was seen
    (``samples`` draws; see :func:`~superpos_model.walkthrough.verdicts.z_score`).
    """

    scheme: str
    quantity: str
    notes: float
    exact: float
    simulated: float
    se: float
    per_feature: float | None
    z_score: float
    samples: int = 0


def table_rows(report: CheckReport, a: float | None) -> list[TableRow]:
    """a*, loss at a* and (when ``a`` is set) loss at ``a`` for every scheme."""
    T = report.params.T
    rows = []
    for name, r in report.schemes.items():
        sim = r.simulation
        values: list[tuple[str, float, float, float, float, bool | None]] = [
            ("a_opt", r.notes.a_opt, r.exact.argmin, sim.a_opt, sim.a_opt_se, None),
            ("loss_at_opt", r.notes.mse_opt, r.exact.minimum, sim.mse_opt, sim.mse_opt_se, True),
        ]
        if a is not None:
            notes_a, exact_a = float(r.notes.curve(a)), float(r.exact(a))
            simulated_a, se_a = float(sim.curve(a)), float(sim.se(a))
            values.append(("loss_at_a", notes_a, exact_a, simulated_a, se_a, True))
        for quantity, notes, exact, simulated, se, is_loss in values:
            rows.append(
                TableRow(
                    scheme=name,
                    quantity=quantity,
                    notes=float(notes),
                    exact=float(exact),
                    simulated=float(simulated),
                    se=shown_se(float(se), float(simulated), float(exact)),
                    per_feature=float(exact) / T if is_loss else None,
                    z_score=z_score(float(simulated), float(exact), float(se), sim.samples),
                    samples=sim.samples,
                )
            )
    return rows


def rankings(report: CheckReport, a: float | None) -> dict[str, Ranking]:
    """The winner at each scheme's optimum, and at ``a`` when it is set."""
    out = {"at_opt": report.ranking(None)}
    if a is not None:
        out["at_a"] = report.ranking(a)
    return out


CSV_COLUMNS = (
    "kind",
    "scheme",
    "quantity",
    "a",
    "notes",
    "exact",
    "simulated",
    "se",
    "per_feature",
)


#: Significant digits of an exported a: the grid's own, without the binary noise of
#: k·step (0.10450000000000001).
A_DIGITS = 12


def exported_a(x: float) -> float:
    """A grid value of a as the exports write it."""
    return float(f"{x:.{A_DIGITS}g}")


def export_comments(report: CheckReport, a: float | None) -> list[str]:
    """The lines the CSV export opens with: what its numbers are for."""
    p = report.params
    return [
        "superpos-tui explorer: loss versus readout scale a for every scheme",
        f"T={p.T} D={p.D} z={p.z} a={'' if a is None else a} samples={p.samples} seed={p.seed}",
        "loss = expected squared error per sample, summed over all T features",
    ]


def _row_values(row: TableRow) -> dict[str, object]:
    """The numbers of a table row as both exports write them."""
    return {
        "notes": row.notes,
        "exact": row.exact,
        "simulated": row.simulated,
        "se": row.se,
        "per_feature": row.per_feature,
    }


def export_rows(report: CheckReport, curves: Curves) -> list[dict[str, object]]:
    """Table and curves as flat records with :data:`CSV_COLUMNS` (None = not applicable).

    Table records have ``kind`` "table"; curve records have ``kind`` "curve",
    one per grid point and scheme, with the simulated loss and SE at that a.
    """
    a = curves.current_a
    records: list[dict[str, object]] = [
        {
            "kind": "table",
            "scheme": row.scheme,
            "quantity": row.quantity,
            "a": a if row.quantity == "loss_at_a" else None,
            **_row_values(row),
        }
        for row in table_rows(report, a)
    ]
    T = report.params.T
    for name, c in curves.schemes.items():
        sim = report.schemes[name].simulation
        notes = report.schemes[name].notes.curve
        simulated, se = np.asarray(sim.curve(curves.a)), np.asarray(sim.se(curves.a))
        for i, x in enumerate(curves.a):
            records.append(
                {
                    "kind": "curve",
                    "scheme": name,
                    "quantity": "loss",
                    "a": exported_a(x),
                    "notes": float(notes(x)),
                    "exact": float(c.exact[i]),
                    "simulated": float(simulated[i]),
                    "se": float(se[i]),
                    "per_feature": float(c.exact[i]) / T,
                }
            )
    return records


def export_object(report: CheckReport, curves: Curves) -> dict[str, object]:
    """The JSON export: parameters, table, rankings and curves (loss summed over T)."""
    p = report.params
    a = curves.current_a
    return {
        "params": {
            "T": p.T,
            "D": p.D,
            "z": p.z,
            "a": a,
            "samples": p.samples,
            "seed": p.seed,
        },
        "loss": "expected squared error per sample, summed over all T features",
        "table": [
            {
                "scheme": row.scheme,
                "quantity": row.quantity,
                **_row_values(row),
            }
            for row in table_rows(report, a)
        ],
        "ranking": {
            where: {
                "winner": r.winner,
                "runner_up": r.runner_up,
                "margin": r.margin,
                "resolved": r.resolved,
                "tie": r.tie,
            }
            for where, r in rankings(report, a).items()
        },
        "curves": {
            name: {
                "a": [exported_a(x) for x in curves.a],
                "exact": c.exact.tolist(),
                "notes": np.asarray(report.schemes[name].notes.curve(curves.a)).tolist(),
                "simulated": np.asarray(report.schemes[name].simulation.curve(curves.a)).tolist(),
                "se": np.asarray(report.schemes[name].simulation.se(curves.a)).tolist(),
            }
            for name, c in curves.schemes.items()
        },
    }
