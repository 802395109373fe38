"""Overlaps of the random embeddings: their distribution, the largest, and their sum.

Everything is measured on the block-seeded embeddings of
:class:`~superpos_model.embeddings.RandomEmbedding` (index k of ``params.seed``),
the very W the random scheme simulates.  No T×T matrix is ever formed: pairwise
overlaps are scanned in row blocks over at most :func:`examined_features`
columns, and the frame potential comes from the D×D Gram WWᵀ.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from ..embeddings import ColumnSums, RandomEmbedding
from ..estimate import Estimate, pooled_estimate, root_se
from ..monitor import SILENT, Monitor
from ..params import Params
from .theory import (
    bin_probabilities,
    jl_bound,
    max_typical,
    rms_typical,
    welch_bound,
)

#: Multiply-adds allowed for the all-pairs overlaps of the features examined, per embedding.
PAIR_WORK = 1e9
#: Rows of the pairwise Gram formed at once.
ROW_BLOCK = 512
#: Multiply-adds allowed for a measurement that averages over several embeddings.
WORK = 4e9
#: Most embeddings a measurement averages over (at least two, for a standard error).
EMBEDDINGS = 8

#: Bins of the overlap histogram.
HISTOGRAM_BINS = 80
#: Half-width of the histogram in units of n^(−1/2): |⟨u,v⟩| > 8 n^(−1/2) has probability
#: below 1e−15 per pair, so no pair the scan can afford falls outside.
HISTOGRAM_HALF_WIDTH = 8.0
#: Most floats held for the endpoints of sampled pairs (64 MB).
SAMPLE_ENTRIES = 2**23

#: Stream tag of the sampled pairs, distinct from the other modules' (embeddings 1,
#: simulate 2, walkthrough 3, capacity 8).
SAMPLED_PAIR_STREAM = 7


def examined_features(params: Params) -> int:
    """How many features' pairwise overlaps are formed in full (all, when affordable)."""
    affordable = int(math.sqrt(PAIR_WORK / params.D))
    return max(2, min(params.T, affordable))


@dataclass(frozen=True, eq=False)
class OverlapHistogram:
    """Counts of overlaps ⟨w_i, w_j⟩ (i < j) in equal bins, beside the exact expectation.

    Attributes
    ----------
    edges : (bins + 1,) array
        Symmetric about 0, wide enough to show the JL bound (capped at ±1).
    counts : (bins,) int array
        Pairs per bin; they sum to ``pairs``.
    expected : (bins,) array
        ``pairs`` × the bin's probability under the exact density of one overlap,
        (1−t²)^((n−3)/2) / B(1/2, (n−1)/2).
    pairs : int
        Pairs binned.
    complete : bool
        True when those are all T(T−1)/2 pairs of the embedding.
    source : str
        Which pairs were binned and how many, in words.
    """

    edges: np.ndarray
    counts: np.ndarray
    expected: np.ndarray
    pairs: int
    complete: bool
    source: str


@dataclass(frozen=True)
class OverlapStats:
    """Off-diagonal Gram entries ⟨w_i, w_j⟩ (i < j) of random embedding 0.

    Attributes
    ----------
    T, D : int
    rms : float
        RMS over ``rms_pairs`` pairs.
    rms_se : float
        Its standard error.  Squared overlaps of distinct pairs are uncorrelated
        (even when the pairs share a feature), so Var(mean) = Var(⟨u,v⟩²)/pairs,
        with Var(⟨u,v⟩²) estimated from the binned pairs.
    rms_pairs : int
        All T(T−1)/2 pairs when the frame potential ‖WWᵀ‖_F² is affordable
        (Σ_{i≠j}⟨w_i,w_j⟩² = ‖WWᵀ‖_F² − T), else the pairs of the first ``features``.
    features : int
        The first ``features`` columns, all of whose pairs were scanned for ``max_abs``.
    max_abs : float
        Largest |⟨w_i, w_j⟩| among those pairs.
    histogram : OverlapHistogram
    """

    T: int
    D: int
    rms: float
    rms_se: float
    rms_pairs: int
    features: int
    max_abs: float
    histogram: OverlapHistogram

    @property
    def max_pairs(self) -> int:
        """Pairs behind ``max_abs``."""
        return self.features * (self.features - 1) // 2

    @property
    def rms_typical(self) -> float:
        return rms_typical(self.D)

    @property
    def max_typical(self) -> float:
        """√(4 ln m / n) for the m = ``features`` examined."""
        return max_typical(self.features, self.D)

    @property
    def jl_bound(self) -> float:
        return jl_bound(self.T, self.D)

    @property
    def welch_bound(self) -> float:
        return welch_bound(self.T, self.D)


def histogram_edges(T: int, D: int, bins: int = HISTOGRAM_BINS) -> np.ndarray:
    """Equal bins on [−L, L], L = min(1, max(8 n^(−1/2), √(8 ln m / n)))."""
    half = min(1.0, max(HISTOGRAM_HALF_WIDTH / math.sqrt(D), jl_bound(T, D)))
    return np.linspace(-half, half, bins + 1)


def _bin(values: np.ndarray, edges: np.ndarray) -> np.ndarray:
    bins = len(edges) - 1
    index = np.floor((values - edges[0]) / (edges[-1] - edges[0]) * bins).astype(np.int64)
    # t = +L belongs to the last (closed) bin; anything beyond ±L, practically never
    # seen (see HISTOGRAM_HALF_WIDTH), is kept in the end bins so counts sum to pairs.
    return np.bincount(np.clip(index, 0, bins - 1), minlength=bins)


def _pair_values(W: np.ndarray, monitor: Monitor = SILENT) -> Iterator[np.ndarray]:
    """Overlaps ⟨w_i, w_j⟩, i < j, among the columns of W, one row block at a time."""
    m = W.shape[1]
    for start in range(0, m, ROW_BLOCK):
        stop = min(start + ROW_BLOCK, m)
        block = W[:, start:stop].T @ W[:, start:]
        after = np.arange(m - start)[None, :] > np.arange(stop - start)[:, None]
        yield block[after]
        monitor.step(stop / m)


def sampled_pairs(T: int, D: int) -> int:
    """How many pairs the histogram draws when all pairs cannot be scanned."""
    return max(1, min(T * (T - 1) // 2, SAMPLE_ENTRIES // (2 * D)))


def draw_pairs(params: Params) -> np.ndarray:
    """A (P, 2) array of uniform random pairs i ≠ j of features (with replacement)."""
    rng = np.random.default_rng([params.seed, SAMPLED_PAIR_STREAM])
    count = sampled_pairs(params.T, params.D)
    first = rng.integers(0, params.T, size=count)
    # A uniform nonzero offset makes j uniform over the T−1 features other than i.
    second = (first + rng.integers(1, params.T, size=count)) % params.T
    return np.stack([first, second], axis=1)


def square_variance(sum_squares: float, sum_fourth: float, n: int) -> float:
    """Sample variance of ⟨u,v⟩² from Σt² and Σt⁴ over n pairs (nan below two)."""
    if n < 2:
        return math.nan
    return max(sum_fourth - sum_squares**2 / n, 0.0) / (n - 1)


@dataclass(frozen=True, eq=False)
class _Tally:
    """Largest |t|, Σt², Σt⁴, the number and (when binned) the bin counts of overlaps t."""

    largest: float = 0.0
    squares: float = 0.0
    fourth: float = 0.0
    pairs: int = 0
    counts: np.ndarray | None = None

    @staticmethod
    def binned(edges: np.ndarray) -> _Tally:
        """An empty tally that also counts the overlaps in the bins of ``edges``."""
        return _Tally(counts=np.zeros(len(edges) - 1, dtype=np.int64))

    def add(self, values: np.ndarray, edges: np.ndarray) -> _Tally:
        squares = values * values
        return _Tally(
            # √(t²) rounds back to |t| exactly, so the largest needs no pass of its own.
            max(self.largest, math.sqrt(float(squares.max(initial=0.0)))),
            self.squares + float(squares.sum()),
            self.fourth + float(squares @ squares),
            self.pairs + values.size,
            None if self.counts is None else self.counts + _bin(values, edges),
        )


class PairScans:
    """Tallies of the overlaps among each embedding's first m columns, each scanned once.

    The overlap statistics, the largest overlaps and the frame potential's
    pair-level variance scan the first columns of the same embeddings; sharing one
    :class:`PairScans` (a session holds one) scans each of them once.
    """

    def __init__(self, params: Params) -> None:
        self._params = params
        self._edges = histogram_edges(params.T, params.D)
        self._tallies: dict[tuple[int, int], _Tally] = {}
        self._lock = threading.Lock()

    def tally(
        self, k: int, columns: int, monitor: Monitor = SILENT, binned: bool = False
    ) -> _Tally:
        """The tally of all pairs among the first ``columns`` columns of embedding k.

        ``binned`` asks for the histogram counts too (binning costs a pass of its own).
        """
        with self._lock:
            found = self._tallies.get((k, columns))
        if found is not None and (found.counts is not None or not binned):
            monitor.step(1.0)
            return found
        p = self._params
        W = RandomEmbedding(p.T, p.D, p.seed, k).columns(columns)
        tally = _Tally.binned(self._edges) if binned else _Tally()
        for values in _pair_values(W, monitor):
            tally = tally.add(values, self._edges)
        with self._lock:
            self._tallies[(k, columns)] = tally
        return tally


def overlap_stats(
    params: Params,
    monitor: Monitor = SILENT,
    scans: PairScans | None = None,
    sums: ColumnSums | None = None,
) -> OverlapStats:
    """RMS, largest |overlap| and histogram of the overlaps of random embedding 0.

    The largest overlap is over all pairs of the first :func:`examined_features`
    columns.  When those are all T, so are the RMS and the histogram.  Otherwise,
    if one pass over all columns fits :data:`WORK`, it gives the RMS over all pairs
    (from ‖WWᵀ‖_F²) and the columns of uniformly sampled pairs for the histogram;
    beyond that (a pass costs T·D² multiply-adds, like the simulation's own) both
    come from the pairs of the examined columns, which, the columns being i.i.d.,
    are distributed as any other pairs.  ``scans`` shares the pair scan with
    :func:`max_overlaps` and :func:`frame_potential`, ``sums`` the Gram.
    """
    scans = scans or PairScans(params)
    sums = sums or ColumnSums(params.T, params.D, params.seed)
    T, D = params.T, params.D
    features = examined_features(params)
    edges = histogram_edges(T, D)
    whole = features < T and T * D * D <= WORK
    scan = scans.tally(0, features, monitor.part(0.0, 0.5 if whole else 1.0), binned=True)
    if whole:
        endpoints = draw_pairs(params)
        # Active sets of one feature each: the pass's readouts are those features' columns.
        passed = sums.read(0, endpoints.reshape(-1, 1), monitor.part(0.5, 1.0))
        pairs = passed.readouts[0::2], passed.readouts[1::2]
        binned = _Tally.binned(edges).add(np.einsum("nd,nd->n", *pairs), edges)
        rms_pairs = T * (T - 1) // 2
        potential = float(passed.gram.ravel() @ passed.gram.ravel())
        # Columns are unit vectors, so the diagonal of Σ_ij⟨w_i,w_j⟩² is exactly T.
        mean_square = max(potential - T, 0.0) / (2 * rms_pairs)
        source = f"{binned.pairs:,} pairs drawn uniformly (with replacement) from all {rms_pairs:,}"
    else:
        binned, rms_pairs = scan, scan.pairs
        mean_square = scan.squares / scan.pairs
        source = (
            f"all {scan.pairs:,} pairs"
            if features == T
            else f"all {scan.pairs:,} pairs of the first {features:,} of {T:,} features"
        )
    rms = math.sqrt(mean_square)
    variance = square_variance(binned.squares, binned.fourth, binned.pairs)
    mean_square_se = math.sqrt(variance / rms_pairs)
    assert binned.counts is not None  # both tallies above were binned
    expected = binned.pairs * bin_probabilities(edges, D)
    histogram = OverlapHistogram(
        edges, binned.counts, expected, binned.pairs, features == T, source
    )
    return OverlapStats(
        T, D, rms, root_se(rms, mean_square_se), rms_pairs, features, scan.largest, histogram
    )


def embeddings_within(work_each: float) -> int:
    """How many embeddings fit :data:`WORK` (at least two, at most :data:`EMBEDDINGS`)."""
    return int(min(EMBEDDINGS, max(2, WORK // max(work_each, 1.0))))


def per_embedding(values: tuple[float, ...]) -> Estimate:
    """Mean of one value per embedding, with the SE from their spread."""
    return pooled_estimate([np.array([v]) for v in values])


@dataclass(frozen=True)
class MaxOverlaps:
    """The largest |⟨w_i, w_j⟩| of several independent random embeddings.

    Each maximum is over all pairs of the first ``features`` columns of one
    embedding (embedding k of the seed, k = 0, 1, …); embedding 0's is
    :attr:`OverlapStats.max_abs`.
    """

    T: int
    D: int
    features: int
    maxima: tuple[float, ...]

    @property
    def estimate(self) -> Estimate:
        return per_embedding(self.maxima)

    @property
    def complete(self) -> bool:
        """True when every feature's pairs were examined."""
        return self.features == self.T

    @property
    def asymptotic(self) -> float:
        """√(4 ln m / n) for the m = ``features`` examined."""
        return max_typical(self.features, self.D)


def max_overlaps(
    params: Params, monitor: Monitor = SILENT, scans: PairScans | None = None
) -> MaxOverlaps:
    """Largest overlap among the examined features, for each of several embeddings."""
    scans = scans or PairScans(params)
    features = examined_features(params)
    count = embeddings_within(features * features * params.D / 2)
    maxima = [
        scans.tally(k, features, monitor.part(k / count, (k + 1) / count)).largest
        for k in range(count)
    ]
    return MaxOverlaps(params.T, params.D, features, tuple(maxima))
