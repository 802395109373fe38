"""The walkthrough as one JSON object (``walkthrough --json``; keys in docs/json.md)."""

from __future__ import annotations

import math
from typing import Any

from ..params import Params
from ..steps import Step


def _finite(x: float | None) -> float | None:
    """``x`` as a JSON number, None when it is missing or not finite (NaN, ±inf)."""
    return None if x is None or not math.isfinite(x) else float(x)


def step_json(step: Step) -> dict[str, Any]:
    """One step: what it says, its theory and notes' values, the simulation and the verdict."""
    return {
        "chain": step.chain,
        "key": step.key,
        "title": step.title,
        "formula": step.formula,
        "theory": _finite(step.theory),
        "notes": _finite(step.notes_value),
        "simulated": _finite(step.simulated.value),
        "se": _finite(step.simulated.se),
        "exact": step.simulated.exact,
        "verdict": str(step.verdict),
        "reason": step.reason,
    }


def walkthrough_json(params: Params, steps: list[Step]) -> dict[str, Any]:
    """``{"params", "steps": [...]}`` for the steps of one walkthrough run."""
    p = params
    return {
        "params": {"T": p.T, "D": p.D, "z": p.z, "a": p.a, "samples": p.samples, "seed": p.seed},
        "steps": [step_json(step) for step in steps],
    }
