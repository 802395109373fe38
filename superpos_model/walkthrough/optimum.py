"""The optimum: the best linear readout of rank D, training W to it, and what it looks like.

The data's second moment fixes a floor no embedding beats (Eckart–Young);
multi reaches it when D divides T, and so does W trained from the random
start.  The trained frame is then measured against the notes' picture of the
best embedding as "almost orthogonal directions", and the ReLU readout is
trained too, where the picture changes.
"""

from __future__ import annotations

import functools
import math
from typing import TYPE_CHECKING

import numpy as np

from ..estimate import Estimate, figure, pooled_estimate
from ..exact import exact_quadratic
from ..interference import welch_bound
from ..monitor import SILENT, Monitor
from ..optimize import (
    EmbeddingMeasures,
    LinearResult,
    ReluResult,
    ReluSettings,
    measurements,
    random_start,
    rank_bound,
    train_linear,
    train_relu,
)
from ..params import Params
from ..steps import Step, make_step
from .common import best_loss
from .verdicts import AGREE_SE, Judgement, Verdict, assess, sigmas

if TYPE_CHECKING:
    from ..session import Session

#: L-BFGS iterations allowed; at the defaults it stops after a few dozen.
LINEAR_STEPS = 500
#: Adam steps of the ReLU step: a third of the command's default, to keep the chain short.
RELU_STEPS = 1000
#: The ReLU step trains at most this many features (D and z scaled down with T), for time.
RELU_MAX_T = 400
#: Random unit vectors orthogonal to 1 that measure the bulk eigenvalue of E[yyᵀ].
PROBES = 16
#: Pairs of features drawn to measure the mean squared overlap.
PAIRS = 20_000
#: "Almost orthogonal" in the worst case, read generously: a largest overlap within this
#: factor of the Welch bound (the least any frame's largest overlap can be).
NEAR_WELCH = 2.0
#: With T ≤ D (Welch bound 0), overlaps up to this count as orthogonal: L-BFGS leaves ~1e-7.
ORTHOGONAL = 1e-3
#: Readout values formed at once when measuring a trained W's loss.
CHUNK_FLOATS = 4_000_000


def _bulk_probes(T: int, seed: int) -> np.ndarray:
    """(T, PROBES) orthonormal columns orthogonal to the all-ones vector (fixed by ``seed``)."""
    rng = np.random.default_rng([seed, 21])
    V = rng.standard_normal((T, PROBES))
    V -= V.mean(axis=0)
    Q, _ = np.linalg.qr(V)
    return Q


def linear_loss_mc(W: np.ndarray, a: float, active: np.ndarray, monitor: Monitor) -> Estimate:
    """‖a·WᵀW·y − y‖² per sample on the shared active sets: the trained W, simulated."""
    n, T = len(active), W.shape[1]
    chunk = max(1, CHUNK_FLOATS // T)
    losses = np.empty(n)
    rows = np.arange(chunk)
    for start in range(0, n, chunk):
        sets = active[start : start + chunk]
        k = len(sets)
        out = a * (W[:, sets].sum(axis=2).T @ W)
        out[rows[:k, None], sets] -= 1.0
        losses[start : start + k] = (out * out).sum(axis=1)
        monitor.step(min(start + k, n) / n)
    return pooled_estimate([losses], "‖a·WᵀW·y − y‖² per sample, for the trained W and its a")


def mean_square_overlap(W: np.ndarray, seed: int) -> Estimate:
    """(ŵ_i·ŵ_j)² averaged over PAIRS pairs i ≠ j drawn uniformly."""
    T = W.shape[1]
    U = W / np.linalg.norm(W, axis=0)
    rng = np.random.default_rng([seed, 22])
    i = rng.integers(0, T, PAIRS)
    j = (i + rng.integers(1, T, PAIRS)) % T
    squares = np.einsum("dn,dn->n", U[:, i], U[:, j]) ** 2
    return pooled_estimate([squares], f"(ŵ_i·ŵ_j)² over {PAIRS:,} pairs drawn uniformly")


def worst_case_text(welch: float) -> tuple[str, str]:
    """The worst-case step's title and explanation; with T ≤ D the Welch bound is 0."""
    if welch == 0:
        return (
            "Its largest overlap, where orthogonal directions fit",
            "With T ≤ D, T orthogonal directions fit in D dimensions: the Welch bound is 0, "
            "and almost orthogonal in the worst case means every |ŵ_i·ŵ_j| near 0.",
        )
    return (
        "Its largest overlap does not shrink",
        "Almost orthogonal in the worst case would mean every |ŵ_i·ŵ_j| near the Welch "
        "bound. The loss is a sum of squared overlaps, blind to which pair carries them, "
        "so the optimum need not spread them evenly. The notes are wrong about worst-case "
        "overlaps.",
    )


def worst_case_judgement(trained: float, start: float, welch: float) -> Judgement:
    """The trained W's largest overlap against the Welch bound ``welch`` (0 when T ≤ D).

    A bound of 0 has no ratio to give: the overlap is compared to 0 directly, within
    :data:`ORTHOGONAL`.
    """
    change = (trained - start) / start
    opening = (
        f"The trained W's largest overlap is {figure(trained)}, the random start's "
        f"{figure(start)} ({100 * change:+.0f} %): "
    )
    if welch == 0:
        orthogonal = trained <= ORTHOGONAL
        return Judgement(
            Verdict.AGREES if orthogonal else Verdict.NOTES_DIFFER,
            opening
            + (
                f"within {ORTHOGONAL:g} of the Welch bound 0: orthogonal directions."
                if orthogonal
                else f"more than {ORTHOGONAL:g} above the Welch bound 0: training did not "
                "make the directions orthogonal."
            ),
        )
    far = trained > NEAR_WELCH * welch
    return Judgement(
        Verdict.NOTES_DIFFER if far else Verdict.AGREES,
        opening
        + (
            f"{figure(trained / welch)} times the Welch bound {figure(welch)}, which "
            "an equiangular frame would reach. The loss does not ask for small worst-case "
            "overlaps, and training does not make them."
            if far
            else f"within {NEAR_WELCH:g} times the Welch bound {figure(welch)}."
        ),
    )


def fixed(value: float, observable: str) -> Estimate:
    """A quantity of one W computed exactly (no sampling): SE 0."""
    return Estimate(value, 0.0, 1, 1, observable)


def relu_params(params: Params) -> Params:
    """The ReLU step's parameters: T capped at RELU_MAX_T, D scaled to keep T/D, z ≤ D."""
    if params.T <= RELU_MAX_T:
        return params
    D = max(1, round(params.D * RELU_MAX_T / params.T))
    return params.replace(T=RELU_MAX_T, D=D, z=min(params.z, D), a=None)


def optimum_chain(session: Session, monitor: Monitor = SILENT) -> list[Step]:
    """E[yyᵀ], the rank-D bound, training to it, the trained frame, and the ReLU readout."""
    params = session.params
    T, D, z = params.T, params.D, params.z
    p_q = params.p - params.q
    step = functools.partial(make_step, "optimum")
    active = session.active_sets()

    # 1. The spectrum of E[yyᵀ] = (p − q)·I + q·11ᵀ.
    top = p_q + T * params.q
    probes = _bulk_probes(T, params.seed)
    along = probes[active].sum(axis=1)  # (n, PROBES): vᵀy for each probe v
    bulk = pooled_estimate([(along**2).mean(axis=1)], "(vᵀy)² for unit v ⟂ 1, averaged over probes")
    top_seen = pooled_estimate([np.full(len(active), z * z / T)], "(1ᵀy)²/T per sample")
    monitor.step(0.05)

    # 2. The bound, and multi at it.
    bound = rank_bound(params)
    multi = exact_quadratic("multi", params).minimum
    multi_sim = best_loss(session.simulation("multi", monitor.part(0.05, 0.15)))
    divides = T % D == 0
    multi_judged = assess(
        multi_sim,
        multi,
        shown=bound,
        why="the bound, which multi reaches only with equal groups (D ∤ T here)",
    )

    # 3. Training reaches it.
    lin: LinearResult = session.memo(
        ("optimum", "linear"),
        lambda: train_linear(params, LINEAR_STEPS, monitor.part(0.15, 0.45)),
        monitor.part(0.15, 0.45),
    )
    trained = linear_loss_mc(lin.W, lin.a, active, monitor.part(0.45, 0.55))
    iterations = lin.history[-1][0] if lin.history else 0
    reached = assess(trained, lin.loss, shown=bound, why="L-BFGS stopping short of the bound")

    # 4. Tight, RMS at Welch; the largest overlap.
    mt: EmbeddingMeasures = measurements(lin.W, params.seed)
    start = random_start(params)
    ms = measurements(start, params.seed)
    welch = welch_bound(T, D)
    squares = mean_square_overlap(lin.W, params.seed)
    rms_judged = assess(
        squares,
        mt.rms_overlap**2,
        shown=welch * welch,
        why="unequal feature norms (the frame is tight, its columns are not all of one length)",
    )
    largest = fixed(mt.max_overlap, f"max |ŵ_i·ŵ_j| of the trained W over {mt.pairs_text}")
    worst_judged = worst_case_judgement(mt.max_overlap, ms.max_overlap, welch)
    monitor.step(0.6)

    # 5. The gain over random.
    random_best = exact_quadratic("random", params).minimum
    random_sim = best_loss(session.simulation("random", monitor.part(0.6, 0.7)))
    gain = Estimate(
        random_sim.value - trained.value,
        math.hypot(random_sim.se, trained.se),
        trained.samples,
        1,
        "simulated L*_rand − L(trained); SE combines both (conservative: same active sets)",
    )
    gain_exact = random_best - lin.loss
    gain_judged = assess(gain, gain_exact)
    percent = 100 * gain_exact / random_best

    # 6. The ReLU readout.
    rp = relu_params(params)
    relu: ReluResult = session.memo(
        ("optimum", "relu", RELU_STEPS),
        lambda: train_relu(rp, ReluSettings(steps=RELU_STEPS), monitor.part(0.7, 0.97)),
        monitor.part(0.7, 0.97),
    )
    from ..relu import relu_optimum  # SciPy, loaded only when this chain runs

    relu_random = relu_optimum("random", rp).least
    mr = measurements(relu.W, rp.seed)
    mrs = ms if rp == params else measurements(random_start(rp), rp.seed)
    beaten = relu.final.mean + AGREE_SE * relu.final.se < relu_random
    relu_m = Estimate(
        relu.final.mean,
        relu.final.se,
        relu.final.samples,
        1,
        "Σ_i (ReLU(a·w_iᵀW·y − b) − y_i)² per sample on held-out active sets",
    )
    relu_change = (mr.max_overlap - mrs.max_overlap) / mrs.max_overlap
    smaller = "" if rp == params else f" At T = {rp.T}, D = {rp.D}, z = {rp.z} (for time)."
    relu_judged = Judgement(
        Verdict.AGREES if beaten and mr.max_overlap < mrs.max_overlap else Verdict.APPROXIMATION,
        f"Trained ReLU readout {relu_m.text}, {sigmas(relu_m, relu_random)} "
        f"{'below' if relu_m.value < relu_random else 'above'} random at its exact ReLU "
        f"optimum {figure(relu_random)}"
        + ("" if beaten else f" (not resolved beyond {AGREE_SE:g} SE after {RELU_STEPS:,} steps)")
        + f". Its largest overlap {figure(mr.max_overlap)} against the random start's "
        f"{figure(mrs.max_overlap)} ({100 * relu_change:+.0f} %)"
        + ("." if mr.max_overlap < mrs.max_overlap else ": it did not fall here.")
        + smaller,
    )
    monitor.step(1.0)

    return [
        step(
            "spectrum",
            "The eigenvalues of E[yyᵀ]",
            "Any linear readout M is judged by E‖My − y‖² = tr((I − M)·E[yyᵀ]·(I − M)ᵀ), so "
            "only the second moment of y matters. Each feature is active with probability "
            "p = z/T, each pair with q = z(z − 1)/(T(T − 1)): E[yyᵀ] = (p − q)·I + q·11ᵀ. "
            f"Its top eigenvalue z²/T = {figure(top)} lies along 1; the other T − 1 equal "
            f"p − q. Measured on {PROBES} random directions orthogonal to 1.",
            "λ(1) = p + (T − 1)q = z²/T;  λ(v ⟂ 1) = p − q = z(T − z)/(T(T − 1))",
            p_q,
            bulk,
            assess(bulk, p_q),
            evidence=(top_seen,),
        ),
        step(
            "rank_bound",
            "The rank-D bound, and multi at it",
            "a·WᵀW has rank at most D. By Eckart–Young the best rank-D M projects onto the "
            "top D eigenvectors, and the loss is the sum of the T − D eigenvalues left out: "
            "(T − D)(p − q). Any D-dimensional space that contains 1 will do, as the rest of "
            "the spectrum is flat. Multi's group indicators span such a space; with equal "
            "groups of T/D, a·WᵀW at a = D/T is exactly that projection, so multi attains "
            "the bound"
            + (
                "."
                if divides
                else f". Here D ∤ T: its groups are unequal and it sits {figure(multi - bound)} "
                "above."
            ),
            "L_min(rank D) = (T − D)(p − q) = z(T − D)(T − z)/(T(T − 1))",
            bound,
            multi_sim,
            multi_judged,
        ),
        step(
            "trained",
            "Training W reaches the bound",
            f"W trained from the random start on the exact loss (L-BFGS, {iterations} "
            f"iterations{'; stopped early' if lin.cancelled else ''}): exact loss "
            f"{figure(lin.loss)}, from {figure(lin.start_loss)}. The simulation is the "
            "trained W's loss on the shared active sets.",
            "min_W L(W) = z(T − D)(T − z)/(T(T − 1))",
            bound,
            trained,
            reached,
        ),
        step(
            "tight_frame",
            "The trained frame is tight: its RMS overlap sits at the Welch bound",
            "At the bound, WᵀW must be a multiple of a projection whose range contains 1, so "
            "WWᵀ is a multiple of I: a tight frame. The Welch bound is the least RMS overlap "
            f"of T unit vectors in D dimensions, reached by tight frames of equal norms. Here "
            f"‖WWᵀ − cI‖/‖WWᵀ‖ = {figure(mt.tight_frame_residual)} (random start "
            f"{figure(ms.tight_frame_residual)}); the random start's RMS overlap is "
            f"{figure(ms.rms_overlap)}, near 1/√D. The notes are right about typical overlaps.",
            "E(ŵ_i·ŵ_j)² = (T − D)/(D(T − 1))  (Welch², tight frame)",
            welch * welch,
            squares,
            rms_judged,
        ),
        step(
            "worst_case",
            *worst_case_text(welch),
            "max_{i≠j} |ŵ_i·ŵ_j| ≥ √((T − D)/(D(T − 1)))  (Welch)",
            welch,
            largest,
            worst_judged,
            notes_written="optimised embedding = almost orthogonal directions",
            notes_value=welch,
            evidence=(fixed(ms.max_overlap, "max |ŵ_i·ŵ_j| of the random start"),),
        ),
        step(
            "gain",
            "The gain over random is small",
            f"The trained W improves on random at its optimum by {figure(gain_exact)}, "
            f"{percent:.2g} % of {figure(random_best)}: the notes' 'MSE barely prefers it' "
            "holds. Random's overlaps are already near the Welch bound for T ≫ D.",
            "L*_rand − L_min = z(T − 1)/(D + T − 1) − z(T − D)(T − z)/(T(T − 1))",
            gain_exact,
            gain,
            gain_judged,
        ),
        step(
            "relu",
            "With a ReLU readout, training beats random and the worst case matters",
            f"ŷ = ReLU(a·WᵀW·y − b) trained with W, a and b ({RELU_STEPS:,} Adam steps on "
            "sampled active sets), judged on held-out sets, against random with its own best "
            f"a and b (exact), at T = {rp.T}, D = {rp.D}, z = {rp.z}"
            + (
                f" (T capped at {RELU_MAX_T} to keep the walkthrough short)."
                if rp != params
                else "."
            )
            + " The threshold b silences small interference, so a large overlap "
            "now costs more than many small ones: does training lower the largest?",
            "L_ReLU(trained) < min_{a,b} L_ReLU(random)",
            relu_random,
            relu_m,
            relu_judged,
            evidence=(fixed(mr.max_overlap, "max |ŵ_i·ŵ_j| of the ReLU-trained W"),),
        ),
    ]
