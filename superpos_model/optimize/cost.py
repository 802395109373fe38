"""What a training run costs, and refusing one that would not fit.

Memory is checked against the same budget as a simulation (:mod:`budget`);
time is estimated in multiply-adds and refused above :data:`WORK_LIMIT`, with
the largest D (or number of steps) that would fit, so the message says what to
do, not only what went wrong.
"""

from __future__ import annotations

from collections.abc import Callable

from ..budget import DEFAULT_BUDGET
from ..params import ParamError, Params
from .linear import LBFGS_MEMORY
from .relu import CHUNK_FLOATS, DEFAULT_SETTINGS, ReluSettings

#: Multiply-adds a run may take: minutes on one core of a loaded machine.
WORK_LIMIT = 2e12
#: Objective evaluations per L-BFGS iteration, an allowance for its line search.
EVALUATIONS_PER_STEP = 1.5
_FLOAT = 8

READOUTS = ("linear", "relu")


def linear_cost(T: int, D: int, steps: int) -> tuple[float, int]:
    """(multiply-adds, peak bytes) of :func:`train_linear`.

    Each evaluation forms WWᵀ and (WWᵀ)W, 2·T·D² multiply-adds; L-BFGS keeps
    2·LBFGS_MEMORY copies of W besides W, its gradient and a few temporaries.
    """
    work = EVALUATIONS_PER_STEP * (steps + 1) * 2.0 * T * D * D
    memory = (2 * LBFGS_MEMORY + 8) * T * D * _FLOAT + 4 * D * D * _FLOAT
    return work, memory


def relu_cost(
    T: int, D: int, steps: int, samples: int, settings: ReluSettings
) -> tuple[float, int]:
    """(multiply-adds, peak bytes) of :func:`train_relu` with its two held-out estimates."""
    per_sample = settings.batch * (settings.negatives + 2 * 3) * D  # forward + two backward
    work = steps * per_sample * 3.0 + 2 * samples * 2.0 * T * D
    batch = settings.batch * (settings.negatives + 8) * D * 6
    held_out = 4 * max(T, CHUNK_FLOATS) + 4 * samples * 3
    memory = (6 * T * D + batch + held_out) * _FLOAT
    return work, memory


def check_cost(
    params: Params,
    readout: str,
    steps: int,
    budget: int = DEFAULT_BUDGET,
    settings: ReluSettings = DEFAULT_SETTINGS,
) -> None:
    """Raise :class:`ParamError` naming what to shrink when a run is too slow or too big."""

    def cost(D: int, n: int) -> tuple[float, int]:
        if readout == "linear":
            return linear_cost(params.T, D, n)
        return relu_cost(params.T, D, n, params.samples, settings)

    work, memory = cost(params.D, steps)
    if memory > budget:
        fit = _largest(lambda D: cost(D, steps)[1] <= budget, params.D)
        raise ParamError(
            "D",
            f"training needs about {memory / 2**30:.1f} GB, over the {budget / 2**30:.3g} GB "
            f"budget; {_hint('D', fit)}",
        )
    if work > WORK_LIMIT:
        fit_D = _largest(lambda D: cost(D, steps)[0] <= WORK_LIMIT, params.D)
        fit_steps = _largest(lambda n: cost(params.D, n)[0] <= WORK_LIMIT, steps)
        raise ParamError(
            "D",
            f"training would take about {work:.2g} multiply-adds, over the limit of "
            f"{WORK_LIMIT:.0e}; {_hint('D', fit_D)} or {_hint('steps', fit_steps)}",
        )


def _hint(field: str, fit: int) -> str:
    return f"use {field} ≤ {fit:,}" if fit >= 1 else f"reduce {field}"


def _largest(fits: Callable[[int], bool], high: int) -> int:
    """The largest value in [0, high] that fits (fitting is monotone); 0 if none."""
    low = 0
    while low < high:
        mid = (low + high + 1) // 2
        if fits(mid):
            low = mid
        else:
            high = mid - 1
    return low
