"""The values a sweep visits: parsing, limits, and the parameters at each point.

An axis is one of the integer fields z, D, T, or the ratio T/D (phase diagrams
only), whose value r sets T = r·D and must give a whole T.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ..params import ParamError, Params, parse_value

#: Fields a one-parameter sweep can vary.
SWEEP_FIELDS = ("z", "D", "T")
#: Axes of a phase diagram: the fields, or the ratio T/D at the other axis's D.
PHASE_AXES = (*SWEEP_FIELDS, "T/D")
#: Most values on one axis …
MAX_VALUES = 1000
#: … and most cells of a phase diagram.
MAX_CELLS = 10_000

Value = int | float


def parse_values(axis: str, text: str, option: str = "values") -> tuple[Value, ...]:
    """Comma-separated values of ``axis`` (whole numbers; positive numbers for T/D).

    Raises ParamError naming ``option`` for an empty or over-long list and for
    values not in increasing order, and the axis's field for a value that is not
    a number of the right kind.
    """
    items = [item.strip() for item in text.split(",")]
    if not text.strip() or any(item == "" for item in items):
        raise ParamError(option, f"needs 1 to {MAX_VALUES} comma-separated values of {axis}")
    if len(items) > MAX_VALUES:
        raise ParamError(option, f"has {len(items):,} values; use 1 to {MAX_VALUES:,}")
    values = tuple(_parse_one(axis, item, i) for i, item in enumerate(items, start=1))
    check_increasing(values, option)
    return values


def _parse_one(axis: str, item: str, position: int) -> Value:
    if axis != "T/D":
        try:
            value = parse_value(axis, item)
        except ParamError as error:
            raise ParamError(axis, f"value {position}: {_message(error)}") from None
        assert isinstance(value, int)
        return value
    try:
        ratio = float(item)
    except ValueError:
        ratio = math.nan
    if not (math.isfinite(ratio) and ratio > 0):
        raise ParamError("T/D", f"value {position}: {item!r} is not a number above 0")
    return ratio


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
