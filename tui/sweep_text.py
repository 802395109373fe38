"""Sweeps and phase diagrams as plain text: tables, crossings, and a character grid."""

from __future__ import annotations

from superpos_model.estimate import ROUNDOFF
from superpos_model.params import Params
from superpos_model.readout import bias_range
from superpos_model.schemes import SCHEMES
from superpos_model.sweep import (
    TIE_ULPS,
    Crossing,
    PhaseDiagram,
    Point,
    Standing,
    SweepResult,
)
from superpos_model.views.sweep import LEGEND, LETTERS, phase_rows

from .format import number, with_se

COLUMN = 11


def _fixed(base: Params, varied: set[str]) -> str:
    parts = [f"{name} = {getattr(base, name):,}" for name in ("T", "D", "z") if name not in varied]
    return ", ".join(parts)


def ties_note(tol: float) -> str:
    """What counts as a tie, in one line."""
    return (
        f"ties: losses within {TIE_ULPS} units in the last place (relative {tol:.1e}), or "
        f"both 0 up to round-off ({ROUNDOFF:g}), are ties, not wins; no factor over a loss of 0"
    )


def _factor(s: Standing) -> str:
    if s.runner_up is None:
        return "—"
    if s.factor is None:
        return f"— ({s.runner_up}; the winner's loss is 0)"
    return f"{number(s.factor, 4)}× ({s.runner_up})"


def render_sweep(result: SweepResult) -> str:
    """Per readout: a table of optimal losses with the winner, then the crossings."""
    field = result.field
    lines = [
        f"sweep of {field} at {_fixed(result.base, {field})}: each scheme's optimal loss "
        "per sample (exact)",
    ]
    for readout in result.readouts:
        lines += ["", f"{readout} readout", _header(field)]
        rows = result.rows(readout)
        lines += [_row(field, p) for p in rows]
        if result.simulated:
            lines += ["", f"{readout} readout, simulated optimal loss ± SE"]
            lines.append(f"{field:>8}" + "".join(f"{name:>20}" for name in SCHEMES))
            lines += [_simulated_row(field, p) for p in rows]
        lines += ["", *crossing_lines(readout, field, result)]
    lines += ["", ties_note(result.tie_rel_tol)]
    if "relu" in result.readouts:
        lines.append(f"relu readout: each optimum over a ≥ 0 and {bias_range(result.b_min)}")
    return "\n".join(lines)


def _header(field: str) -> str:
    names = "".join(f"{name:>{COLUMN}}" for name in SCHEMES)
    return f"{field:>8}{names}  {'winner':20}runner-up ÷ winner"


def _row(field: str, point: Point) -> str:
    value = f"{getattr(point.params, field):>8,}"
    s = point.standing
    if s is None:
        return f"{value}  error: {point.error}"
    losses = "".join(f"{number(s.losses[name]):>{COLUMN}}" for name in SCHEMES)
    winner = "all tie" if s.runner_up is None else s.label + (" (tie)" if s.tie else "")
    return f"{value}{losses}  {winner:20}{_factor(s)}"


def _simulated_row(field: str, point: Point) -> str:
    value = f"{getattr(point.params, field):>8,}"
    if point.simulated is None:
        return f"{value}  error: {point.error or point.simulation_error}"
    cells = "".join(
        f"{with_se(point.simulated[name].loss, point.simulated[name].se):>20}" for name in SCHEMES
    )
    return value + cells


def crossing_lines(readout: str, field: str, result: SweepResult) -> list[str]:
    """The crossings of one readout, each with both sides' losses (or why there are none)."""
    crossings = result.crossings_of(readout)
    good = [p.standing for p in result.rows(readout) if p.standing is not None]
    if not crossings:
        if not good:
            return [f"no crossing: no point of the {readout} readout was computed"]
        labels = sorted({s.label for s in good})
        return [f"no crossing between the values given: {' / '.join(labels)} throughout"]
    lines = [f"crossings ({readout} readout): the winner changes between adjacent integers"]
    for c in crossings:
        lines += _crossing(c, field)
    lines += [f"  error {message}" for message in result.crossing_errors]
    return lines


def crossing_line(c: Crossing, field: str) -> str:
    """'z = 12 → 13: multi → random': where the winner changes, from whom to whom."""
    below, above = c.below.standing, c.above.standing
    assert below is not None and above is not None
    lo, hi = getattr(c.below.params, field), getattr(c.above.params, field)
    return f"{field} = {lo:,} → {hi:,}: {below.label} → {above.label}"


def _crossing(c: Crossing, field: str) -> list[str]:
    below, above = c.below.standing, c.above.standing
    assert below is not None and above is not None
    lo, hi = getattr(c.below.params, field), getattr(c.above.params, field)
    lines = [f"  {crossing_line(c, field)}"]
    for value, s in ((lo, below), (hi, above)):
        losses = ", ".join(f"{name} {number(s.losses[name])}" for name in SCHEMES)
        lines.append(f"      {field} = {value:,}: {losses}")
    return lines


def point_line(point: Point) -> str:
    """One readout's numbers at one point on one line: every loss (by letter), the winner
    and how many times worse the runner-up is."""
    if point.standing is None:
        return f"{point.readout}  error: {point.error}"
    s = point.standing
    losses = "  ".join(f"{LETTERS[name]} {number(s.losses[name])}" for name in SCHEMES)
    if s.factor is None:
        verdict = f"all tie ({s.label})"
    else:
        verdict = f"{s.label}{' tie' if s.tie else ' wins'}, {s.runner_up} ×{number(s.factor, 4)}"
    return f"{point.readout}  {losses}  → {verdict}"


def label(value: float) -> str:
    """An axis value as the grid writes it."""
    return f"{value:g}" if isinstance(value, float) else f"{value}"


def grid_lines(d: PhaseDiagram) -> tuple[list[str], int]:
    """The grid as drawn: a row per y value (largest at the top) under the y axis's name,
    the x axis with its values written downwards and its name; and the column where the
    first cell starts.  Cell (i, j) starts at line ``len(y_values) − i``, column
    ``start + 3·j``."""
    ys = [label(v) for v in d.y_values]
    width = max(len(d.y), *map(len, ys))
    start = width + 3
    lines = [f"{d.y:>{width}} ↑"]
    rows = phase_rows(d)
    for name, row in zip(reversed(ys), rows, strict=True):
        cells = "".join(f"{mark:3}" for mark in row)
        lines.append(f"{name:>{width}} | {cells}".rstrip())
    lines.append(" " * width + " +" + "-" * (3 * len(d.x_values)))
    xs = [label(v) for v in d.x_values]
    height = max(map(len, xs))
    for k in range(height):  # the x values written downwards, one column per cell
        chars = "".join(f"{x.rjust(height)[k]:3}" for x in xs)
        lines.append(" " * start + chars.rstrip())
    lines.append(" " * start + f"{d.x} →")
    return lines, start


def phase_heading(d: PhaseDiagram) -> str:
    """What a diagram shows and at which fixed parameters."""
    varied = {d.x, d.y} | ({"T"} if "T/D" in (d.x, d.y) else set())  # T/D sets T
    return (
        f"phase diagram, {d.readout} readout: winner by optimal loss (exact), "
        f"{_fixed(d.base, varied)} fixed"
    )


def render_phase(d: PhaseDiagram) -> str:
    """The winner per cell as letters (largest y at the top), a margin shade, and a legend."""
    lines = [phase_heading(d), *grid_lines(d)[0], "", *LEGEND, ties_note(d.tie_rel_tol)]
    lines += [
        f"failed at {d.x} = {label(d.x_values[j])}, {d.y} = {label(d.y_values[i])}: {message}"
        for i, j, message in d.errors
    ]
    return "\n".join(lines)
