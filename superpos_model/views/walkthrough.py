"""What the walkthrough draws beside a step: the quantity it measures.

Steps about the total loss or its optimum get the loss curve L(a) of their
scheme around the step's point, with the formula's, the notes' and the
simulated value marked.  A step whose simulation is a mean of per-sample draws
gets the histogram of those draws, with the formula's and the notes' values and
the simulated mean ± SE marked on its value axis, so the gap between them reads
against both the SE and the spread of what was averaged.  Any other step gets
its formula, notes' and simulated values on one axis (a "forest plot").  Pure
functions of a step and its parameters; the app titles and frames what
:func:`step_picture` returns.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from ..exact import exact_quadratic
from ..histogram import Histogram
from ..notes import notes_formula, notes_random_approx
from ..params import Params
from ..quadratic import Quadratic
from ..steps import Step
from ..walkthrough import readout_scale

#: Points on a curve.
CURVE_POINTS = 161
#: A curve picture spans a from 0 to this multiple of the largest a it marks, so
#: the bowl around an optimum at a ≈ D/T is visible rather than squashed against 0.
A_FRAME = 2.0


class Quantity(StrEnum):
    """Which quantity of a loss curve a step is about."""

    AT_A = "at_a"  # L at the chain's a
    ARGMIN = "argmin"  # a*
    MINIMUM = "minimum"  # L(a*)


class Role(StrEnum):
    """Whose value a curve or mark is; the app styles each role the same way everywhere."""

    FORMULA = "formula"
    EXACT = "exact"
    NOTES = "notes"
    SIMULATED = "simulated"


@dataclass(frozen=True)
class Curve:
    role: Role
    a: np.ndarray
    loss: np.ndarray


@dataclass(frozen=True)
class Mark:
    """A value at (x, y), with standard errors along either axis (0: none)."""

    role: Role
    x: float
    y: float
    x_se: float = 0.0
    y_se: float = 0.0


@dataclass(frozen=True)
class CurveStep:
    """A step drawn on its scheme's loss curve: which quantity, and whose curve its formula is."""

    scheme: str
    quantity: Quantity
    formula: Role


@dataclass(frozen=True)
class StepPicture:
    """Curves, bars and marks in one frame.

    A loss-curve picture has its ``curve`` (scheme and quantity) and, for
    :attr:`Quantity.AT_A`, the readout scale ``at``.  A comparison picture has
    ``rows``: the names of the y positions 1, 2, … (its y axis is categorical).
    A histogram picture has the ``histogram`` of the simulation's draws (its y
    axis is the share of draws per bin) and marks standing above the bars, each
    on a level of its own, 1, 2, … from the bottom (a mark's y is its level;
    the app decides how high a level is), and ``measured``: what each draw
    measured, in words, the fullest first (the app titles the picture with the
    first that fits beside the sample count).
    """

    curves: tuple[Curve, ...]
    marks: tuple[Mark, ...]
    rows: tuple[str, ...] = ()
    curve: CurveStep | None = None
    at: float | None = None
    histogram: Histogram | None = None
    measured: tuple[str, ...] = ()


#: The steps drawn on a loss curve, by the step's key.
CURVE_STEPS: Mapping[str, CurveStep] = {
    "random.total": CurveStep("random", Quantity.AT_A, Role.EXACT),
    "random.approx": CurveStep("random", Quantity.AT_A, Role.NOTES),
    "random.a_opt": CurveStep("random", Quantity.ARGMIN, Role.EXACT),
    "random.mse_opt": CurveStep("random", Quantity.MINIMUM, Role.EXACT),
    "single.total": CurveStep("single", Quantity.AT_A, Role.EXACT),
    "multi.total_no_coactivation": CurveStep("multi", Quantity.AT_A, Role.NOTES),
    "multi.total": CurveStep("multi", Quantity.AT_A, Role.EXACT),
    "multi.a_opt": CurveStep("multi", Quantity.ARGMIN, Role.EXACT),
    "multi.mse_opt": CurveStep("multi", Quantity.MINIMUM, Role.EXACT),
}


def step_picture(step: Step, params: Params) -> StepPicture:
    """The picture for ``step`` at ``params`` (the parameters the step was computed at)."""
    curve = CURVE_STEPS.get(step.key)
    if curve is not None:
        return _curve_picture(step, params, curve)
    if step.simulated.histogram is not None:
        return _histogram_picture(step, step.simulated.histogram)
    return _comparison(step)


def notes_curve(scheme: str, params: Params) -> Quadratic:
    """The curve the notes work with: for random, the T − 1 → T approximation they minimise."""
    if scheme == "random":
        return notes_random_approx(params)
    return notes_formula(scheme, params).curve


def _same(one: Quadratic, other: Quadratic) -> bool:
    return bool(np.allclose([one.A, one.B, one.C], [other.A, other.B, other.C], rtol=1e-12))


def _curve_picture(step: Step, params: Params, curve: CurveStep) -> StepPicture:
    scheme, quantity, formula = curve.scheme, curve.quantity, curve.formula
    exact = exact_quadratic(scheme, params)
    notes = notes_curve(scheme, params)
    # The notes' value marks the notes' curve, except where the step's formula is that curve.
    notes_mark = step.notes_value if formula is Role.EXACT else None
    sim = step.simulated
    a: float | None = None
    if quantity is Quantity.AT_A:
        a = readout_scale(params, scheme)
        on_formula = notes if formula is Role.NOTES else exact
        marks = [Mark(Role.FORMULA, a, float(on_formula(a)))]
        if notes_mark is not None:
            marks.append(Mark(Role.NOTES, a, notes_mark))
        marks.append(Mark(Role.SIMULATED, a, sim.value, y_se=sim.se))
    elif quantity is Quantity.ARGMIN:
        marks = [Mark(Role.FORMULA, step.theory, float(exact(step.theory)))]
        if notes_mark is not None:
            marks.append(Mark(Role.NOTES, notes_mark, float(notes(notes_mark))))
        marks.append(Mark(Role.SIMULATED, sim.value, float(exact(sim.value)), x_se=sim.se))
    else:
        marks = [Mark(Role.FORMULA, exact.argmin, step.theory)]
        if notes_mark is not None:
            marks.append(Mark(Role.NOTES, notes_formula(scheme, params).a_opt, notes_mark))
        marks.append(Mark(Role.SIMULATED, exact.argmin, sim.value, y_se=sim.se))
    reach = max(max(m.x + m.x_se for m in marks), 1e-12)
    grid = np.linspace(0.0, A_FRAME * reach, CURVE_POINTS)
    curves = [Curve(Role.EXACT, grid, np.asarray(exact(grid)))]
    if not _same(notes, exact):
        curves.append(Curve(Role.NOTES, grid, np.asarray(notes(grid))))
    return StepPicture(curves=tuple(curves), marks=tuple(marks), curve=curve, at=a)


def _values(step: Step) -> list[tuple[Role, float, float]]:
    """The step's values (role, value, SE), formula first: the notes' only where it differs."""
    sim = step.simulated
    rows = [(Role.FORMULA, step.theory, 0.0)]
    if step.notes_value is not None:
        rows.append((Role.NOTES, step.notes_value, 0.0))
    rows.append((Role.SIMULATED, sim.value, sim.se))
    return rows


def _histogram_picture(step: Step, histogram: Histogram) -> StepPicture:
    """The simulation's draws as bars, the step's values marked above them (formula on top),
    a level each so that values in one column stay apart."""
    marks = _stacked(_values(step))
    measured = tuple(text for text in (step.simulated.observable, step.title) if text)
    return StepPicture(curves=(), marks=marks, histogram=histogram, measured=measured)


def _comparison(step: Step) -> StepPicture:
    """Formula, notes and simulation on one value axis, one row each (top to bottom)."""
    rows = _values(step)
    names = [role.value for role, _, _ in rows]
    return StepPicture(curves=(), marks=_stacked(rows), rows=tuple(reversed(names)))


def _stacked(rows: list[tuple[Role, float, float]]) -> tuple[Mark, ...]:
    """One mark a value at x, the first on the top level: y = len(rows), …, 1."""
    return tuple(
        Mark(role, value, float(len(rows) - i), x_se=se) for i, (role, value, se) in enumerate(rows)
    )
