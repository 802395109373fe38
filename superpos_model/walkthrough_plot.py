"""What the walkthrough draws beside a step: a loss curve, or the step's numbers side by side.

Steps about the total loss or its optimum get the loss curve L(a) of their
scheme around the step's point, with the formula's, the notes' and the
simulated value marked; every other step gets its formula, notes' and
simulated values on one axis (a "forest plot"), so the gap between them can be
read against the ±SE bar.  Pure functions of a step and its parameters: the
app only draws what :func:`step_picture` returns.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from .exact import exact_quadratic
from .notes import notes_formula, notes_random_approx
from .params import Params
from .quadratic import Quadratic
from .steps import Step
from .walkthrough import readout_scale

#: Points on a curve.
CURVE_POINTS = 161
#: A curve picture spans a from 0 to this multiple of the largest a it marks, so
#: the bowl around an optimum at a ≈ D/T is visible rather than squashed against 0.
A_FRAME = 2.0
#: Headroom around everything drawn, as a fraction of its span.
PAD = 0.08


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
class StepPicture:
    """Curves and marks in one frame.

    ``rows`` names the y positions 1, 2, … of a comparison picture (its y axis
    is categorical); it is empty for a loss curve.
    """

    title: str
    x_label: str
    curves: tuple[Curve, ...]
    marks: tuple[Mark, ...]
    x_limits: tuple[float, float]
    y_limits: tuple[float, float]
    rows: tuple[str, ...] = ()


#: Step key → (scheme, which quantity of the curve the step is about, the curve its
#: formula follows).  "at_a": L at the chain's a; "argmin": a*; "minimum": L(a*).
CURVE_STEPS: dict[str, tuple[str, str, Role]] = {
    "random.total": ("random", "at_a", Role.EXACT),
    "random.approx": ("random", "at_a", Role.NOTES),
    "random.a_opt": ("random", "argmin", Role.EXACT),
    "random.mse_opt": ("random", "minimum", Role.EXACT),
    "single.total": ("single", "at_a", Role.EXACT),
    "multi.total_no_coactivation": ("multi", "at_a", Role.NOTES),
    "multi.total": ("multi", "at_a", Role.EXACT),
    "multi.a_opt": ("multi", "argmin", Role.EXACT),
    "multi.mse_opt": ("multi", "minimum", Role.EXACT),
}

LOSS_LABEL = "loss per sample, summed over T features"


def step_picture(step: Step, params: Params) -> StepPicture:
    """The picture for ``step`` at ``params`` (the parameters the step was computed at)."""
    if step.key in CURVE_STEPS:
        return _curve_picture(step, params, *CURVE_STEPS[step.key])
    return _comparison(step)


def notes_curve(scheme: str, params: Params) -> Quadratic:
    """The curve the notes work with: for random, the z ≪ T approximation they minimise."""
    if scheme == "random":
        return notes_random_approx(params)
    return notes_formula(scheme, params).curve


def _same(one: Quadratic, other: Quadratic) -> bool:
    return bool(np.allclose([one.A, one.B, one.C], [other.A, other.B, other.C], rtol=1e-12))


def _curve_picture(
    step: Step, params: Params, scheme: str, quantity: str, formula: Role
) -> StepPicture:
    exact = exact_quadratic(scheme, params)
    notes = notes_curve(scheme, params)
    # The notes' value marks the notes' curve, except where the step's formula is that curve.
    notes_mark = step.notes_value if formula is Role.EXACT else None
    sim = step.simulated
    if quantity == "at_a":
        a = readout_scale(params, scheme)
        on_formula = notes if formula is Role.NOTES else exact
        marks = [Mark(Role.FORMULA, a, float(on_formula(a)))]
        if notes_mark is not None:
            marks.append(Mark(Role.NOTES, a, notes_mark))
        marks.append(Mark(Role.SIMULATED, a, sim.value, y_se=sim.se))
        title = f"L(a) at a = {a:.4g}"
    elif quantity == "argmin":
        marks = [Mark(Role.FORMULA, step.theory, float(exact(step.theory)))]
        if notes_mark is not None:
            marks.append(Mark(Role.NOTES, notes_mark, float(notes(notes_mark))))
        marks.append(Mark(Role.SIMULATED, sim.value, float(exact(sim.value)), x_se=sim.se))
        title = "a*: where L(a) is lowest"
    else:
        marks = [Mark(Role.FORMULA, exact.argmin, step.theory)]
        if notes_mark is not None:
            marks.append(Mark(Role.NOTES, notes_formula(scheme, params).a_opt, notes_mark))
        marks.append(Mark(Role.SIMULATED, exact.argmin, sim.value, y_se=sim.se))
        title = "L(a*): the lowest loss"
    reach = max(max(m.x + m.x_se for m in marks), 1e-12)
    grid = np.linspace(0.0, A_FRAME * reach, CURVE_POINTS)
    curves = [Curve(Role.EXACT, grid, np.asarray(exact(grid)))]
    if not _same(notes, exact):
        curves.append(Curve(Role.NOTES, grid, np.asarray(notes(grid))))
    lows = [float(c.loss.min()) for c in curves] + [m.y - m.y_se for m in marks]
    highs = [float(c.loss.max()) for c in curves] + [m.y + m.y_se for m in marks]
    return StepPicture(
        title=f"{scheme}: {title}",
        x_label="readout scale a",
        curves=tuple(curves),
        marks=tuple(marks),
        x_limits=(0.0, float(grid[-1])),
        y_limits=_padded(min(lows), max(highs)),
    )


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
    low = min(m.x - m.x_se for m in marks)
    high = max(m.x + m.x_se for m in marks)
    names = [role.value for role, _, _ in rows]
    return StepPicture(
        title=" vs ".join(names) + " ± SE",
        x_label="value",
        curves=(),
        marks=marks,
        x_limits=_padded(low, high),
        y_limits=(0.5, len(rows) + 0.5),
        rows=tuple(reversed(names)),
    )


def _padded(low: float, high: float) -> tuple[float, float]:
    """[low, high] widened by PAD of its span (or of its level when it has none)."""
    span = high - low
    if span <= 0:
        span = abs(high) or 1.0
    return low - PAD * span, high + PAD * span
