"""The values a sweep visits: parsing, limits, and the parameters at each point.

An axis is one of the integer fields z, D, T, or the ratio T/D (phase diagrams
only), whose value r sets T = r·D and must give a whole T.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from ..params import LIMITS, ParamError, Params, echo, parse_value, read_number, read_whole

#: Fields a one-parameter sweep can vary.
SWEEP_FIELDS = ("z", "D", "T")
#: Axes of a phase diagram: the fields, or the ratio T/D at the other axis's D.
PHASE_AXES = (*SWEEP_FIELDS, "T/D")
#: Most values on one axis …
MAX_VALUES = 1000
#: … and most cells of a phase diagram.
MAX_CELLS = 10_000

#: The largest ratio T/D: the most features over the fewest neurons (a larger one, times
#: any D, is no valid T, and 1e308 × D would overflow).
MAX_RATIO = int(LIMITS["T"][1] // LIMITS["D"][0])

Value = int | float


#: How a range reads: ``lo..hi`` (every whole number), ``lo..hi x N`` (N values evenly
#: spaced) or ``lo..hi x N log`` (N values evenly spaced on a log scale).
RANGE_SYNTAX = "lo..hi, lo..hi x N or lo..hi x N log"
_COUNT = re.compile(r"^(?P<hi>[^\sx×]+)\s*(?:[x×]\s*(?P<n>[^\sl]+)\s*(?P<log>log)?)?$")


def parse_values(axis: str, text: str, option: str = "values") -> tuple[Value, ...]:
    """Comma-separated values or ranges of ``axis`` (whole numbers; positive numbers for T/D).

    Each item is a value or a range (see :data:`RANGE_SYNTAX`): ``1..8`` is
    1, 2, …, 8; ``1..233 x12`` twelve values from 1 to 233 evenly spaced and
    ``1..233 x12 log`` evenly spaced in log, both rounded to whole numbers (T/D:
    to 3 significant digits) with repeats dropped.  Raises ParamError naming
    ``option`` for an empty, malformed or over-long list and for values not in
    increasing order, and the axis's field for a value that is not a number of
    the right kind.
    """
    items = [item.strip() for item in text.split(",")]
    if not text.strip() or any(item == "" for item in items):
        raise ParamError(
            option, f"needs 1 to {MAX_VALUES} comma-separated values of {axis} or {RANGE_SYNTAX}"
        )
    values: list[Value] = []
    for position, item in enumerate(items, start=1):
        if ".." in item:
            values += _parse_range(axis, item, position, option)
        else:
            values.append(_parse_one(axis, item, position))
    if len(values) > MAX_VALUES:
        raise ParamError(option, f"has {len(values):,} values; use 1 to {MAX_VALUES:,}")
    check_increasing(values, option)
    return tuple(values)


def _parse_range(axis: str, item: str, position: int, option: str) -> list[Value]:
    low_text, _, rest = item.partition("..")
    match = _COUNT.match(rest.strip())
    if match is None or ".." in rest:
        raise ParamError(option, f"item {position}: {item!r} is not {RANGE_SYNTAX}")
    low = _parse_one(axis, low_text.strip(), position)
    high = _parse_one(axis, match["hi"], position)
    if high <= low:
        raise ParamError(
            option, f"item {position}: {item!r} must go up; {high:g} is not above {low:g}"
        )
    if match["n"] is None:
        if axis == "T/D" and not (float(low).is_integer() and float(high).is_integer()):
            raise ParamError(option, f"item {position}: {item!r} needs x N between non-integers")
        count = int(high) - int(low) + 1
        if count > MAX_VALUES:
            raise ParamError(
                option,
                f"item {position}: {item!r} has {count:,} values; use x N (N ≤ {MAX_VALUES:,})",
            )
        numbers = np.arange(int(low), int(high) + 1, dtype=float)
    else:
        try:
            count = read_whole(option, match["n"], 2, MAX_VALUES)
        except ParamError:
            raise ParamError(
                option, f"item {position}: x {match['n']} is not a count from 2 to {MAX_VALUES:,}"
            ) from None
        if match["log"] and not low > 0:
            raise ParamError(option, f"item {position}: a log range starts above 0, not at {low:g}")
        spaced = np.geomspace if match["log"] else np.linspace
        numbers = spaced(float(low), float(high), count)
    if axis == "T/D":
        rounded = [float(f"{v:.3g}") for v in numbers]
    else:
        rounded = [int(v) for v in np.rint(numbers)]
    return list(dict.fromkeys(rounded))


def _parse_one(axis: str, item: str, position: int) -> Value:
    if axis != "T/D":
        try:
            value = parse_value(axis, item)
        except ParamError as error:
            raise ParamError(axis, f"value {position}: {_message(error)}") from None
        assert isinstance(value, int)
        return value
    allowed = f"a number above 0, at most {MAX_RATIO:,}"
    try:
        ratio = read_number("T/D", item, allowed)
    except ParamError as error:
        raise ParamError("T/D", f"value {position}: {_message(error)}") from None
    value = float(ratio)  # a ratio too small for a float is 0 here, and refused
    if not 0 < value <= MAX_RATIO:
        raise ParamError("T/D", f"value {position}: {echo(item)} is out of range; use {allowed}")
    return value


def check_increasing(values: Sequence[Value], option: str = "values") -> None:
    """Raise ParamError unless ``values`` increase strictly (crossings lie between neighbours)."""
    for position in range(1, len(values)):
        if values[position] <= values[position - 1]:
            raise ParamError(
                option,
                f"must increase strictly; value {position + 1} ({values[position]:g}) "
                f"follows {values[position - 1]:g}",
            )


def _message(error: ParamError) -> str:
    return str(error).removeprefix(f"{error.field}: ")


def at(base: Params, settings: Sequence[tuple[str, Value]]) -> Params:
    """``base`` with each (axis, value) applied; T/D last, so it uses the D of its point."""
    integers = {axis: value for axis, value in settings if axis != "T/D"}
    for axis, ratio in settings:
        if axis == "T/D":
            D = int(integers.get("D", base.D))
            T = ratio * D
            if abs(T - round(T)) > 1e-9 * T:
                raise ParamError("T/D", f"{ratio:g} × D = {T:g} is not a whole number of features")
            integers["T"] = round(T)
    return base.replace(**integers)


def point_params(base: Params, axis: str, values: Sequence[Value]) -> list[Params]:
    """The parameters at each value of ``axis``; ParamError names the first bad point."""
    out = []
    for position, value in enumerate(values, start=1):
        try:
            out.append(at(base, [(axis, value)]))
        except ParamError as error:
            raise ParamError(
                error.field, f"at point {position} ({axis} = {value:g}): {_message(error)}"
            ) from None
    return out


def cell_params(
    base: Params, x: str, xs: Sequence[Value], y: str, ys: Sequence[Value]
) -> list[list[Params]]:
    """Parameters per cell, rows along ``y``; ParamError names the first bad cell."""
    if x == y or {x, y} == {"T", "T/D"}:
        raise ParamError("vary2", f"{y} cannot be swept against {x}; choose another pair")
    if len(xs) * len(ys) > MAX_CELLS:
        raise ParamError(
            "values2", f"{len(xs)} × {len(ys)} cells is over {MAX_CELLS:,}; use fewer values"
        )
    rows = []
    for yv in ys:
        row = []
        for xv in xs:
            try:
                row.append(at(base, [(x, xv), (y, yv)]))
            except ParamError as error:
                raise ParamError(
                    error.field, f"at cell {x} = {xv:g}, {y} = {yv:g}: {_message(error)}"
                ) from None
        rows.append(row)
    return rows
