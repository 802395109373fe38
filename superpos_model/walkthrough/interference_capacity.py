"""The interference chain's capacity steps: how many features can be active at once.

Each step sets a formula beside the same quantity measured on random embeddings;
its verdict comes from :func:`~superpos_model.walkthrough.verdicts.decide`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..estimate import Estimate, figure
from ..interference import (
    InterferenceAnalysis,
    supported_capacity,
)
from ..steps import Step, make_step
from .verdicts import Judgement, decide, lower_bound_verdict

if TYPE_CHECKING:
    pass


def gap(value: float, reference: float) -> str:
    """``value`` relative to ``reference`` in words, e.g. '14% below'."""
    change = value / reference - 1
    return f"{abs(change):.0%} {'above' if change > 0 else 'below'}"


#: The chain these steps belong to (the interference chain imports it from here).
CHAIN = "interference"


def typical_capacity_step(a: InterferenceAnalysis) -> Step:
    """Typical noise √(l/n) reaches the signal at l = n."""
    c = a.capacity
    cross = c.typical
    measured = Estimate(
        cross.active,
        cross.se,
        c.draws * len(c.active),
        c.embeddings,
        "l at which the measured RMS noise on inactive readouts reaches the signal 1 "
        "(interpolated between grid points)",
    )
    theory = c.capacity_typical
    reach = (
        f"measured {measured.text} (RMS stays below 1 up to l = {cross.below} on the grid)"
        if cross.reached
        else f"not reached up to l = {cross.below}, the largest l simulated"
    )
    return make_step(
        CHAIN,
        "capacity_typical",
        title="Typical capacity: l < n",
        explanation=(
            "Requiring the typical noise to stay below the signal, √(l/n) < 1, allows "
            "l < n simultaneously active features: the correction the first note's reply makes "
            "('this conclusion gets changed to l < n'). A typical readout tolerates as "
            "many active features as there are neurons."
        ),
        formula="√(l / n) < 1  ⇔  l < n",
        theory=theory,
        simulated=measured,
        # Unreached, the measurement is only a lower bound: consistent if n lies beyond it.
        judged=Judgement(
            verdict=decide(measured, theory)
            if cross.reached
            else lower_bound_verdict(cross.active, theory),
            reason=f"RMS noise reaches 1 at l = n = {figure(theory)}: {reach}.",
        ),
    )


def capacity_step(a: InterferenceAnalysis) -> Step:
    """Which capacity estimate the simulation supports when every readout must stay below θ."""
    c = a.capacity
    cross = c.worst
    theta = c.threshold
    measured = Estimate(
        cross.active,
        cross.se,
        c.draws * len(c.active),
        c.embeddings,
        f"l at which the largest |noise| over all {c.features:,} readouts, averaged over "
        f"draws, reaches θ = {theta:g} (interpolated between grid points)",
    )
    # Every line at the m′ readouts the simulation examines, as its crossing is.
    theory, notes = c.capacity_threshold_examined, c.capacity_notes_examined
    m = "m" if c.features == c.T else "m′"
    names = {
        "typical": f"l < n = {figure(c.capacity_typical)}",
        "notes": f"the notes' n/(8 ln {m}) = {figure(notes)}",
        "threshold": f"θ²n/(2 ln {m}) = {figure(theory)}",
    }
    reach = (
        f"the largest readout stays below θ up to l = {cross.below} on the grid and reaches "
        f"it at l = {measured.text}"
        if cross.reached
        else f"the largest readout stays below θ up to l = {cross.below}, the largest l simulated"
    )
    subset = (
        ""
        if c.features == c.T
        else (
            f" The simulation reads out m′ = {c.features:,} of the T = {c.T:,} features, and "
            f"every line above is at m′; with all T readouts they are θ²n/(2 ln T) = "
            f"{figure(c.capacity_threshold)} and the notes' n/(8 ln T) = "
            f"{figure(c.capacity_notes)}."
        )
    )
    return make_step(
        CHAIN,
        "capacity",
        title="Capacity: which estimate the simulation supports",
        explanation=(
            "Three capacities answer different questions. Typical noise below the signal: "
            "l < n. Every one of the m readouts below a threshold θ: the largest of m draws "
            "of N(0, l/n) is ≈ √(2 l ln m / n), so l < θ²n/(2 ln m). The notes' "
            "l < n/(8 ln m) combines the worst-case JL distortion with the typical √l "
            "growth; it equals θ²n/(2 ln m) at θ = 1/2, half the signal."
        ),
        formula=f"every readout's noise below θ = {theta:g}:  l < θ²n / (2 ln m)",
        notes_written="l < n / (8 ln m)",
        theory=theory,
        notes_value=notes,
        simulated=measured,
        judged=Judgement(
            verdict=decide(measured, theory, exact=False, notes=notes, slip=True),
            reason=(
                f"With θ = {theta:g}, {reach}: nearest to {names[supported_capacity(c)]} "
                f"(measured {gap(cross.active, theory)} it, since the maximum of m readouts "
                f"falls short of √(2 l ln m / n) at finite m); the notes' {figure(notes)} is "
                f"{cross.active / notes:.1f}× too small. For typical readouts the capacity is "
                f"l < n = {figure(c.capacity_typical)} "
                f"(measured crossing {figure(c.typical.active)}).{subset}"
            ),
        ),
        evidence=(
            Estimate(
                c.typical.active,
                c.typical.se,
                measured.samples,
                c.embeddings,
                "l at which the measured RMS noise reaches the signal 1 (typical capacity)",
            ),
        ),
    )
