"""The frame potential Σ_ij⟨w_i,w_j⟩² of random embeddings, and the loss it costs."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from ..embeddings import BLOCK_COLUMNS, ColumnSums
from ..estimate import Estimate
from ..exact import embedding_quadratic
from ..monitor import SILENT, Monitor
from ..params import Params
from .overlaps import PairScans, embeddings_within, per_embedding, square_variance
from .theory import random_frame_potential, tight_frame_potential


@dataclass(frozen=True)
class FramePotential:
    """Σ_ij⟨w_i,w_j⟩² = ‖WWᵀ‖_F² of several random embeddings, and what it costs.

    Attributes
    ----------
    values : tuple of float
        The frame potential of embeddings 0, 1, … of the seed.
    losses : tuple of float
        Each embedding's exact optimal loss over all active sets,
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
        spread = per_embedding(self.values)
        pairs = self.T * (self.T - 1) / 2
        pair_se = math.sqrt(4 * pairs * self.square_variance / spread.samples)
        return Estimate(
            spread.value, float(np.fmax(spread.se, pair_se)), spread.samples, spread.groups
        )

    @property
    def loss_estimate(self) -> Estimate:
        return per_embedding(self.losses)

    @property
    def random_mean(self) -> float:
        return random_frame_potential(self.T, self.D)

    @property
    def tight_minimum(self) -> float:
        return tight_frame_potential(self.T, self.D)


def frame_potential(
    params: Params,
    monitor: Monitor = SILENT,
    scans: PairScans | None = None,
    sums: ColumnSums | None = None,
) -> FramePotential:
    """Frame potential and exact optimal loss of several random embeddings (one pass each).

    Var(⟨u,v⟩²) comes from the pairs of each embedding's first block of columns.
    """
    scans = scans or PairScans(params)
    sums = sums or ColumnSums(params.T, params.D, params.seed)
    T, D = params.T, params.D
    count = embeddings_within(T * D * D)
    no_samples = np.empty((0, 1), dtype=np.int64)
    values, losses, tallies = [], [], []
    for k in range(count):
        part = monitor.part(k / count, (k + 1) / count)
        passed = sums.read(k, no_samples, part.part(0.0, 0.5))
        values.append(float(passed.gram.ravel() @ passed.gram.ravel()))
        losses.append(embedding_quadratic(passed, params).minimum)
        tallies.append(scans.tally(k, min(T, BLOCK_COLUMNS), part.part(0.5, 1.0)))
    squares, fourth = sum(t.squares for t in tallies), sum(t.fourth for t in tallies)
    variance = square_variance(squares, fourth, sum(t.pairs for t in tallies))
    return FramePotential(T, D, tuple(values), tuple(losses), variance)
