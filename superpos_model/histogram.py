"""How a Monte Carlo's per-sample draws are spread: a histogram binned in the model.

A mean of draws comes with the picture of what was averaged.  The frame of the
bins is the bulk of the draws (robust quantiles), not their whole range, so one
heavy tail (an overlap² is very skewed) does not squash the bulk into a few
bins; the draws beyond the frame are counted, not dropped silently.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike

#: Bins of a histogram: enough for a shape, few enough for a terminal's width.
BINS = 36
#: The share of the draws the frame spans before it is widened to the marks:
#: the 0.5 % … 99.5 % quantiles.
COVERAGE = 0.99


@dataclass(frozen=True, eq=False)
class Histogram:
    """Counts of draws per bin, and of the draws beyond the bins' frame.

    Attributes
    ----------
    edges : (bins + 1,) array
        Increasing bin edges; the frame is ``edges[0]`` … ``edges[-1]``.
    counts : (bins,) int array
        Draws per bin (the last bin holds its right edge).
    below, above : int
        Draws left of ``edges[0]`` and right of ``edges[-1]``.
    total : int
        Every draw counted: ``counts.sum() + below + above`` (NaN draws are not counted).
    """

    edges: np.ndarray
    counts: np.ndarray
    below: int
    above: int
    total: int

    @property
    def shares(self) -> np.ndarray:
        """The share of all draws in each bin (the bars sum to 1 less the outside share)."""
        return self.counts / max(self.total, 1)

    @property
    def centres(self) -> np.ndarray:
        """The middle of each bin, where its bar stands."""
        return np.asarray((self.edges[:-1] + self.edges[1:]) / 2)

    @property
    def outside(self) -> int:
        """Draws beyond the frame, on either side."""
        return self.below + self.above


def histogram_of(
    draws: ArrayLike,
    marks: Iterable[float] = (),
    bins: int = BINS,
    coverage: float = COVERAGE,
) -> Histogram | None:
    """Bin ``draws`` over their bulk, widened to hold every one of ``marks``.

    Parameters
    ----------
    draws : array_like
        The draws, any shape (flattened); NaN draws are left out, infinite ones
        count as beyond the frame.
    marks : iterable of float
        Values the frame must hold (e.g. the mean ± SE); non-finite ones are ignored.
    bins : int
        Equal-width bins across the frame.
    coverage : float
        The central share of the finite draws the frame spans before the widening.

    Returns
    -------
    Histogram or None
        None when no draw is finite.  A frame of zero width (all draws and
        marks equal) is widened by half its level (or ±0.5 at 0), so the one
        bar has a place to stand.
    """
    values = np.asarray(draws, dtype=float).ravel()
    values = values[~np.isnan(values)]
    finite = values[np.isfinite(values)]
    if not finite.size:
        return None
    tail = (1.0 - coverage) / 2.0
    low, high = (float(q) for q in np.quantile(finite, [tail, 1.0 - tail]))
    held = [m for m in marks if np.isfinite(m)]
    low, high = min([low, *held]), max([high, *held])
    if high <= low:
        half = 0.5 * abs(low) or 0.5
        low, high = low - half, high + half
    edges = np.linspace(low, high, bins + 1)
    counts, _ = np.histogram(finite, bins=edges)
    below, above = int((values < low).sum()), int((values > high).sum())
    return Histogram(edges, counts, below, above, int(values.size))
