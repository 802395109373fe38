"""Overlaps of random feature directions: typical versus worst case (seed 000, SPEC §2.3).

With m = T features in n = D dimensions, the notes' claimed noise per unit of
another feature is the Johnson–Lindenstrauss distortion √(8 ln m / n); the
typical (RMS) overlap is n^(−1/2); the largest of all overlaps is ≈ √(4 ln m / n).
With l features active, the noise on every other readout is ≈ N(0, l/n), which
gives three capacities: l < n (typical noise below the signal), the notes'
n/(8 ln m), and θ²n/(2 ln m) to keep all m readouts below θ.

Everything is measured on the block-seeded embeddings of
:class:`~superpos_model.embeddings.RandomEmbedding` (index k of ``params.seed``),
the very W the random scheme simulates.  No T×T matrix is ever formed: pairwise
overlaps are scanned in row blocks over at most :func:`examined_features`
columns, and the frame potential comes from the D×D Gram WWᵀ.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np

from .embeddings import RandomEmbedding
from .exact import embedding_quadratic
from .monitor import SILENT, Monitor
from .params import Params

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
#: Gauss–Legendre nodes per bin for the expected counts.
QUADRATURE_NODES = 16
#: Most floats held for the endpoints of sampled pairs (64 MB).
SAMPLE_ENTRIES = 2**23

#: Default threshold θ on every readout's noise: the signal itself.
DEFAULT_THRESHOLD = 1.0
#: The capacity grid reaches this many times n active features.
CAPACITY_REACH = 2.0
#: Points of the (geometric) capacity grid before rounding to whole l.
CAPACITY_POINTS = 24
#: Floats held for the dense columns of one capacity embedding (16 MB) …
CAPACITY_ENTRIES = 2**21
#: … or up to 128 MB when the grid would otherwise stop short of l = 2n.
CAPACITY_MAX_ENTRIES = 2**24
#: Bounds on the active sets drawn per grid point (over all embeddings).
MIN_DRAWS, MAX_DRAWS = 16, 256

#: Stream tags, distinct from the other modules' (embeddings 1, simulate 2, walkthrough 3).
SAMPLED_PAIR_STREAM = 7
CAPACITY_STREAM = 8


def rms_typical(D: int) -> float:
    """RMS overlap of two independent random unit vectors: E⟨u,v⟩² = 1/n exactly."""
    return 1.0 / math.sqrt(D)


def max_typical(m: int, D: int) -> float:
    """Asymptotic largest overlap among m random unit vectors, √(4 ln m / n)."""
    return math.sqrt(4.0 * math.log(m) / D)


def jl_bound(T: int, D: int) -> float:
    """The notes' 'typical noise', the JL distortion √(8 ln m / n): a worst-case bound."""
    return math.sqrt(8.0 * math.log(T) / D)


def welch_bound(T: int, D: int) -> float:
    """No T unit vectors in R^D have all overlaps below √((T−D)/(D(T−1)))."""
    return math.sqrt(max(T - D, 0) / (D * (T - 1)))


def capacity_typical(D: int) -> float:
    """Active features before typical noise (√(l/n)) reaches the signal: l < n."""
    return float(D)


def capacity_notes(T: int, D: int) -> float:
    """The notes' capacity from the JL distortion: l < n / (8 ln m)."""
    return D / (8.0 * math.log(T))


def capacity_threshold(T: int, D: int, threshold: float = DEFAULT_THRESHOLD) -> float:
    """Active features that keep all m readouts' noise below θ: l < θ²n / (2 ln m).

    The largest of m draws of N(0, l/n) is ≈ √(2 l ln m / n).  At θ = 1/2 this is
    exactly the notes' n/(8 ln m).
    """
    return threshold**2 * D / (2.0 * math.log(T))


def max_readout_typical(active: np.ndarray | float, m: int, D: int) -> np.ndarray | float:
    """Asymptotic largest |noise| among m readouts with l = ``active`` features active.

    The largest of m draws of N(0, l/n): √(2 l ln m / n).
    """
    return np.sqrt(2.0 * np.asarray(active, dtype=float) * math.log(m) / D)


def random_frame_potential(T: int, D: int) -> float:
    """Σ_ij⟨w_i,w_j⟩² averaged over random unit columns: T + T(T−1)/D."""
    return T + T * (T - 1) / D


def tight_frame_potential(T: int, D: int) -> float:
    """The least Σ_ij⟨w_i,w_j⟩² of T unit vectors in R^D, reached by tight frames: T²/D.

    Below T = D the T vectors can be orthonormal, and the least is T.
    """
    return max(T * T / D, float(T))


def examined_features(params: Params) -> int:
    """How many features' pairwise overlaps are formed in full (all, when affordable)."""
    affordable = int(math.sqrt(PAIR_WORK / params.D))
    return max(2, min(params.T, affordable))


@dataclass(frozen=True)
class Estimate:
    """A Monte Carlo mean, its standard error, and how many draws it averages."""

    value: float
    se: float
    samples: int


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


def bin_probabilities(edges: np.ndarray, D: int) -> np.ndarray:
    """P(⟨u,v⟩ in each bin) for independent uniform unit vectors u, v in R^D.

    The density (1−t²)^((n−3)/2) / B(1/2, (n−1)/2) becomes cos^(n−2)φ / B under
    t = sin φ: smooth for n ≥ 2, so Gauss–Legendre in φ is accurate even where the
    density in t is singular (n = 2) or a narrow spike (large n).  At n = 1 the
    overlap is ±1, each with probability 1/2.
    """
    probabilities = np.zeros(len(edges) - 1)
    if D == 1:
        probabilities[0] += 0.5
        probabilities[-1] += 0.5
        return probabilities
    nodes, weights = np.polynomial.legendre.leggauss(QUADRATURE_NODES)
    low, high = np.arcsin(edges[:-1]), np.arcsin(edges[1:])
    half = (high - low) / 2
    phi = ((low + high) / 2)[:, None] + half[:, None] * nodes
    log_beta = math.lgamma(0.5) + math.lgamma((D - 1) / 2) - math.lgamma(D / 2)
    density = np.exp((D - 2) * np.log(np.cos(phi)) - log_beta)
    return (density @ weights) * half


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


def _variance(sum_squares: float, sum_fourth: float, n: int) -> float:
    """Sample variance of ⟨u,v⟩² from Σt² and Σt⁴ over n pairs (nan below two)."""
    if n < 2:
        return math.nan
    return max(sum_fourth - sum_squares**2 / n, 0.0) / (n - 1)


@dataclass(frozen=True, eq=False)
class _Tally:
    """Largest |t|, bin counts, Σt² and Σt⁴ of some overlaps t."""

    largest: float
    counts: np.ndarray
    squares: float
    fourth: float

    def add(self, values: np.ndarray, edges: np.ndarray) -> _Tally:
        squares = values * values
        return _Tally(
            max(self.largest, float(np.abs(values).max(initial=0.0))),
            self.counts + _bin(values, edges),
            self.squares + float(squares.sum()),
            self.fourth + float(squares @ squares),
        )

    @property
    def pairs(self) -> int:
        return int(self.counts.sum())


def overlap_stats(params: Params, monitor: Monitor = SILENT) -> OverlapStats:
    """RMS, largest |overlap| and histogram of the overlaps of random embedding 0.

    The largest overlap is over all pairs of the first :func:`examined_features`
    columns.  When those are all T, so are the RMS and the histogram.  Otherwise,
    if one pass over all columns fits :data:`WORK`, it gives the RMS over all pairs
    (from ‖WWᵀ‖_F²) and the columns of uniformly sampled pairs for the histogram;
    beyond that (a pass costs T·D² multiply-adds, like the simulation's own) both
    come from the pairs of the examined columns, which, the columns being i.i.d.,
    are distributed as any other pairs.
    """
    T, D = params.T, params.D
    features = examined_features(params)
    edges = histogram_edges(T, D)
    embedding = RandomEmbedding(T, D, params.seed)
    whole = features < T and T * D * D <= WORK
    scan = _Tally(0.0, np.zeros(len(edges) - 1, dtype=np.int64), 0.0, 0.0)
    columns = embedding.columns(features)
    for values in _pair_values(columns, monitor.part(0.0, 0.5 if whole else 1.0)):
        scan = scan.add(values, edges)
    if whole:
        endpoints = draw_pairs(params)
        # Active sets of one feature each: the pass's readouts are those features' columns.
        passed = embedding.accumulate(endpoints.reshape(-1, 1), monitor.part(0.5, 1.0))
        pairs = passed.readouts[0::2], passed.readouts[1::2]
        empty = _Tally(0.0, np.zeros_like(scan.counts), 0.0, 0.0)
        binned = empty.add(np.einsum("nd,nd->n", *pairs), edges)
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
    mean_square_se = math.sqrt(_variance(binned.squares, binned.fourth, binned.pairs) / rms_pairs)
    expected = binned.pairs * bin_probabilities(edges, D)
    histogram = OverlapHistogram(
        edges, binned.counts, expected, binned.pairs, features == T, source
    )
    return OverlapStats(
        T, D, rms, _root_se(rms, mean_square_se), rms_pairs, features, scan.largest, histogram
    )


def _root_se(root: float, se_of_square: float) -> float:
    """SE of √x from the SE of x (delta method)."""
    return se_of_square / (2.0 * root) if root > 0 else math.nan


def _embeddings_within(work_each: float) -> int:
    """How many embeddings fit :data:`WORK` (at least two, at most :data:`EMBEDDINGS`)."""
    return int(min(EMBEDDINGS, max(2, WORK // max(work_each, 1.0))))


def _spread(values: tuple[float, ...]) -> Estimate:
    """Mean of one value per embedding, with the SE from their spread."""
    array = np.asarray(values)
    return Estimate(
        float(array.mean()), float(array.std(ddof=1) / math.sqrt(array.size)), array.size
    )


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
        return _spread(self.maxima)

    @property
    def complete(self) -> bool:
        """True when every feature's pairs were examined."""
        return self.features == self.T

    @property
    def asymptotic(self) -> float:
        """√(4 ln m / n) for the m = ``features`` examined."""
        return max_typical(self.features, self.D)


def max_overlaps(params: Params, monitor: Monitor = SILENT) -> MaxOverlaps:
    """Largest overlap among the examined features, for each of several embeddings."""
    features = examined_features(params)
    count = _embeddings_within(features * features * params.D / 2)
    maxima = []
    for k in range(count):
        W = RandomEmbedding(params.T, params.D, params.seed, k).columns(features)
        part = monitor.part(k / count, (k + 1) / count)
        maxima.append(max(float(np.abs(v).max(initial=0.0)) for v in _pair_values(W, part)))
    return MaxOverlaps(params.T, params.D, features, tuple(maxima))


@dataclass(frozen=True)
class FramePotential:
    """Σ_ij⟨w_i,w_j⟩² = ‖WWᵀ‖_F² of several random embeddings, and what it costs.

    Attributes
    ----------
    values : tuple of float
        The frame potential of embeddings 0, 1, … of the seed.
    losses : tuple of float
        Each embedding's exact optimal loss over all active sets (SPEC §2.2),
        L* = z − B²/A, where A ≈ (z/T)·‖WWᵀ‖_F²: the loss follows the sum of
        squared overlaps, not the largest one.
    square_variance : float
        Var(⟨u,v⟩²) estimated from the pairs within each embedding's first block
        of columns.
    """

    T: int
    D: int
    values: tuple[float, ...]
    losses: tuple[float, ...]
    square_variance: float

    @property
    def estimate(self) -> Estimate:
        """Mean potential; SE the larger of the embeddings' spread and the pair-level SE.

        Squared overlaps of distinct pairs are uncorrelated, so one embedding's
        potential T + 2Σ_{i<j}⟨w_i,w_j⟩² has variance 4·(T(T−1)/2)·Var(⟨u,v⟩²): a
        reliable SE even when only two embeddings are affordable.
        """
        spread = _spread(self.values)
        pairs = self.T * (self.T - 1) / 2
        pair_se = math.sqrt(4 * pairs * self.square_variance / spread.samples)
        return Estimate(spread.value, float(np.fmax(spread.se, pair_se)), spread.samples)

    @property
    def loss_estimate(self) -> Estimate:
        return _spread(self.losses)

    @property
    def random_mean(self) -> float:
        return random_frame_potential(self.T, self.D)

    @property
    def tight_minimum(self) -> float:
        return tight_frame_potential(self.T, self.D)


def frame_potential(params: Params, monitor: Monitor = SILENT) -> FramePotential:
    """Frame potential and exact optimal loss of several random embeddings (one pass each)."""
    T, D = params.T, params.D
    count = _embeddings_within(T * D * D)
    no_samples = np.empty((0, 1), dtype=np.int64)
    values, losses, squares = [], [], []
    for k in range(count):
        part = monitor.part(k / count, (k + 1) / count)
        embedding = RandomEmbedding(T, D, params.seed, k)
        passed = embedding.accumulate(no_samples, part)
        values.append(float(passed.gram.ravel() @ passed.gram.ravel()))
        losses.append(embedding_quadratic(passed, params).minimum)
        squares.extend(v * v for v in _pair_values(embedding.directions(0).T))
    square = np.concatenate(squares)
    variance = _variance(float(square.sum()), float(square @ square), square.size)
    return FramePotential(T, D, tuple(values), tuple(losses), variance)


@dataclass(frozen=True)
class Crossing:
    """Where a measured noise curve first reaches a level, along the capacity grid.

    Attributes
    ----------
    active : float
        The number l of active features at the crossing, interpolating the squared
        noise (≈ linear in l) between the last grid point below the level and the
        first at or above it (the curve is 0 at l = 0).  When the level is never
        reached, the largest l simulated: a lower bound.
    se : float
        Delta-method SE: the interpolated SE of the squared noise over its slope.
    below : int
        Largest l on the grid for which the measured noise stays below the level at
        every l up to it (0 if none).
    reached : bool
    """

    active: float
    se: float
    below: int
    reached: bool


def crossing(active: np.ndarray, values: np.ndarray, se: np.ndarray, level: float) -> Crossing:
    """The first crossing of ``level`` by ``values`` (noise measured at l = ``active``)."""
    above = np.flatnonzero(values >= level)
    if not above.size:
        return Crossing(float(active[-1]), math.nan, int(active[-1]), False)
    i = int(above[0])
    grid = np.concatenate([[0.0], active])
    squares = np.concatenate([[0.0], values**2])
    squares_se = np.concatenate([[0.0], 2 * values * se])
    fraction = (level**2 - squares[i]) / (squares[i + 1] - squares[i])
    slope = (squares[i + 1] - squares[i]) / (grid[i + 1] - grid[i])
    at = grid[i] + fraction * (grid[i + 1] - grid[i])
    se_there = (1 - fraction) * squares_se[i] + fraction * squares_se[i + 1]
    return Crossing(float(at), float(se_there / slope), int(grid[i]), True)


@dataclass(frozen=True, eq=False)
class CapacitySimulation:
    """Noise on the readouts as the number l of active features grows.

    With l features active and a = 1, readout i is ŷ_i = ⟨w_i, Σ_active w_j⟩ and its
    noise is ŷ_i − y_i.  Each draw takes a fresh active set of size l among the
    first ``features`` features and reads all of them out.

    Attributes
    ----------
    T, D : int
    threshold : float
        θ, the level every readout's noise must stay below.
    features : int
        m′, the readouts examined per draw (all T when affordable).
    embeddings : int
        Independent random embeddings the draws are spread over.
    active : (k,) int array
        The grid of active-set sizes l, up to ≈ 2n, including z.
    draws : int
        Active sets drawn per grid point (over all embeddings).
    rms, rms_se : (k,) arrays
        RMS noise over the inactive readouts (theory √(l/n) exactly).
    max, max_se : (k,) arrays
        Mean over draws of the largest |noise| over all m′ readouts
        (theory ≈ √(2 l ln m′ / n)).
    typical : Crossing
        Where the measured RMS noise reaches the signal 1 (theory l = n).
    worst : Crossing
        Where the measured largest noise reaches θ (theory θ²n/(2 ln m′)).
    """

    T: int
    D: int
    threshold: float
    features: int
    embeddings: int
    active: np.ndarray
    draws: int
    rms: np.ndarray
    rms_se: np.ndarray
    max: np.ndarray
    max_se: np.ndarray
    typical: Crossing
    worst: Crossing

    @property
    def rms_theory(self) -> np.ndarray:
        return np.sqrt(self.active / self.D)

    @property
    def max_theory(self) -> np.ndarray:
        return max_readout_typical(self.active, self.features, self.D)

    @property
    def capacity_typical(self) -> float:
        return capacity_typical(self.D)

    @property
    def capacity_notes(self) -> float:
        return capacity_notes(self.T, self.D)

    @property
    def capacity_threshold(self) -> float:
        """θ²n/(2 ln m) for all m = T readouts."""
        return capacity_threshold(self.T, self.D, self.threshold)

    @property
    def capacity_threshold_examined(self) -> float:
        """θ²n/(2 ln m′) for the m′ readouts the simulation examines."""
        return capacity_threshold(self.features, self.D, self.threshold)

    def at(self, active: int) -> int:
        """Index of the grid point nearest to l = ``active``."""
        return int(np.abs(self.active - active).argmin())


def capacity_features(params: Params) -> int:
    """How many features (and readouts) the capacity simulation holds densely.

    Enough to reach l = 2n when that fits :data:`CAPACITY_MAX_ENTRIES`.
    """
    reach = min(int(2 * CAPACITY_REACH * params.D), CAPACITY_MAX_ENTRIES // params.D)
    return max(2, min(params.T, max(CAPACITY_ENTRIES // params.D, reach)))


def capacity_grid(largest: int, z: int) -> np.ndarray:
    """Whole l from 1 to ``largest``, roughly geometric, with z included when it fits."""
    points = np.rint(np.geomspace(1, largest, CAPACITY_POINTS))
    return np.unique(np.append(points, min(z, largest))).astype(np.int64)


def _mean_and_se(groups: list[np.ndarray]) -> Estimate:
    """Mean of equal-sized groups of draws, one group per embedding.

    The SE is the larger of the within-embedding and the between-embedding
    estimates, so it includes the embeddings' own spread.
    """
    values = np.concatenate(groups)
    count = len(groups)
    within = sum(float(((g - g.mean()) ** 2).sum()) for g in groups)
    within /= max(values.size - count, 1) * values.size
    between = float(np.var([g.mean() for g in groups], ddof=1)) / count if count > 1 else 0.0
    return Estimate(float(values.mean()), math.sqrt(max(within, between)), values.size)


def _noise_draws(
    W: np.ndarray, rng: np.random.Generator, sizes: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """One draw per entry of ``sizes``: a uniform active set of that size.

    Returns, per draw, the mean squared noise over the inactive readouts and the
    largest |noise| over all readouts.
    """
    m = W.shape[1]
    keys = rng.random((sizes.size, m))
    # The l smallest of m uniform keys are a uniform l-subset.
    cut = np.take_along_axis(np.sort(keys, axis=1), (sizes - 1)[:, None], axis=1)
    y = (keys <= cut).astype(float)
    noise = (y @ W.T) @ W - y
    inactive = (noise * noise * (1.0 - y)).sum(axis=1) / (m - sizes)
    return inactive, np.abs(noise).max(axis=1)


def capacity_simulation(
    params: Params, threshold: float = DEFAULT_THRESHOLD, monitor: Monitor = SILENT
) -> CapacitySimulation:
    """Measure the readout noise over a grid of l up to ≈ 2n, and where it crosses 1 and θ."""
    if not threshold > 0:
        raise ValueError(f"threshold θ must be positive, not {threshold}")
    T, D = params.T, params.D
    features = capacity_features(params)
    grid = capacity_grid(max(1, min(int(CAPACITY_REACH * D), features - 1)), params.z)
    count = EMBEDDINGS
    # Each draw costs two products of a (draws, ·) matrix with the D×m′ columns.
    affordable = WORK // (len(grid) * 2 * features * D)
    per_point = int(np.clip(min(params.samples // len(grid), affordable), MIN_DRAWS, MAX_DRAWS))
    each = -(-per_point // count)
    sizes = np.repeat(grid, each)
    # Draws of all grid points go through one product, in row chunks of bounded memory:
    # many small products are far slower, as BLAS threads cost more than they save.
    chunk = max(1, CAPACITY_ENTRIES // features)
    squares = np.empty((count, sizes.size))
    maxima = np.empty((count, sizes.size))
    for k in range(count):
        W = RandomEmbedding(T, D, params.seed, k).columns(features)
        rng = np.random.default_rng([params.seed, CAPACITY_STREAM, k])
        for start in range(0, sizes.size, chunk):
            rows = slice(start, start + chunk)
            squares[k, rows], maxima[k, rows] = _noise_draws(W, rng, sizes[rows])
            monitor.step((k + min(start + chunk, sizes.size) / sizes.size) / count)
    # Per grid point, one group of ``each`` draws per embedding.
    by_point = (count, len(grid), each)
    rms = [_root(_mean_and_se(list(g))) for g in squares.reshape(by_point).swapaxes(0, 1)]
    top = [_mean_and_se(list(g)) for g in maxima.reshape(by_point).swapaxes(0, 1)]
    rms_value, rms_se = np.array([e.value for e in rms]), np.array([e.se for e in rms])
    max_value, max_se = np.array([e.value for e in top]), np.array([e.se for e in top])
    return CapacitySimulation(
        T,
        D,
        threshold,
        features,
        count,
        grid,
        each * count,
        rms_value,
        rms_se,
        max_value,
        max_se,
        crossing(grid, rms_value, rms_se, 1.0),
        crossing(grid, max_value, max_se, threshold),
    )


def _root(square: Estimate) -> Estimate:
    root = math.sqrt(max(square.value, 0.0))
    return Estimate(root, _root_se(root, square.se), square.samples)


def supported_capacity(capacity: CapacitySimulation) -> str:
    """Which capacity line lies nearest (in ratio) to the measured crossing of θ.

    One of ``"typical"`` (l < n), ``"notes"`` (n/(8 ln m)) or ``"threshold"``
    (θ²n/(2 ln m′)).
    """
    measured = max(capacity.worst.active, 1e-12)
    lines = {
        "typical": capacity.capacity_typical,
        "notes": capacity.capacity_notes,
        "threshold": capacity.capacity_threshold_examined,
    }
    return min(lines, key=lambda name: abs(math.log(lines[name] / measured)))


@dataclass(frozen=True, eq=False)
class InterferenceAnalysis:
    """Everything the JL thread measures at one point of parameter space."""

    overlaps: OverlapStats
    maxima: MaxOverlaps
    frame: FramePotential
    capacity: CapacitySimulation


def analyse_interference(
    params: Params, threshold: float = DEFAULT_THRESHOLD, monitor: Monitor = SILENT
) -> InterferenceAnalysis:
    """Overlap distribution, largest overlaps, frame potential and capacity simulation."""
    return InterferenceAnalysis(
        overlap_stats(params, monitor.part(0.0, 0.2)),
        max_overlaps(params, monitor.part(0.2, 0.45)),
        frame_potential(params, monitor.part(0.45, 0.55)),
        capacity_simulation(params, threshold, monitor.part(0.55, 1.0)),
    )
