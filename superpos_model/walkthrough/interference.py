"""The Johnson–Lindenstrauss thread of the first note as walkthrough steps.

Each step sets a formula beside the same quantity measured on random embeddings;
its verdict comes from :func:`~superpos_model.walkthrough.verdicts.decide`.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from ..estimate import Estimate, figure
from ..exact import exact_quadratic
from ..interference import (
    DEFAULT_THRESHOLD,
    InterferenceAnalysis,
    OverlapStats,
    max_typical,
)
from ..monitor import SILENT, Monitor
from ..params import Params
from ..steps import Step, make_step
from .common import counted
from .interference_capacity import CHAIN, capacity_step, gap, typical_capacity_step
from .verdicts import Judgement, decide, score

if TYPE_CHECKING:
    from ..session import Session


def _rms_measurement(o: OverlapStats) -> Estimate:
    pairs = (
        "all pairs i < j"
        if o.rms_pairs == o.T * (o.T - 1) // 2
        else f"all pairs of the first {o.features:,} of {o.T:,} features"
    )
    return Estimate(
        o.rms,
        o.rms_se,
        o.rms_pairs,
        observable=f"RMS of ⟨w_i, w_j⟩ over {pairs} of one random embedding",
    )


def typical_noise_step(a: InterferenceAnalysis) -> Step:
    """The notes' 'typical noise' √(8 ln m / n) against the measured RMS overlap."""
    o = a.overlaps
    measured = _rms_measurement(o)
    theory, notes = o.rms_typical, o.jl_bound
    top = a.maxima.estimate
    largest = Estimate(
        top.value,
        top.se,
        top.samples,
        top.groups,
        f"largest |⟨w_i, w_j⟩| over all {o.max_pairs:,} pairs of {o.features:,} features, "
        f"averaged over {counted(top.samples, 'random embedding')}",
    )
    return make_step(
        CHAIN,
        "typical_noise",
        title="The notes' 'typical noise' is a worst-case bound",
        explanation=(
            "This chain uses the first note's letters: n = D neurons (the dimension) and "
            "m = T features (the number of directions). "
            "The notes take the noise that one unit of feature j causes on feature i to be "
            "the Johnson–Lindenstrauss distortion ε = √(8 ln m / n). JL is an achievability "
            "statement about distances: a random map to n dimensions keeps all m(m−1)/2 "
            "distances within 1 ± ε (for unit vectors, inner products within about 2ε). It "
            "bounds the worst pair of a random embedding; it is neither the typical pair nor "
            "the best any embedding can do: that floor is the Welch bound "
            "√((m−n)/(n(m−1))). The typical (RMS) overlap of random directions is n^(−1/2), "
            "with no ln m at all."
        ),
        formula="typical noise per unit = RMS⟨w_i, w_j⟩ = n^(−1/2)",
        notes_written="typical noise per unit = √(8 ln m / n)",
        theory=theory,
        notes_value=notes,
        simulated=measured,
        judged=Judgement(
            verdict=decide(measured, theory, notes=notes, slip=True),
            reason=(
                f"Measured RMS overlap {measured.text} over {o.rms_pairs:,} pairs is "
                f"{notes / o.rms:.1f}× below the notes' {figure(notes)}; even the largest of the "
                f"{o.max_pairs:,} overlaps examined, {largest.text} over {top.samples} "
                f"embeddings, stays below it. "
                f"√(8 ln m / n) bounds the worst pair of a random embedding, not the typical "
                f"one; the least worst-case overlap any embedding of m = {o.T:,} features "
                f"in n = {o.D:,} dimensions can have is the Welch bound {figure(o.welch_bound)}."
            ),
        ),
        evidence=(largest,),
    )


def rms_step(a: InterferenceAnalysis) -> Step:
    """E⟨u,v⟩² = 1/n: the RMS overlap n^(−1/2)."""
    o = a.overlaps
    measured = _rms_measurement(o)
    theory = o.rms_typical
    return make_step(
        CHAIN,
        "rms",
        title="Typical overlap of random directions: n^(−1/2)",
        explanation=(
            "For independent uniform unit vectors u, v in R^n, E⟨u,v⟩² = Σ_k E[u_k²]·E[v_k²] "
            "= n·(1/n)² = 1/n exactly, so the RMS overlap is n^(−1/2). The whole distribution "
            "is known: ⟨u,v⟩ has density (1−t²)^((n−3)/2) / B(1/2, (n−1)/2), close to "
            "N(0, 1/n). The histogram compares the measured overlaps with it."
        ),
        formula="√E⟨w_i, w_j⟩² = n^(−1/2)",
        theory=theory,
        simulated=measured,
        judged=Judgement(
            verdict=decide(measured, theory),
            reason=(
                f"Measured {measured.text} against n^(−1/2) = {figure(theory)} "
                f"({score(measured, theory):+.1f} SE). Histogram from {o.histogram.source}."
            ),
        ),
    )


#: ln m / n above which the largest-overlap asymptotic (ln m / n → 0) is no guide.
SMALL_LOG_RATIO = 0.1


def _asymptotic_regime(m: int, n: int, asymptotic: float) -> str:
    """Whether √(4 ln m / n) can be read as the size of the largest overlap here."""
    ratio = math.log(m) / n if m > 1 else 0.0
    if asymptotic >= 1:
        return (
            f"Here ln m / n = {ratio:.2g} is not small, and √(4 ln m / n) ≥ 1 is beyond any "
            "overlap of unit vectors: the asymptotic says nothing at these sizes."
        )
    if ratio > SMALL_LOG_RATIO:
        return (
            f"Here ln m / n = {ratio:.2g} is not small, so the asymptotic (ln m / n → 0) is "
            "only a rough guide at these sizes."
        )
    return "The ratio approaches 2 only slowly as m grows (corrections of order ln ln m / ln m)."


def max_step(a: InterferenceAnalysis) -> Step:
    """The largest overlap against its asymptotic √(4 ln m / n)."""
    mx, o = a.maxima, a.overlaps
    m = mx.features
    pairs = m * (m - 1) // 2
    estimate = mx.estimate
    measured = Estimate(
        estimate.value,
        estimate.se,
        estimate.samples,
        estimate.groups,
        f"largest |⟨w_i, w_j⟩| over all {pairs:,} pairs of {m:,} features, "
        f"averaged over {counted(estimate.samples, 'random embedding')}",
    )
    theory = mx.asymptotic
    scaled = estimate.value / (theory / 2)
    subset = (
        ""
        if mx.complete
        else (
            f" Only the first {m:,} of the T = {mx.T:,} features had all their pairs "
            f"examined; over all T the asymptotic is √(4 ln T / n) = "
            f"{figure(max_typical(mx.T, mx.D))}."
        )
    )
    return make_step(
        CHAIN,
        "max",
        title="The largest overlap: √(4 ln m / n), asymptotically",
        explanation=(
            "Among m random unit vectors the largest |overlap| of the m(m−1)/2 pairs "
            "behaves like √(4 ln m / n) (Cai & Jiang 2011): √(n / ln m)·max → 2 as m grows "
            "with ln m / n → 0. It grows with m, unlike the RMS. The Welch bound "
            "√((m−n)/(n(m−1))) is the floor no arrangement of m unit vectors can beat; the "
            "JL bound √(8 ln m / n) sits above the random maximum."
        ),
        formula="max_{i<j} |⟨w_i, w_j⟩| ≈ √(4 ln m / n)",
        theory=theory,
        simulated=measured,
        judged=Judgement(
            verdict=decide(measured, theory, exact=False),
            reason=(
                f"Measured {measured.text}, {gap(estimate.value, theory)} the asymptotic "
                f"{figure(theory)} (m = {m:,}): √(n / ln m)·max = {scaled:.3g}. "
                f"{_asymptotic_regime(m, mx.D, theory)} For reference, the Welch floor is "
                f"{figure(o.welch_bound)} and the JL bound {figure(o.jl_bound)}.{subset}"
            ),
        ),
    )


def noise_step(a: InterferenceAnalysis, z: int) -> Step:
    """Noise on an inactive readout with l active features: √(l/n)."""
    c = a.capacity
    i = c.at(z)
    size = int(c.active[i])
    measured = Estimate(
        float(c.rms[i]),
        float(c.rms_se[i]),
        c.draws,
        c.embeddings,
        f"RMS of ⟨w_i, Σ_active w_j⟩ over the inactive readouts, {c.draws:,} active sets "
        f"of l = {size} over {counted(c.embeddings, 'random embedding')}",
    )
    theory = float(c.rms_theory[i])
    largest = Estimate(
        float(c.max[i]),
        float(c.max_se[i]),
        c.draws,
        c.embeddings,
        f"largest |noise| over all {c.features:,} readouts with l = {size} active, "
        f"averaged over draws (theory ≈ √(2 l ln m / n) = {figure(float(c.max_theory[i]))})",
    )
    gaps = np.abs(c.rms - c.rms_theory)
    # A zero SE (n = 1: every overlap is ±1) leaves only exact agreement at 0 SE.
    exact = np.where(gaps > 0, np.inf, 0.0)
    worst = float(np.divide(gaps, c.rms_se, out=exact, where=c.rms_se > 0).max())
    return make_step(
        CHAIN,
        "noise",
        title="Noise from l active features: √(l/n)",
        explanation=(
            "With l features active, an inactive feature i reads ⟨w_i, Σ_active w_j⟩, a sum "
            "of l independent overlaps of variance 1/n each: the noise is ≈ N(0, l/n), so "
            "its RMS is √(l/n) (exactly, on average). Here l is the model's z where it fits "
            "the grid. The largest of m such readouts is ≈ √(2 l ln m / n)."
        ),
        formula="RMS⟨w_i, Σ_active w_j⟩ = √(l / n)",
        theory=theory,
        simulated=measured,
        judged=Judgement(
            verdict=decide(measured, theory),
            reason=(
                f"At l = {size}: measured {measured.text} against √(l/n) = {figure(theory)} "
                f"({score(measured, theory):+.1f} SE); over all {len(c.active)} grid points up "
                f"to l = {int(c.active[-1])} the largest deviation is {worst:.1f} SE. The largest "
                f"of the {c.features:,} readouts averages {figure(float(c.max[i]))} ± "
                f"{float(c.max_se[i]):.2g}, {gap(float(c.max[i]), float(c.max_theory[i]))} "
                f"√(2 l ln m / n) = {figure(float(c.max_theory[i]))}."
            ),
        ),
        evidence=(largest,),
    )


def frame_potential_step(a: InterferenceAnalysis, params: Params) -> Step:
    """Random frame potential T + T(T−1)/D against the tight-frame minimum T²/D."""
    f = a.frame
    estimate, loss = f.estimate, f.loss_estimate
    measured = Estimate(
        estimate.value,
        estimate.se,
        estimate.samples,
        estimate.groups,
        f"‖WWᵀ‖_F² = Σ_ij⟨w_i, w_j⟩² of {counted(estimate.samples, 'random embedding')}",
    )
    theory = f.random_mean
    T, D = params.T, params.D
    single = exact_quadratic("single", params).minimum
    multi = exact_quadratic("multi", params).minimum
    # Multi puts features i and i + D on one neuron: overlap 1 as soon as T > D.
    multi_worst = 1.0 if T > D else 0.0
    if multi >= loss.value:
        outcome = "and random wins"
    elif T > D:
        outcome = "yet multi has the lower loss"
    else:  # D ≥ T: multi's features are orthogonal, so it is ahead on both counts
        outcome = "so multi has both the smaller worst overlap and the lower loss"
    return make_step(
        CHAIN,
        "frame_potential",
        title="Linear readout pays for the sum of squared overlaps, not the worst one",
        explanation=(
            "The loss of the linear readout ŷ = a·WᵀW·y has a² coefficient "
            "A ≈ (z/T)·Σ_ij⟨w_i, w_j⟩², the frame potential, and optimal loss "
            "L* ≈ z − zT/Σ_ij⟨w_i, w_j⟩². Every overlap counts by its square; the largest "
            "has no special role. The potential is at least T²/D, reached exactly by "
            "unit-norm tight frames (WWᵀ = (T/D)·I), whose optimum is (p−q)(T−D) + q(T − ‖P1‖²) "
            "(P the projection onto W's row space; p, q the chance one and two given features "
            "are active): close to single's z(T−D)/T, not equal to it; random "
            "directions average T + T(T−1)/D, an excess of T(1 − 1/D), and lose."
        ),
        formula="Σ_ij⟨w_i, w_j⟩² = T + T(T−1)/D for random W;  ≥ T²/D for any W",
        theory=theory,
        simulated=measured,
        judged=Judgement(
            verdict=decide(measured, theory),
            reason=(
                f"Measured {measured.text} against T + T(T−1)/D = {figure(theory)} "
                f"({score(measured, theory):+.1f} SE); every embedding is above the tight-frame "
                f"minimum {figure(f.tight_minimum)} (lowest {figure(min(f.values))}). Their exact "
                f"optimal loss is {loss.value:.5g} ± {loss.se:.2g} against {single:.5g} for "
                f"single and {multi:.5g} for multi: multi's worst overlap is {multi_worst:g}, "
                f"random's only {figure(a.maxima.estimate.value)}, {outcome}."
            ),
        ),
        evidence=(
            Estimate(
                loss.value,
                loss.se,
                loss.samples,
                loss.groups,
                "exact optimal loss L* = z − B²/A of each random embedding over all active sets",
            ),
        ),
    )


def interference_chain(session: Session, monitor: Monitor = SILENT) -> list[Step]:
    """The walkthrough of the interference thread: typical versus worst-case overlap."""
    params = session.params
    analysis = session.interference(DEFAULT_THRESHOLD, monitor)
    return [
        typical_noise_step(analysis),
        rms_step(analysis),
        max_step(analysis),
        noise_step(analysis, params.z),
        typical_capacity_step(analysis),
        capacity_step(analysis),
        frame_potential_step(analysis, params),
    ]
