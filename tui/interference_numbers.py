"""The interference numbers as text and records: the screen's table, its export and the
``interference`` command's output share them (no Textual here).

Written with T, D and z (the comment thread's m, n and l); a formula over fewer
features than T names how many (:func:`~tui.format.among`).
"""

from __future__ import annotations

from superpos_model import Params
from superpos_model.interference import Crossing, InterferenceAnalysis, supported_capacity

from .export import ExportTable, params_record
from .format import among, count, estimate, number

#: θ's range: the screen's + and − keys and the command's --threshold keep within it.
THRESHOLD_RANGE = (0.25, 4.0)
#: The columns of the CSV export: a row per number of the table, then a row per point of
#: the capacity simulation (the noise at z features active at once).
NUMBER_COLUMNS = ("key", "quantity", "measured", "se", "theory")
CURVE_COLUMNS = ("z", "rms_noise", "rms_se", "rms_theory", "max_noise", "max_se", "max_theory")
COLUMNS = (*NUMBER_COLUMNS, *CURVE_COLUMNS)


#: How :func:`~superpos_model.interference.supported_capacity` names each capacity.
CAPACITY_NAMES = {
    "typical": "z < D",
    "notes": "the notes' D/(8 ln T)",
    "threshold": "θ²D/(2 ln {T})",
}


def crossing_text(cross: Crossing) -> str:
    """Where a measured noise reaches its level, or how far it stayed below."""
    if not cross.reached:
        return f"not reached by z = {cross.below:,}"
    return estimate(cross.active, cross.se)


def numbers_rows(analysis: InterferenceAnalysis) -> dict[str, tuple[str, str, str]]:
    """Row key → (quantity, measured ± SE, theory / bound), as the table shows them."""
    o, mx, f, c = analysis.overlaps, analysis.maxima, analysis.frame, analysis.capacity
    top, potential = mx.estimate, f.estimate
    readouts = among(c.features, c.T)
    return {
        "rms": ("RMS overlap", estimate(o.rms, o.rms_se), f"D^−½ = {number(o.rms_typical)}"),
        "max": (
            "largest |overlap|",
            estimate(top.value, top.se),
            f"√(4 ln {among(mx.features, mx.T)}/D) = {number(mx.asymptotic)}",
        ),
        "jl": ("notes' noise: JL", "", f"√(8 ln T/D) = {number(o.jl_bound)}"),
        "welch": ("Welch floor", "", f"√((T−D)/(D(T−1))) = {number(o.welch_bound)}"),
        "frame": (
            "Σ_ij⟨w_i,w_j⟩²",
            estimate(potential.value, potential.se),
            f"random: T + T(T−1)/D = {count(f.random_mean)}",
        ),
        "tight": ("least Σ: tight frames", "", f"T²/D = {count(f.tight_minimum)}"),
        "typical": (
            "z at RMS noise = 1",
            crossing_text(c.typical),
            f"z < D = {count(c.capacity_typical)}",
        ),
        "threshold": (
            "z at max noise = θ",
            crossing_text(c.worst),
            f"θ²D/(2 ln {readouts}) = {count(c.capacity_threshold_examined)}, θ = {c.threshold:g}",
        ),
        "notes": ("notes' capacity", "", f"D/(8 ln T) = {count(c.capacity_notes)}"),
        "supported": (
            "θ crossing is nearest",
            CAPACITY_NAMES[supported_capacity(c)].format(T=readouts),
            "",
        ),
    }


def _crossing(cross: Crossing) -> tuple[float | None, float | None]:
    """A crossing's l and SE, or (None, None) when the noise never reached its level."""
    return (cross.active, cross.se) if cross.reached else (None, None)


def numbers_records(analysis: InterferenceAnalysis) -> list[dict[str, object]]:
    """The table's numbers unformatted: key, quantity, measured, se, theory (None: none)."""
    o, mx, f, c = analysis.overlaps, analysis.maxima, analysis.frame, analysis.capacity
    names = numbers_rows(analysis)
    values: dict[str, tuple[float | None, float | None, float | None]] = {
        "rms": (o.rms, o.rms_se, o.rms_typical),
        "max": (mx.estimate.value, mx.estimate.se, mx.asymptotic),
        "jl": (None, None, o.jl_bound),
        "welch": (None, None, o.welch_bound),
        "frame": (f.estimate.value, f.estimate.se, f.random_mean),
        "tight": (None, None, f.tight_minimum),
        "typical": (*_crossing(c.typical), c.capacity_typical),
        "threshold": (*_crossing(c.worst), c.capacity_threshold_examined),
        "notes": (None, None, c.capacity_notes),
    }
    return [
        {"key": key, "quantity": names[key][0], "measured": m, "se": se, "theory": theory}
        for key, (m, se, theory) in values.items()
    ]


def examined_text(analysis: InterferenceAnalysis) -> str:
    """How many pairs, features, readouts and embeddings the numbers rest on."""
    o, mx, f, c = analysis.overlaps, analysis.maxima, analysis.frame, analysis.capacity
    features = f"all {mx.T:,} features" if mx.complete else f"the first {mx.features:,} of {mx.T:,}"
    readouts = f"all {c.T:,}" if c.features == c.T else f"the first {c.features:,} of {c.T:,}"
    return (
        f"Histogram: {o.histogram.source}; RMS over {o.rms_pairs:,} pairs.  "
        f"Largest: all {o.max_pairs:,} pairs of {features}, {len(mx.maxima)} embeddings.  "
        f"Σ⟨w_i,w_j⟩²: {len(f.values)} embeddings.  Capacity: {readouts} readouts, "
        f"{c.draws:,} active sets per z over {c.embeddings} embeddings."
    )


def curve_records(analysis: InterferenceAnalysis) -> list[dict[str, object]]:
    """The capacity simulation point by point: the RMS and largest readout noise ± SE at
    each number z of features active at once, beside their theory."""
    c = analysis.capacity
    return [
        {
            "z": int(c.active[k]),
            "rms_noise": float(c.rms[k]),
            "rms_se": float(c.rms_se[k]),
            "rms_theory": float(c.rms_theory[k]),
            "max_noise": float(c.max[k]),
            "max_se": float(c.max_se[k]),
            "max_theory": float(c.max_theory[k]),
        }
        for k in range(len(c.active))
    ]


def interference_table(
    analysis: InterferenceAnalysis, params: Params, threshold: float
) -> ExportTable:
    """The numbers and the capacity curve, as CSV records and one JSON document."""
    numbers = numbers_records(analysis)
    curve = curve_records(analysis)
    c = analysis.capacity
    document = {
        "params": params_record(params),
        "threshold": threshold,
        "numbers": numbers,
        "capacity_curve": {
            "readouts": c.features,
            "embeddings": c.embeddings,
            "active_sets_per_z": c.draws,
            "points": curve,
        },
    }
    records = [*numbers, *({"key": "capacity_curve", **point} for point in curve)]
    return ExportTable(COLUMNS, records, document)
