"""Embeddings W ∈ R^{D×T} and the one streaming pass over their columns.

Everything the exact curve and the Monte Carlo need from W is gathered in a
single pass over its columns (:meth:`Embedding.accumulate`): the D×D Gram WWᵀ,
the column sum W·1, ‖W‖_F², and the readouts h = W·y of the sampled active
sets.  Columns are produced block by block, so W itself is never stored.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import numpy as np

from .monitor import SILENT, Monitor

#: Columns per generated block of a random embedding.  Fixed, so that a seed
#: names the same W whatever the machine or chunking.
BLOCK_COLUMNS = 1024

#: Multiply-adds of WWᵀ (T·D²) from which its block products run in single precision.
SINGLE_PRECISION_WORK = 1e11

#: Stream tags keep the random numbers of different purposes independent.
EMBEDDING_STREAM = 1


@dataclass(frozen=True)
class PassResult:
    """What one pass over W's columns gathers.

    Attributes
    ----------
    gram : (D, D) array
        WWᵀ.
    column_sum : (D,) array
        W·1, the sum of all columns.
    frobenius2 : float
        ‖W‖_F², the sum of squared column norms.
    readouts : (n, D) array
        h_n = W·y_n for each sampled active set.
    """

    gram: np.ndarray
    column_sum: np.ndarray
    frobenius2: float
    readouts: np.ndarray


class Embedding:
    """T feature directions in D neurons."""

    T: int
    D: int

    def accumulate(self, active: np.ndarray, monitor: Monitor = SILENT) -> PassResult:
        """One pass over the columns for the (n, z) active sets ``active``."""
        raise NotImplementedError

    def matrix(self) -> np.ndarray:
        """W as a dense (D, T) array (small sizes: tests, references, plots)."""
        raise NotImplementedError


@dataclass(frozen=True)
class RandomEmbedding(Embedding):
    """Columns independent and uniform on the unit sphere S^{D−1}.

    ``index`` tells apart the several embeddings one seed draws.
    """

    T: int
    D: int
    seed: int
    index: int = 0

    def directions(self, b: int) -> np.ndarray:
        """Features [b·BLOCK_COLUMNS, …) as rows: a (k, D) array of unit vectors (a block of Wᵀ)."""
        start = b * BLOCK_COLUMNS
        width = min(BLOCK_COLUMNS, self.T - start)
        # SFC64 is the fastest of NumPy's generators for normals; its streams are as good here.
        seeds = np.random.SeedSequence([self.seed, EMBEDDING_STREAM, self.index, b])
        rows = np.random.Generator(np.random.SFC64(seeds)).standard_normal((width, self.D))
        rows /= np.sqrt(np.einsum("ij,ij->i", rows, rows))[:, None]
        return rows

    @property
    def blocks(self) -> int:
        return -(-self.T // BLOCK_COLUMNS)

    def columns(self, stop: int) -> np.ndarray:
        """The first ``stop`` columns of W as a (D, stop) array."""
        needed = -(-stop // BLOCK_COLUMNS)
        return np.vstack([self.directions(b) for b in range(needed)])[:stop].T

    def matrix(self) -> np.ndarray:
        return self.columns(self.T)

    def accumulate(self, active: np.ndarray, monitor: Monitor = SILENT) -> PassResult:
        return self._pass(active, monitor, sums=True)

    def gather(self, active: np.ndarray, monitor: Monitor = SILENT) -> np.ndarray:
        """Only the readouts h = W·y of the (n, z) active sets: a pass without the Gram."""
        return self._pass(active, monitor, sums=False).readouts

    def _pass(self, active: np.ndarray, monitor: Monitor, sums: bool) -> PassResult:
        n, z = active.shape
        gram = np.zeros((self.D, self.D))
        column_sum = np.zeros(self.D)
        frobenius2 = 0.0
        readouts = np.zeros((n, self.D))
        # Per slot, rows are distinct, so fancy-index += adds each direction once.
        order = np.argsort(active, axis=0, kind="stable")
        ordered = np.take_along_axis(active, order, axis=0)
        # Past SINGLE_PRECISION_WORK the D×D products run in float32 (twice BLAS's speed);
        # each block's product is then accurate to ~1e-6 relative, far below any SE.
        single = self.T * self.D * self.D >= SINGLE_PRECISION_WORK
        for b in range(self.blocks):
            rows = self.directions(b)
            start = b * BLOCK_COLUMNS
            if sums:
                product_rows = rows.astype(np.float32) if single else rows
                gram += product_rows.T @ product_rows
                column_sum += rows.sum(axis=0)
                frobenius2 += float(np.einsum("ij,ij->", rows, rows))
            for slot in range(z):
                lo, hi = np.searchsorted(ordered[:, slot], [start, start + len(rows)])
                readouts[order[lo:hi, slot]] += rows[ordered[lo:hi, slot] - start]
            monitor.step((b + 1) / self.blocks)
        return PassResult(gram, column_sum, frobenius2, readouts)


class ColumnSums:
    """WWᵀ, W·1 and ‖W‖_F² of a seed's random embeddings, each gathered by one pass only.

    The loss simulation, the per-feature anatomy, the overlap statistics and the
    frame potential all pass over the columns of the same random embeddings
    (index k of the seed).  Through one :class:`ColumnSums` the first pass over
    embedding k gathers its Gram (T·D² multiply-adds, the dominant cost at large
    T); later passes only gather their readouts.  Thread-safe.
    """

    def __init__(self, T: int, D: int, seed: int) -> None:
        self._embedding = (T, D, seed)
        self._held: dict[int, PassResult] = {}
        self._lock = threading.Lock()

    def read(self, k: int, active: np.ndarray, monitor: Monitor = SILENT) -> PassResult:
        """What :meth:`RandomEmbedding.accumulate` of embedding k on ``active`` returns."""
        embedding = RandomEmbedding(*self._embedding, index=k)
        with self._lock:
            held = self._held.get(k)
        if held is not None:
            readouts = embedding.gather(active, monitor)
            return PassResult(held.gram, held.column_sum, held.frobenius2, readouts)
        result = embedding.accumulate(active, monitor)
        with self._lock:
            self._held[k] = PassResult(
                result.gram, result.column_sum, result.frobenius2, result.readouts[:0]
            )
        return result


@dataclass(frozen=True, eq=False)
class AxisEmbedding(Embedding):
    """Each feature on one neuron with weight 1, or dropped (neuron −1)."""

    T: int
    D: int
    neuron: np.ndarray

    def accumulate(self, active: np.ndarray, monitor: Monitor = SILENT) -> PassResult:
        n, z = active.shape
        kept = self.neuron >= 0
        group_sizes = np.bincount(self.neuron[kept], minlength=self.D).astype(float)
        readouts = np.zeros((n, self.D))
        rows = np.arange(n)
        for slot in range(z):
            neurons = self.neuron[active[:, slot]]
            on = neurons >= 0
            readouts[rows[on], neurons[on]] += 1.0
            monitor.step((slot + 1) / z)
        return PassResult(np.diag(group_sizes), group_sizes, float(kept.sum()), readouts)

    def matrix(self) -> np.ndarray:
        W = np.zeros((self.D, self.T))
        features = np.flatnonzero(self.neuron >= 0)
        W[self.neuron[features], features] = 1.0
        return W
