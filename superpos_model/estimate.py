"""A simulated value with its standard error, and the one way the model pools SEs.

Every Monte Carlo in the model averages draws that come in groups, one group per
independent embedding (a single group when the embedding is fixed).  The
standard error of such a mean is :func:`pooled`: the larger of the estimate from
the spread inside the groups and the one from the spread of the group means,
so it is never below the sampling noise and includes the embeddings' own spread
when there are several.  A mean of per-sample draws can keep the histogram of
its draws (:func:`sample_estimate`), for the picture of what was averaged.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import numpy as np
from numpy.typing import ArrayLike

from .histogram import Histogram, histogram_of

#: Relative size below which a number is floating-point round-off: an SE or a loss under
#: ROUNDOFF × max(|values it goes with|, 1) is 0 computed in floating point.
ROUNDOFF = 1e-12


def roundoff(*values: float) -> float:
    """The round-off floor of quantities of the size of ``values``: :data:`ROUNDOFF` × the
    largest |value|, or × 1 when all are smaller (an absolute floor near 0)."""
    return ROUNDOFF * max([1.0, *(abs(v) for v in values if math.isfinite(v))])


def roundoff_se(se: float, *values: float) -> bool:
    """Whether ``se`` is only the round-off of a spread of 0: below :func:`roundoff` of the
    values it goes with (the simulated value, and the exact one where known).  The draws
    then all gave the same number; an SE count against such an SE would be made of noise."""
    return math.isfinite(se) and abs(se) < roundoff(*values)


def shown_se(se: float, *values: float) -> float:
    """``se``, or 0 where it is round-off (:func:`roundoff_se`): no digit of it is data."""
    return 0.0 if roundoff_se(se, *values) else se


def figure(x: float) -> str:
    """A number for prose: 4 significant digits, 'n/a' when undefined."""
    if math.isnan(x):
        return "n/a"
    return f"{x:,.0f}" if abs(x) >= 1000 else f"{x:.4g}"


@dataclass(frozen=True)
class Estimate:
    """A Monte Carlo mean, its standard error, and what it averages.

    Attributes
    ----------
    value, se : float
        The mean and its standard error (NaN when it cannot be estimated).
    samples : int
        Independent draws behind the mean.
    groups : int
        Independent embeddings (groups of draws) behind the SE; 1 when the
        embedding is fixed or the draws are all independent.
    observable : str
        What each draw measured, in words ('' where no reader needs it).
    draw_range : float
        How far apart two draws can lie, where the producer knows it (NaN
        otherwise): the scale of :func:`zero_spread_se` when no spread is seen.
    histogram : Histogram or None
        How the draws behind the mean are spread, where the producer had them
        (:func:`sample_estimate`); not part of the estimate's identity or output.

    An SE that is round-off of its value (:func:`roundoff_se`) is stored as 0.
    """

    value: float
    se: float
    samples: int
    groups: int = 1
    observable: str = ""
    draw_range: float = math.nan
    histogram: Histogram | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "se", shown_se(self.se, self.value))

    @property
    def exact(self) -> bool:
        """Whether the draws showed no spread beyond round-off (SE 0): every draw gave the
        same number, so no count of SEs means anything."""
        return self.se == 0

    @property
    def text(self) -> str:
        """'value ± se' for prose; an SE that cannot be estimated reads 'n/a'."""
        se = "n/a" if math.isnan(self.se) else f"{self.se:.2g}"
        return f"{figure(self.value)} ± {se}"


@dataclass(frozen=True, eq=False)
class Pooled:
    """Mean of grouped draws of a vector, with two estimates of the mean's covariance.

    Attributes
    ----------
    mean : (p,) array
    within : (p, p) array
        Covariance of the mean from the spread of the draws about their group's mean.
    between : (p, p) array or None
        Covariance of the mean from the spread of the group means; None with one group.
    samples, groups : int
    """

    mean: np.ndarray
    within: np.ndarray
    between: np.ndarray | None
    samples: int
    groups: int

    def variance(self, weights: ArrayLike) -> np.ndarray:
        """Variance of weights·mean (see :func:`larger_variance`)."""
        return larger_variance(weights, self.within, self.between)


def larger_variance(weights: ArrayLike, within: ArrayLike, between: ArrayLike | None) -> np.ndarray:
    """Variance of weights·mean: the larger of the within- and between-group estimates.

    ``weights`` is (p,) or (p, m) for m combinations at once; ``within`` and
    ``between`` are (p, p) covariances of the mean (``between`` None with one group).
    """
    w = np.asarray(weights, dtype=float)
    variance = np.einsum("i...,ij,j...->...", w, np.asarray(within, dtype=float), w)
    if between is not None:
        spread = np.einsum("i...,ij,j...->...", w, np.asarray(between, dtype=float), w)
        variance = np.maximum(variance, spread)
    return np.asarray(np.maximum(variance, 0.0), dtype=float)


def pooled(groups: Sequence[np.ndarray]) -> Pooled:
    """Pool draws given as one (n_k,) or (n_k, p) array per group (embedding)."""
    arrays = [np.asarray(g, dtype=float).reshape(len(g), -1) for g in groups]
    values = np.concatenate(arrays)
    n, k = len(values), len(arrays)
    centred = np.concatenate([g - g.mean(axis=0) for g in arrays])
    within = centred.T @ centred / max(n - k, 1) / n
    between = None
    if k > 1:
        means = np.array([g.mean(axis=0) for g in arrays])
        spread = means - means.mean(axis=0)
        between = spread.T @ spread / (k - 1) / k
    return Pooled(values.mean(axis=0), within, between, n, k)


def pooled_estimate(groups: Sequence[np.ndarray], observable: str = "") -> Estimate:
    """The mean of scalar draws, one array per group, and its pooled SE (NaN below two draws)."""
    spread = pooled(groups)
    se = math.sqrt(float(spread.variance(np.ones(1)))) if spread.samples > 1 else math.nan
    return Estimate(float(spread.mean[0]), se, spread.samples, spread.groups, observable)


def sample_estimate(draws: np.ndarray, observable: str = "") -> Estimate:
    """The mean of independent per-sample draws and its SE (:func:`pooled_estimate` of one
    group), with the histogram of the draws: for a walkthrough step's picture, so only the
    steps that show one pay for the binning."""
    return with_draws(pooled_estimate([draws], observable), draws)


def with_draws(estimate: Estimate, draws: ArrayLike) -> Estimate:
    """``estimate`` with the histogram of the draws it is the mean of, framed to hold its
    mean ± SE; its numbers unchanged."""
    value, se = estimate.value, estimate.se
    return replace(estimate, histogram=histogram_of(draws, (value - se, value + se)))


def settled(estimate: Estimate, *values: float) -> Estimate:
    """``estimate`` with its SE 0 where it is round-off beside ``values`` too (the exact
    value it is compared with: :func:`roundoff_se` of both)."""
    return replace(estimate, se=shown_se(estimate.se, estimate.value, *values))


def zero_spread_se(scale: float, samples: int) -> float:
    """The SE stand-in for ``samples`` draws that showed no spread at all (observed SE 0).

    By the rule of three, a kind of draw never seen in N draws has a rate below
    3/N (95 %).  Such draws, each off by up to ``scale`` (how far apart two draws
    can lie), could move the mean by up to 3·scale/N unseen: the 3-SE test with
    SE = scale/N.  An observed SE of 0 is thus never read as exactness.
    """
    return abs(scale) / samples if samples > 0 else math.nan


def root_se(root: float, se_of_square: float) -> float:
    """SE of √x from the SE of x (delta method); NaN at a root of 0."""
    return se_of_square / (2.0 * root) if root > 0 else math.nan
