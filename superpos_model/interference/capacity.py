"""How many features can be active at once: the readout noise as their number grows."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..embeddings import RandomEmbedding
from ..estimate import Estimate, pooled_estimate, root_se
from ..monitor import SILENT, Monitor
from ..params import Params
from .overlaps import EMBEDDINGS, WORK
from .theory import (
    DEFAULT_THRESHOLD,
    capacity_notes,
    capacity_threshold,
    capacity_typical,
    max_readout_typical,
)

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
#: Floats of fresh embedding columns the draws may generate in all: within it every
#: draw has an embedding of its own (independent draws, so the plain SE is calibrated);
#: beyond it the draws share EMBEDDINGS embeddings and the SE pools their spread.
FRESH_ENTRIES = 2**22
#: Stream tag of the capacity draws (see :data:`.overlaps.SAMPLED_PAIR_STREAM`).
CAPACITY_STREAM = 8
#: Tells the fresh-embedding draws' stream from the shared embeddings' (tags 0 … 7).
FRESH_TAG = 1000


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
        """The notes' n/(8 ln m) for all m = T readouts."""
        return capacity_notes(self.T, self.D)

    @property
    def capacity_notes_examined(self) -> float:
        """The notes' n/(8 ln m′) for the m′ readouts the simulation examines."""
        return capacity_notes(self.features, self.D)

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
    # Each draw costs two products of a (draws, ·) matrix with the D×m′ columns.
    affordable = WORK // (len(grid) * 2 * features * D)
    per_point = int(np.clip(min(params.samples // len(grid), affordable), MIN_DRAWS, MAX_DRAWS))
    # With a few shared embeddings the SE would rest on their few degrees of freedom.
    count = per_point if per_point * features * D <= FRESH_ENTRIES else EMBEDDINGS
    each = -(-per_point // count)
    sizes = np.repeat(grid, each)
    if count == per_point:
        squares, maxima = _fresh_draws(params, features, grid, count, monitor)
    else:
        squares, maxima = _shared_draws(params, features, sizes, count, monitor)
    # Per grid point, one group of ``each`` draws per embedding.
    by_point = (count, len(grid), each)
    rms = [_root(pooled_estimate(list(g))) for g in squares.reshape(by_point).swapaxes(0, 1)]
    top = [pooled_estimate(list(g)) for g in maxima.reshape(by_point).swapaxes(0, 1)]
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


def _shared_draws(
    params: Params, features: int, sizes: np.ndarray, count: int, monitor: Monitor
) -> tuple[np.ndarray, np.ndarray]:
    """(count, draws) noise measurements, the draws of row k on random embedding k."""
    # Draws of all grid points go through one product, in row chunks of bounded memory:
    # many small products are far slower, as BLAS threads cost more than they save.
    chunk = max(1, CAPACITY_ENTRIES // features)
    squares = np.empty((count, sizes.size))
    maxima = np.empty((count, sizes.size))
    for k in range(count):
        W = RandomEmbedding(params.T, params.D, params.seed, k).columns(features)
        rng = np.random.default_rng([params.seed, CAPACITY_STREAM, k])
        for start in range(0, sizes.size, chunk):
            rows = slice(start, start + chunk)
            squares[k, rows], maxima[k, rows] = _noise_draws(W, rng, sizes[rows])
            monitor.step((k + min(start + chunk, sizes.size) / sizes.size) / count)
    return squares, maxima


def _fresh_draws(
    params: Params, features: int, grid: np.ndarray, count: int, monitor: Monitor
) -> tuple[np.ndarray, np.ndarray]:
    """(count, grid) noise measurements, each row on a fresh random embedding of its own.

    Batched over embeddings: one stacked product per chunk instead of ``count`` small ones.
    """
    D, g = params.D, len(grid)
    rng = np.random.default_rng([params.seed, CAPACITY_STREAM, FRESH_TAG])
    chunk = max(1, CAPACITY_ENTRIES // (features * (D + 2 * g)))
    squares, maxima = np.empty((count, g)), np.empty((count, g))
    for start in range(0, count, chunk):
        c = min(chunk, count - start)
        W = rng.standard_normal((c, features, D))
        W /= np.linalg.norm(W, axis=2, keepdims=True)
        keys = rng.random((c, g, features))
        cut = np.take_along_axis(np.sort(keys, axis=2), (grid - 1)[None, :, None], axis=2)
        y = (keys <= cut).astype(float)
        # A contiguous transpose keeps both stacked products on BLAS.
        noise = (y @ W) @ np.ascontiguousarray(W.transpose(0, 2, 1)) - y
        rows = slice(start, start + c)
        squares[rows] = (noise * noise * (1.0 - y)).sum(axis=2) / (features - grid)
        maxima[rows] = np.abs(noise).max(axis=2)
        monitor.step((start + c) / count)
    return squares, maxima


def _root(square: Estimate) -> Estimate:
    root = math.sqrt(max(square.value, 0.0))
    return Estimate(root, root_se(root, square.se), square.samples, square.groups)


def supported_capacity(capacity: CapacitySimulation) -> str:
    """Which capacity line lies nearest (in ratio) to the measured crossing of θ.

    One of ``"typical"`` (l < n), ``"notes"`` (n/(8 ln m′)) or ``"threshold"``
    (θ²n/(2 ln m′)), each line at the m′ readouts the simulation examines.
    """
    measured = max(capacity.worst.active, 1e-12)
    lines = {
        "typical": capacity.capacity_typical,
        "notes": capacity.capacity_notes_examined,
        "threshold": capacity.capacity_threshold_examined,
    }
    return min(lines, key=lambda name: abs(math.log(lines[name] / measured)))
