"""Sweeps and phase diagrams as JSON-ready dicts and CSV rows (one shape for every caller)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from ..params import Params
from ..readout import FREE_BIAS
from ..schemes import SCHEMES
from .crossings import Crossing
from .line import SweepResult
from .phase import PhaseDiagram
from .points import Point


def _number(value: float | None) -> float | None:
    """JSON has no NaN or infinity: both become null (an infinite factor: a winner's loss of 0)."""
    if value is None or not math.isfinite(value):
        return None
    return value


def _b_min(b_min: float) -> float | None:
    """The least bias of the ReLU optima as JSON: null when b was free."""
    return None if b_min == FREE_BIAS else b_min


def params_json(p: Params, varied: tuple[str, ...] = ()) -> dict:
    """The fixed parameters; a varied field (T for a T/D axis) reads null."""
    out = {"T": p.T, "D": p.D, "z": p.z, "a": p.a, "samples": p.samples, "seed": p.seed}
    for axis in varied:
        out["T" if axis == "T/D" else axis] = None
    return out


def point_json(point: Point, field: str | None = None) -> dict:
    """One point: its T, D, z, each scheme's loss, winners, runner-up, factor, simulation, error."""
    p, s = point.params, point.standing
    out: dict = {"readout": point.readout}
    if field is not None:
        out["value"] = getattr(p, field)
    out.update({"T": p.T, "D": p.D, "z": p.z})
    out["losses"] = None if s is None else {name: s.losses[name] for name in SCHEMES}
    out["winners"] = None if s is None else list(s.winners)
    out["tie"] = None if s is None else s.tie
    out["runner_up"] = None if s is None else s.runner_up
    out["factor"] = None if s is None else _number(s.factor)
    if point.simulated is not None or point.simulation_error is not None:
        out["simulated"] = point.simulated and {
            name: {"loss": _number(v.loss), "se": _number(v.se)}
            for name, v in point.simulated.items()
        }
        out["simulation_error"] = point.simulation_error
    out["error"] = point.error
    return out


def crossing_json(crossing: Crossing) -> dict:
    return {
        "readout": crossing.readout,
        "field": crossing.field,
        "below": point_json(crossing.below, crossing.field),
        "above": point_json(crossing.above, crossing.field),
    }


def sweep_json(result: SweepResult) -> dict:
    """The object ``superpos-tui sweep --json`` prints."""
    return {
        "params": params_json(result.base, (result.field,)),
        "vary": result.field,
        "values": list(result.values),
        "readouts": list(result.readouts),
        "simulated": result.simulated,
        "tie_rel_tol": result.tie_rel_tol,
        "b_min": _b_min(result.b_min),
        "points": [point_json(p, result.field) for p in result.points],
        "crossings": [crossing_json(c) for c in result.crossings],
        "crossing_errors": list(result.crossing_errors),
    }


SWEEP_CSV_HEAD = ("kind", "readout", "vary", "value", "T", "D", "z")


def sweep_csv(result: SweepResult) -> list[list[object]]:
    """Header and rows: every grid point (kind "point"), then both sides of each crossing
    (kind "below" and "above", adjacent integers)."""
    sim = [f"{kind}_{name}" for name in SCHEMES for kind in ("simulated", "se")]
    head: list[object] = [
        *SWEEP_CSV_HEAD,
        *(f"loss_{name}" for name in SCHEMES),
        "winners",
        "runner_up",
        "factor",
        *(sim if result.simulated else []),
        "error",
        *(["simulation_error"] if result.simulated else []),
    ]
    rows: list[list[object]] = [head]
    tagged = [("point", p) for p in result.points]
    for c in result.crossings:
        tagged += [("below", c.below), ("above", c.above)]
    for kind, point in tagged:
        rows.append(_csv_row(kind, point, result.field, result.simulated))
    return rows


def _csv_row(kind: str, point: Point, field: str, simulated: bool) -> list[object]:
    j = point_json(point, field)
    losses = j["losses"] or {}
    row: list[object] = [kind, j["readout"], field, j["value"], j["T"], j["D"], j["z"]]
    row += [_blank(losses.get(name)) for name in SCHEMES]
    row += ["=".join(j["winners"] or []), _blank(j["runner_up"]), _blank(j["factor"])]
    sims = j.get("simulated") or {}
    if simulated:
        for name in SCHEMES:
            value = sims.get(name, {})
            row += [_blank(value.get("loss")), _blank(value.get("se"))]
    row.append(_blank(j["error"]))
    if simulated:
        row.append(_blank(j.get("simulation_error")))
    return row


def _blank(value: object) -> object:
    return "" if value is None else repr(value) if isinstance(value, float) else value


def phase_json(diagrams: Sequence[PhaseDiagram]) -> dict:
    """The object ``superpos-tui sweep --vary2 … --json`` prints (arrays indexed [y][x])."""
    first = diagrams[0]
    return {
        "params": params_json(first.base, (first.x, first.y)),
        "x": {"axis": first.x, "values": list(first.x_values)},
        "y": {"axis": first.y, "values": list(first.y_values)},
        "schemes": list(first.schemes),
        "tie_rel_tol": first.tie_rel_tol,
        "b_min": _b_min(first.b_min),
        "diagrams": {d.readout: _diagram_json(d) for d in diagrams},
    }


def _diagram_json(d: PhaseDiagram) -> dict:
    def cell(point: Point, key: str) -> object:
        return point_json(point)[key]

    return {
        "winners": [[cell(p, "winners") for p in row] for row in d.points],
        "factor": [[cell(p, "factor") for p in row] for row in d.points],
        "losses": {
            name: [[_number(v) for v in row] for row in d.losses[:, :, k]]
            for k, name in enumerate(d.schemes)
        },
        "cells": [
            [{"T": p.params.T, "D": p.params.D, "z": p.params.z} for p in row] for row in d.points
        ],
        "errors": [
            {"x": d.x_values[j], "y": d.y_values[i], "error": message} for i, j, message in d.errors
        ],
    }


def phase_csv(diagrams: Sequence[PhaseDiagram]) -> list[list[object]]:
    """Header and one row per readout and cell."""
    first = diagrams[0]
    head: list[object] = [
        "readout",
        "x_axis",
        "x",
        "y_axis",
        "y",
        "T",
        "D",
        "z",
        *(f"loss_{name}" for name in first.schemes),
        "winners",
        "factor",
        "error",
    ]
    rows: list[list[object]] = [head]
    for d in diagrams:
        for i, row in enumerate(d.points):
            for j, point in enumerate(row):
                j_ = point_json(point)
                losses = j_["losses"] or {}
                rows.append(
                    [
                        d.readout,
                        d.x,
                        d.x_values[j],
                        d.y,
                        d.y_values[i],
                        j_["T"],
                        j_["D"],
                        j_["z"],
                        *(_blank(losses.get(name)) for name in first.schemes),
                        "=".join(j_["winners"] or []),
                        _blank(j_["factor"]),
                        _blank(j_["error"]),
                    ]
                )
    return rows
