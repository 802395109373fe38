"""What the walkthrough draws beside a step: a loss curve, or the step's numbers side by side.

Steps about the total loss or its optimum get the loss curve L(a) of their
scheme around the step's point, with the formula's, the notes' and the
simulated value marked; every other step gets its formula, notes' and
simulated values on one axis (a "forest plot"), so the gap between them can be
read against the ±SE bar.  Pure functions of a step and its parameters; the
app titles and frames what :func:`step_picture` returns.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from ..exact import exact_quadratic
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
    """Curves and marks in one frame.

    A loss-curve picture has its ``curve`` (scheme and quantity) and, for
    :attr:`Quantity.AT_A`, the readout scale ``at``.  A comparison picture has
    ``rows``: the names of the y positions 1, 2, … (its y axis is categorical).
    """

    curves: tuple[Curve, ...]
    marks: tuple[Mark, ...]
    rows: tuple[str, ...] = ()
    curve: CurveStep | None = None
    at: float | None = None


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


def _comparison(step: Step) -> StepPicture:
    """Formula, notes and simulation on one value axis, one row each (top to bottom)."""
    sim = step.simulated
    rows = [(Role.FORMULA, step.theory, 0.0)]
    if step.notes_value is not None:
        rows.append((Role.NOTES, step.notes_value, 0.0))
    rows.append((Role.SIMULATED, sim.value, sim.se))
    marks = tuple(
        Mark(role, value, float(len(rows) - i), x_se=se) for i, (role, value, se) in enumerate(rows)
    )
    names = [role.value for role, _, _ in rows]
    return StepPicture(curves=(), marks=marks, rows=tuple(reversed(names)))
