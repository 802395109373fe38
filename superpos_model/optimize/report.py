"""One training run and its summary: what the command line prints and the app shows."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, replace

import numpy as np

from ..budget import DEFAULT_BUDGET
from ..monitor import SILENT, Monitor
from ..params import ParamError, Params
from .baselines import Baselines
from .baselines import baselines as scheme_baselines
from .cost import READOUTS, check_cost
from .linear import rank_bound, train_linear
from .measures import EmbeddingMeasures, measurements
from .relu import DEFAULT_SETTINGS, QUICK_SETTINGS, train_relu

#: Default steps: L-BFGS usually stops far earlier; Adam needs many small steps.
DEFAULT_STEPS = {"linear": 500, "relu": DEFAULT_SETTINGS.steps}
STEPS_RANGE = (1, 100_000)


@dataclass(frozen=True, eq=False)
class OptimizeReport:
    """A trained readout with its losses, baselines and measurements.

    Losses are exact expectations for the linear readout (``se`` is None) and
    held-out Monte Carlo means ± ``se`` for the ReLU one.
    """

    params: Params
    readout: str
    steps: int
    quick: bool
    W: np.ndarray
    a: float
    b: float
    start_loss: float
    start_se: float | None
    loss: float
    se: float | None
    bound: float | None
    baselines: Baselines
    measures: EmbeddingMeasures
    history: tuple[tuple[int, float], ...]
    cancelled: bool

    def to_json(self) -> dict[str, object]:
        """The JSON object of ``superpos-tui optimize --json``."""
        final: dict[str, float] = {"loss": self.loss, "a": self.a, "b": self.b}
        start: dict[str, float] = {"loss": self.start_loss}
        if self.se is not None and self.start_se is not None:
            final["se"], start["se"] = self.se, self.start_se
        m = self.measures
        out: dict[str, object] = {
            "params": asdict(self.params),
            "readout": self.readout,
            "steps": self.steps,
            "start": start,
            "final": final,
            "bound": self.bound,
            "baselines": self.baselines,
            "embedding": {
                "max_overlap": m.max_overlap,
                "rms_overlap": m.rms_overlap,
                "welch_bound": m.welch_bound,
                "tight_frame_residual": m.tight_frame_residual,
                "norm_min": m.norm_min,
                "norm_max": m.norm_max,
            },
            "history": [[step, loss] for step, loss in self.history],
        }
        if self.quick:
            out["preset"] = "quick"  # only then: the full run's keys stay as they were
        if self.cancelled:
            out["interrupted"] = True
        return out


def check_steps(steps: int) -> None:
    """Raise :class:`ParamError` unless ``steps`` is in :data:`STEPS_RANGE`."""
    low, high = STEPS_RANGE
    if not low <= steps <= high:
        raise ParamError(
            "steps", f"{steps:g} is out of range; use a whole number from {low:,} to {high:,}"
        )


def run_optimize(
    params: Params,
    readout: str = "linear",
    steps: int | None = None,
    monitor: Monitor = SILENT,
    budget: int = DEFAULT_BUDGET,
    baselines: Baselines | None = None,
    observe: Callable[[tuple[int, float]], None] | None = None,
    quick: bool = False,
) -> OptimizeReport:
    """Check the size, train from the random start, measure the result.

    ``baselines`` replaces the schemes' own optimal losses (default: exact for
    the linear readout, see :mod:`.baselines` for the ReLU one), for a caller
    that has them already.  Raises :class:`ParamError` for a bad
    readout, step count or a run over the budget; a cancel through ``monitor``
    returns the best so far, flagged.  ``observe`` sees each (step, loss) of the
    history as training makes it.
    """
    if readout not in READOUTS:
        raise ParamError("readout", f"{readout!r} is unknown; use one of {', '.join(READOUTS)}")
    if quick and readout != "relu":
        raise ParamError("quick", "is for the ReLU readout; the linear one trains in seconds")
    preset = QUICK_SETTINGS if quick else DEFAULT_SETTINGS
    if steps is None:
        steps = preset.steps if quick else DEFAULT_STEPS[readout]
    settings = replace(preset, steps=steps)
    check_steps(steps)
    check_cost(params, readout, steps, budget, settings)
    if readout == "linear":
        lin = train_linear(params, steps, monitor.part(0.0, 0.95), observe=observe)
        W, a, b = lin.W, lin.a, 0.0
        start, start_se, loss, se = lin.start_loss, None, lin.loss, None
        history, cancelled, bound = lin.history, lin.cancelled, rank_bound(params)
    else:
        relu = train_relu(params, settings, monitor.part(0.0, 0.95), observe=observe)
        W, a, b = relu.W, relu.a, relu.b
        start, start_se = relu.start.mean, relu.start.se
        loss, se = relu.final.mean, relu.final.se
        history, cancelled, bound = relu.history, relu.cancelled, None
    measures = measurements(W, params.seed)
    return OptimizeReport(
        params,
        readout,
        steps,
        quick,
        W,
        a,
        b,
        start,
        start_se,
        loss,
        se,
        bound,
        scheme_baselines(params, readout) if baselines is None else baselines,
        measures,
        history,
        cancelled,
    )
