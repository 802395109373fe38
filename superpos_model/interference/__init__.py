"""Typical versus worst-case interference of random feature directions (the first note).

:mod:`.theory` holds the closed forms, :mod:`.overlaps` measures the overlaps of
the random embeddings (their distribution and the largest), :mod:`.frame` their
sum of squares and the loss it costs, and :mod:`.capacity` the readout noise as
the number of active features grows.
:func:`analyse_interference` gathers all of it at one point of parameter space.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..embeddings import ColumnSums
from ..monitor import SILENT, Monitor
from ..params import Params
from .capacity import (
    CapacitySimulation,
    Crossing,
    capacity_features,
    capacity_grid,
    capacity_simulation,
    crossing,
    supported_capacity,
)
from .frame import FramePotential, frame_potential
from .overlaps import (
    MaxOverlaps,
    OverlapHistogram,
    OverlapStats,
    PairScans,
    draw_pairs,
    examined_features,
    histogram_edges,
    max_overlaps,
    overlap_stats,
    sampled_pairs,
)
from .theory import (
    DEFAULT_THRESHOLD,
    bin_probabilities,
    capacity_notes,
    capacity_threshold,
    capacity_typical,
    jl_bound,
    max_readout_typical,
    max_typical,
    random_frame_potential,
    rms_typical,
    tight_frame_potential,
    welch_bound,
)

#: Share of an analysis's progress taken by the overlap statistics.
OVERLAPS_SHARE = 0.2


@dataclass(frozen=True, eq=False)
class InterferenceAnalysis:
    """Everything the interference thread measures at one point of parameter space."""

    overlaps: OverlapStats
    maxima: MaxOverlaps
    frame: FramePotential
    capacity: CapacitySimulation


def analyse_interference(
    params: Params,
    threshold: float = DEFAULT_THRESHOLD,
    monitor: Monitor = SILENT,
    overlaps: OverlapStats | None = None,
    scans: PairScans | None = None,
    sums: ColumnSums | None = None,
) -> InterferenceAnalysis:
    """Overlap distribution, largest overlaps, frame potential and capacity simulation.

    ``overlaps``, when given, is :func:`overlap_stats` at ``params`` computed
    before (the check report needs it too); it is not computed again.  ``scans``
    and ``sums`` share pair scans and Grams with other measurements at ``params``.
    """
    scans = scans or PairScans(params)
    sums = sums or ColumnSums(params.T, params.D, params.seed)
    if overlaps is None:
        overlaps = overlap_stats(params, monitor.part(0.0, OVERLAPS_SHARE), scans, sums)
    return InterferenceAnalysis(
        overlaps,
        max_overlaps(params, monitor.part(OVERLAPS_SHARE, 0.45), scans),
        frame_potential(params, monitor.part(0.45, 0.55), scans, sums),
        capacity_simulation(params, threshold, monitor.part(0.55, 1.0)),
    )


__all__ = [
    "DEFAULT_THRESHOLD",
    "CapacitySimulation",
    "Crossing",
    "FramePotential",
    "InterferenceAnalysis",
    "MaxOverlaps",
    "OverlapHistogram",
    "OverlapStats",
    "PairScans",
    "analyse_interference",
    "bin_probabilities",
    "capacity_features",
    "capacity_grid",
    "capacity_notes",
    "capacity_simulation",
    "capacity_threshold",
    "capacity_typical",
    "crossing",
    "draw_pairs",
    "examined_features",
    "frame_potential",
    "histogram_edges",
    "jl_bound",
    "max_overlaps",
    "max_readout_typical",
    "max_typical",
    "overlap_stats",
    "random_frame_potential",
    "rms_typical",
    "sampled_pairs",
    "supported_capacity",
    "tight_frame_potential",
    "welch_bound",
]
