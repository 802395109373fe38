"""Memory estimates: refuse a simulation that would not fit, and say what would."""

from __future__ import annotations

from .embeddings import BLOCK_COLUMNS
from .params import LIMITS, ParamError, Params

DEFAULT_BUDGET = 2 * 2**30
_FLOAT = 8


def simulation_bytes(params: Params) -> int:
    """Peak bytes a simulation at ``params`` allocates (a slight overestimate)."""
    D, n, z = params.D, params.samples, params.z
    gram = 2 * D * D * _FLOAT  # WWᵀ and one temporary of its size
    readouts = 3 * n * D * _FLOAT  # h, h·WWᵀ, and a gathered block
    block = 2 * D * min(params.T, BLOCK_COLUMNS) * _FLOAT
    active = 3 * n * z * _FLOAT  # sets, their sort order, the sorted copy
    neurons = 2 * params.T * _FLOAT  # the single and multi schemes' feature → neuron maps
    return gram + readouts + block + active + neurons


def size_text(nbytes: float) -> str:
    """Bytes in words a reader can act on: GB when large, else MB (never "0.0 GB")."""
    if nbytes >= 0.1 * 2**30:
        return f"{nbytes / 2**30:.3g} GB"
    return f"{max(nbytes / 2**20, 0.1):.3g} MB"


def check_budget(params: Params, budget: int = DEFAULT_BUDGET) -> None:
    """Raise :class:`ParamError` naming the field to shrink when a simulation won't fit.

    The hint names the largest share that can still be shrunk within its limits;
    when none can, it says the budget itself is too small.
    """
    needed = simulation_bytes(params)
    if needed <= budget:
        return
    D, n, z = params.D, params.samples, params.z
    shares = {"D": 2 * D * D, "samples": 3 * n * (D + z), "z": 3 * n * z, "T": 2 * params.T}
    over = f"the simulation needs about {size_text(needed)}, over the {size_text(budget)} budget"
    for field in sorted(shares, key=shares.__getitem__, reverse=True):
        fit = _largest_fitting(params, field, budget)
        if fit >= LIMITS[field][0] and fit < getattr(params, field):
            raise ParamError(field, f"{over}; use {field} ≤ {fit:,}")
    field = max(shares, key=shares.__getitem__)
    raise ParamError(field, f"{over}, and no single change fits it; raise the budget")


def _largest_fitting(params: Params, field: str, budget: int) -> int:
    low, high = 0, int(getattr(params, field))
    while low < high:
        mid = (low + high + 1) // 2
        if simulation_bytes(_with(params, field, mid)) <= budget:
            low = mid
        else:
            high = mid - 1
    return low


def _with(params: Params, field: str, value: int) -> Params:
    # Unvalidated copy: only for sizing, never computed with.
    values = {k: getattr(params, k) for k in ("T", "D", "z", "a", "samples", "seed")}
    values[field] = value
    return Params(**values)
