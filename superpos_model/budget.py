"""Memory estimates: refuse a simulation that would not fit, and say what would."""

from __future__ import annotations

from .embeddings import BLOCK_COLUMNS
from .params import ParamError, Params
from .simulate import random_embeddings

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


def check_budget(params: Params, budget: int = DEFAULT_BUDGET) -> None:
    """Raise :class:`ParamError` naming the field to shrink when a simulation won't fit."""
    needed = simulation_bytes(params)
    if needed <= budget:
        return
    D, n, z = params.D, params.samples, params.z
    shares = {"D": 2 * D * D, "samples": 3 * n * (D + z), "z": 3 * n * z, "T": 2 * params.T}
    field = max(shares, key=lambda name: shares[name])
    fit = _largest_fitting(params, field, budget)
    hint = f"use {field} ≤ {fit:,}" if fit else f"reduce {field}"
    raise ParamError(
        field,
        f"the simulation needs about {needed / 2**30:.1f} GB, over the "
        f"{budget / 2**30:.3g} GB budget; {hint}",
    )


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


#: Multiply-adds per second of the simulations on a modest, shared machine (check runs of
#: 4–9 s on two loaded cores gave 5e8 to 2e9); the low end, so the estimate errs long.
MULTIPLY_ADDS_PER_SECOND = 5e8


def simulation_seconds(params: Params) -> float:
    """Rough wall-clock seconds the check's simulations take at ``params`` (errs long).

    The random scheme dominates: for each of its embeddings, the Gram WWᵀ (T·D²
    multiply-adds), every sample's readout through it (samples·D²) and the
    gathered active columns (samples·z·D); the axis schemes cost samples·z each.
    """
    T, D, z, n = params.T, params.D, params.z, params.samples
    per_embedding = T * D * D + n * D * D + n * z * D
    work = random_embeddings(params) * per_embedding + 2 * n * z
    return work / MULTIPLY_ADDS_PER_SECOND
