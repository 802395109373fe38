"""What the Interference screen draws, derived from an :class:`InterferenceAnalysis`.

Line positions, theory curves on a fine grid and the data's ranges: pure
functions of an analysis, with no further simulation; labels and ticks are the
app's.
Changing the threshold θ needs no new draws either (:func:`with_threshold`).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from ..interference import (
    CapacitySimulation,
    InterferenceAnalysis,
    OverlapHistogram,
    OverlapStats,
    crossing,
    max_readout_typical,
)

#: Points of the theory curves on the capacity plot.
CURVE_POINTS = 200
#: Bins expected to hold fewer pairs than this are left off the expected curve:
#: there it would only trace the zero line under the bounds.
EXPECTED_MIN = 0.5
#: Room around the capacity plot's data, as a factor on both (log) axes.
L_MARGIN = 1.25


@dataclass(frozen=True)
class Mark:
    """A line on a plot at ``value``.

    ``key`` names what it marks (the same key for both signs of ±RMS), so the
    renderer can give each kind its own line style and label.
    """

    key: str
    value: float


# -- overlaps ------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class HistogramSeries:
    """The overlap histogram as curves: counts per bin and the exact expectation.

    ``runs`` are the stretches of consecutive bins holding pairs: drawn one by one,
    an empty bin is left empty instead of being bridged or drawn on the zero line.
    """

    centres: np.ndarray
    counts: np.ndarray
    runs: tuple[slice, ...]
    expected_centres: np.ndarray
    expected: np.ndarray
    lower: float
    upper: float

    @property
    def width(self) -> float:
        """The width of one bin."""
        return float(self.centres[1] - self.centres[0]) if self.centres.size > 1 else 0.0

    @property
    def top(self) -> float:
        """The highest count or expectation (at least 1, so an axis always has height)."""
        return float(max(1.0, self.counts.max(initial=0), self.expected.max(initial=0.0)))


def histogram_series(histogram: OverlapHistogram) -> HistogramSeries:
    edges = histogram.edges
    centres = (edges[:-1] + edges[1:]) / 2
    shown = histogram.expected >= EXPECTED_MIN
    filled = np.concatenate([[0], (histogram.counts > 0).astype(np.int8), [0]])
    starts, stops = np.flatnonzero(np.diff(filled) == 1), np.flatnonzero(np.diff(filled) == -1)
    return HistogramSeries(
        centres,
        histogram.counts,
        tuple(slice(int(a), int(b)) for a, b in zip(starts, stops, strict=True)),
        centres[shown],
        histogram.expected[shown],
        float(edges[0]),
        float(edges[-1]),
    )


def overlap_marks(overlaps: OverlapStats) -> tuple[Mark, ...]:
    """±RMS, the observed largest |overlap|, √(4 ln m/n), the JL and the Welch bounds.

    The largest |overlap| and √(4 ln m/n) are for the m = ``features`` examined;
    the JL and Welch bounds for all m = T.
    """
    o = overlaps
    return (
        Mark("rms", -o.rms),
        Mark("rms", o.rms),
        Mark("welch", o.welch_bound),
        Mark("max", o.max_abs),
        Mark("max_typical", o.max_typical),
        Mark("jl", o.jl_bound),
    )


# -- capacity ------------------------------------------------------------


def with_threshold(analysis: InterferenceAnalysis, threshold: float) -> InterferenceAnalysis:
    """The analysis at another θ: only where the largest noise crosses θ changes.

    The draws do not depend on θ, so this equals ``analyse_interference`` at θ.
    """
    if not threshold > 0:
        raise ValueError(f"threshold θ must be positive, not {threshold}")
    c = analysis.capacity
    capacity = dataclasses.replace(
        c, threshold=threshold, worst=crossing(c.active, c.max, c.max_se, threshold)
    )
    return dataclasses.replace(analysis, capacity=capacity)


@dataclass(frozen=True, eq=False)
class CapacityCurves:
    """Theory of the readout noise on a fine geometric grid of l.

    ``rms`` is √(l/n); ``max`` is √(2 l ln m′/n) for the m′ readouts simulated.
    """

    active: np.ndarray
    rms: np.ndarray
    max: np.ndarray


def capacity_curves(capacity: CapacitySimulation, points: int = CURVE_POINTS) -> CapacityCurves:
    c = capacity
    low, high = capacity_l_range(c)
    active = np.geomspace(low, high, points)
    return CapacityCurves(
        active, np.sqrt(active / c.D), np.asarray(max_readout_typical(active, c.features, c.D))
    )


def capacity_marks(capacity: CapacitySimulation) -> tuple[Mark, ...]:
    """The three capacities, as vertical lines at l.

    The θ line is θ²n/(2 ln m′) for the m′ readouts the simulation examines, the
    one its crossing should be compared with.
    """
    c = capacity
    return (
        Mark("notes", c.capacity_notes),
        Mark("threshold", c.capacity_threshold_examined),
        Mark("typical", c.capacity_typical),
    )


def level_marks(capacity: CapacitySimulation) -> tuple[Mark, ...]:
    """Horizontal lines: the signal 1 (typical noise) and θ (every readout), one if equal."""
    theta = capacity.threshold
    if theta == 1.0:
        return (Mark("signal", 1.0),)
    return (Mark("signal", 1.0), Mark("theta", theta))


def crossing_points(capacity: CapacitySimulation) -> tuple[Mark, ...]:
    """Where the measured noise reaches its level: l at RMS = 1 and at max = θ.

    A crossing not reached within the simulated l has no point.
    """
    c = capacity
    points = [Mark("rms", c.typical.active)] if c.typical.reached else []
    if c.worst.reached:
        points.append(Mark("max", c.worst.active))
    return tuple(points)


def capacity_l_range(capacity: CapacitySimulation) -> tuple[float, float]:
    """The l-axis: every grid point and every capacity line, with room on a log scale."""
    c = capacity
    values = [float(c.active[0]), float(c.active[-1])]
    values += [m.value for m in capacity_marks(c)]
    return min(values) / L_MARGIN, max(values) * L_MARGIN


def capacity_noise_range(capacity: CapacitySimulation) -> tuple[float, float]:
    """The (log) noise axis: the theory curves over the l-axis, the measured noise ±SE
    and the levels, with room."""
    c = capacity
    curves = capacity_curves(c)
    low = min(float(curves.rms[0]), float(np.min(c.rms - np.nan_to_num(c.rms_se))))
    high = max(
        float(curves.max[-1]),
        float(np.max(c.max + np.nan_to_num(c.max_se))),
        *(m.value for m in level_marks(c)),
    )
    # A measured RMS that reaches 0 within its SE would have no place on a log axis.
    low = low if low > 0 else float(curves.rms[0])
    return low / L_MARGIN, high * L_MARGIN


@dataclass(frozen=True, eq=False)
class NoisePoints:
    """Measured noise at the grid's l, with its ±SE bar clipped to the axis."""

    active: np.ndarray
    value: np.ndarray
    low: np.ndarray
    high: np.ndarray


def noise_points(capacity: CapacitySimulation) -> dict[str, NoisePoints]:
    """``"rms"`` and ``"max"``: the measured noise and its ±SE bars."""
    c = capacity
    floor, _ = capacity_noise_range(c)
    return {
        name: NoisePoints(
            c.active.astype(float),
            value,
            np.maximum(value - np.nan_to_num(se), floor),
            value + np.nan_to_num(se),
        )
        for name, value, se in (("rms", c.rms, c.rms_se), ("max", c.max, c.max_se))
    }
