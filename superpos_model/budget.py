"""Memory estimates: refuse a simulation that would not fit, and say what would."""

from __future__ import annotations

from collections.abc import Callable

from .embeddings import BLOCK_COLUMNS
from .fresh import kept_bytes
from .interference import overlaps as jl
from .params import LIMITS, ParamError, Params

DEFAULT_BUDGET = 2 * 2**30
_FLOAT = 8


def pass_bytes(T: int, D: int, rows: int, width: int) -> int:
    """Peak bytes of one column pass over ``rows`` active sets of ``width`` features each."""
    gram = 2 * D * D * _FLOAT  # WWᵀ and one temporary of its size
    readouts = 3 * rows * D * _FLOAT  # h, h·WWᵀ, and a gathered block
    block = 2 * D * min(T, BLOCK_COLUMNS) * _FLOAT
    active = 3 * rows * width * _FLOAT  # sets, their sort order, the sorted copy
    return gram + readouts + block + active


def neuron_map_bytes(T: int) -> int:
    """Bytes of the single and multi schemes' feature → neuron maps and their temporaries
    (measured: 2.14 T floats at T = 10⁷; 2.5 leaves a margin)."""
    return 5 * T * _FLOAT // 2


def simulation_bytes(params: Params) -> int:
    """Peak bytes a simulation at ``params`` allocates (an upper bound).

    The random scheme's fresh draws keep samples × (z + k) readouts for the ReLU
    readout (:func:`~superpos_model.fresh.kept_bytes`), whichever readout asked.
    """
    passes = pass_bytes(params.T, params.D, params.samples, params.z)
    return passes + kept_bytes(params) + neuron_map_bytes(params.T)


def interference_bytes(params: Params) -> int:
    """Peak bytes of the interference measurements (pairwise overlaps of the columns)."""
    T, D = params.T, params.D
    m = jl.examined_features(params)
    columns = 2 * D * m * _FLOAT  # the examined columns, and the blocks they are stacked from
    # One row block of overlaps: the block, its upper triangle, squares, binning temporaries.
    scan = 6 * min(jl.ROW_BLOCK, m) * m * _FLOAT
    whole = m < T and T * D * D <= jl.WORK
    pairs = 2 * jl.sampled_pairs(T, D) if whole else 0
    sampled = pass_bytes(T, D, pairs, 1) + 3 * pairs * _FLOAT if whole else 0
    return columns + max(scan, sampled)


def check_bytes(params: Params, interference: bool = True) -> int:
    """Peak bytes of a whole check: the simulation, then the interference measurements
    (the simulation's arrays are freed by then, all but its active sets and the fresh
    draws' readouts, which the session keeps)."""
    if not interference:
        return simulation_bytes(params)
    kept = params.samples * params.z * _FLOAT + kept_bytes(params)
    return max(simulation_bytes(params), kept + interference_bytes(params))


def walkthrough_bytes(params: Params) -> int:
    """Peak bytes of the walkthrough: a check plus what its own passes hold beside it.

    Half a D×D Gram matrix covers the 2.28 GB measured at D = 9755 (2.0 GB for the
    check alone); :mod:`tests.model.test_robust_memory` measures smaller cases.
    """
    return check_bytes(params) + params.D * params.D * _FLOAT // 2


def size_text(nbytes: float) -> str:
    """Bytes in words a reader can act on: GB when large, else MB (never "0.0 GB")."""
    if nbytes >= 0.1 * 2**30:
        return f"{nbytes / 2**30:.3g} GB"
    return f"{max(nbytes / 2**20, 0.1):.3g} MB"


#: What a budget is checked for, and the peak bytes each needs.
WORKS: dict[str, Callable[[Params], int]] = {
    "simulation": simulation_bytes,
    "check": check_bytes,
    "walkthrough": walkthrough_bytes,
}


def check_budget(params: Params, budget: int = DEFAULT_BUDGET, work: str = "check") -> None:
    """Raise :class:`ParamError` naming the field to shrink when ``work`` won't fit.

    ``work`` is one of :data:`WORKS`.  The hint names the largest share that can
    still be shrunk within its limits; when none can, it says the budget itself
    is too small.
    """
    size = WORKS[work]
    needed = size(params)
    if needed <= budget:
        return
    D, n, z = params.D, params.samples, params.z
    shares = {"D": 2 * D * D, "samples": 3 * n * (D + z), "z": 3 * n * z, "T": 2 * params.T}
    over = f"the {work} needs about {size_text(needed)}, over the {size_text(budget)} budget"
    for field in sorted(shares, key=shares.__getitem__, reverse=True):
        fit = _largest_fitting(params, field, budget, size)
        if fit >= LIMITS[field][0] and fit < getattr(params, field):
            raise ParamError(field, f"{over}; use {field} ≤ {fit:,}")
    field = max(shares, key=shares.__getitem__)
    raise ParamError(field, f"{over}, and no single change fits it; raise the budget")


def _largest_fitting(params: Params, field: str, budget: int, size: Callable[[Params], int]) -> int:
    low, high = 0, int(getattr(params, field))
    while low < high:
        mid = (low + high + 1) // 2
        if size(_with(params, field, mid)) <= budget:
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
#: Operations to draw one inactive column's component along a readout (a normal and a χ²).
INACTIVE_OPERATIONS = 40


def simulation_seconds(params: Params) -> float:
    """Rough wall-clock seconds the check's simulations take at ``params`` (errs long).

    The random scheme dominates: every sample draws its z active columns (z·D) and
    their Gram (z²·D), and m inactive columns' components along the readout, a few
    dozen operations each (:mod:`.fresh`); the axis schemes cost samples·z each.
    """
    from .fresh import inactive_columns

    D, z, n = params.D, params.z, params.samples
    work = n * (z * D + z * z * D + INACTIVE_OPERATIONS * inactive_columns(params)) + 2 * n * z
    return work / MULTIPLY_ADDS_PER_SECOND
