"""What the optimise screen draws: the loss lines, the two overlap histograms, the table.

The screen trains W from the random start and compares it with that start.
Before any training it shows the reference: the fixed schemes' optimal losses
(the horizontal lines), the rank-D bound for the linear readout, and the
random start's own measurements.  No tick or label decisions here.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..monitor import SILENT, Monitor
from ..optimize import (
    Baselines,
    EmbeddingMeasures,
    OptimizeReport,
    baselines,
    measurements,
    random_start,
    rank_bound,
)
from ..params import Params

#: Most pairs whose overlaps are histogrammed; above this many, pairs are drawn uniformly.
HISTOGRAM_PAIRS = 200_000
#: Bins of the overlap histograms.
HISTOGRAM_BINS = 41


@dataclass(frozen=True, eq=False)
class OptimizeReference:
    """What a training run is judged against, at ``params`` for ``readout``.

    Attributes
    ----------
    baselines : dict
        Each fixed scheme's loss at its own optimal readout (None where unknown).
    bound : float or None
        The rank-D bound z(T−D)(T−z)/(T(T−1)) for the linear readout; None for ReLU.
    start : (D, T) array
        The random start (the random scheme's W at ``params.seed``).
    start_measures : EmbeddingMeasures
        Its measurements.
    """

    params: Params
    readout: str
    baselines: Baselines
    bound: float | None
    start: np.ndarray
    start_measures: EmbeddingMeasures
    histograms: OverlapHistograms


def optimize_reference(
    params: Params, readout: str, monitor: Monitor = SILENT
) -> OptimizeReference:
    """The baselines, the bound and the random start, before (and beside) any training."""
    lines = baselines(params, readout)
    monitor.step(0.5)
    start = random_start(params)
    measures = measurements(start, params.seed)
    histograms = overlap_histograms(start, seed=params.seed)
    monitor.step(1.0)
    bound = rank_bound(params) if readout == "linear" else None
    return OptimizeReference(params, readout, lines, bound, start, measures, histograms)


@dataclass(frozen=True)
class LossLine:
    """A horizontal line of the loss plot: ``key`` is a scheme name or ``"bound"``."""

    key: str
    label: str
    value: float


def loss_lines(lines_at: Baselines, bound: float | None) -> tuple[LossLine, ...]:
    """The schemes' optimal losses and (linear) the rank-D bound, highest first."""
    lines = [LossLine(name, name, value) for name, value in lines_at.items() if value is not None]
    if bound is not None:
        lines.append(LossLine("bound", "rank-D bound", bound))
    return tuple(sorted(lines, key=lambda line: -line.value))


@dataclass(frozen=True)
class OverlapHistograms:
    """Counts of pairwise overlaps ŵ_i·ŵ_j of the trained and the random W on shared bins.

    Attributes
    ----------
    edges : (bins + 1,) array
        Symmetric about 0, wide enough for both.
    random, trained : (bins,) arrays
        Pairs per bin (the same pairs of features for both); ``trained`` is None
        before any training.
    pairs : int
        Pairs counted; ``all_pairs`` whether that was all of them.
    """

    edges: np.ndarray
    random: np.ndarray
    trained: np.ndarray | None
    pairs: int
    all_pairs: bool

    @property
    def centres(self) -> np.ndarray:
        """Each bin's middle."""
        return np.asarray((self.edges[:-1] + self.edges[1:]) / 2)


def _unit_columns(W: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(W, axis=0)
    return W / np.where(norms > 0, norms, 1.0)


def pair_indices(T: int, seed: int) -> tuple[np.ndarray, np.ndarray, bool]:
    """(i, j, all pairs?) of the pairs histogrammed: all i < j, or uniform draws of i ≠ j."""
    total = T * (T - 1) // 2
    if total <= HISTOGRAM_PAIRS:
        i, j = np.triu_indices(T, 1)
        return i, j, True
    rng = np.random.default_rng([seed, 14])
    i = rng.integers(0, T, HISTOGRAM_PAIRS)
    j = (i + rng.integers(1, T, HISTOGRAM_PAIRS)) % T  # uniform over j ≠ i
    return i, j, False


def overlap_histograms(
    random: np.ndarray,
    trained: np.ndarray | None = None,
    seed: int = 0,
    bins: int = HISTOGRAM_BINS,
) -> OverlapHistograms:
    """Histograms of both W's pairwise overlaps, on the same pairs and the same bins."""
    T = random.shape[1]
    i, j, every = pair_indices(T, seed)
    values = []
    for W in (random, trained):
        if W is not None:
            U = _unit_columns(W)
            values.append(np.einsum("dn,dn->n", U[:, i], U[:, j]))
    reach = max(float(np.abs(v).max(initial=0.0)) for v in values) or 1.0
    edges = np.linspace(-reach, reach, bins + 1)
    counts = [np.histogram(v, bins=edges)[0] for v in values]
    return OverlapHistograms(
        edges, counts[0], counts[1] if trained is not None else None, len(i), every
    )


@dataclass(frozen=True)
class MeasureRow:
    """One row of the measurements table: the trained W's value beside the random start's."""

    key: str
    label: str
    trained: float
    random: float
    #: What the row is compared with (the Welch bound for overlaps), if anything.
    reference: float | None = None


@dataclass(frozen=True, eq=False)
class OptimizeOutcome:
    """A finished (or stopped) training run with what the screen shows of it.

    ``start_measures`` and ``histograms`` are of the run's own random start, at
    the run's parameters, which may no longer be the app's.
    """

    report: OptimizeReport
    start_measures: EmbeddingMeasures
    histograms: OverlapHistograms

    @property
    def rows(self) -> tuple[MeasureRow, ...]:
        """The measurements table of this run."""
        return measure_rows(self.report.measures, self.start_measures)

    @property
    def lines(self) -> tuple[LossLine, ...]:
        """The loss plot's horizontal lines at the run's parameters."""
        return loss_lines(self.report.baselines, self.report.bound)


def optimize_outcome(
    report: OptimizeReport, reference: OptimizeReference | None = None
) -> OptimizeOutcome:
    """Measure the random start of ``report``'s run and histogram both W's overlaps.

    A ``reference`` at the run's parameters lends its measurements of the start.
    """
    params = report.params
    start = random_start(params)
    known = reference is not None and reference.params.replace(a=None) == params.replace(a=None)
    return OptimizeOutcome(
        report,
        reference.start_measures if known and reference else measurements(start, params.seed),
        overlap_histograms(start, report.W, params.seed),
    )


def measure_rows(trained: EmbeddingMeasures, random: EmbeddingMeasures) -> tuple[MeasureRow, ...]:
    """The table: overlaps against the Welch bound, tightness, norms, the all-ones vector."""
    return (
        MeasureRow(
            "rms_overlap",
            "RMS overlap",
            trained.rms_overlap,
            random.rms_overlap,
            trained.welch_bound,
        ),
        MeasureRow(
            "max_overlap",
            "largest overlap",
            trained.max_overlap,
            random.max_overlap,
            trained.welch_bound,  # also the least any frame's largest overlap can be
        ),
        MeasureRow(
            "tight_frame_residual",
            "‖WWᵀ − cI‖/‖WWᵀ‖",
            trained.tight_frame_residual,
            random.tight_frame_residual,
            0.0,
        ),
        MeasureRow("norm_min", "smallest ‖w_i‖", trained.norm_min, random.norm_min),
        MeasureRow("norm_max", "largest ‖w_i‖", trained.norm_max, random.norm_max),
        MeasureRow(
            "ones_in_row_space",
            "‖P1‖²/T (1 in row space)",
            trained.ones_in_row_space,
            random.ones_in_row_space,
            1.0,
        ),
    )
