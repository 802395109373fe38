"""The random scheme's chain: overlaps, the noise on active and inactive features, the loss."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from ..embeddings import ColumnSums
from ..estimate import Estimate, pooled_estimate
from ..exact import exact_random
from ..monitor import SILENT, Monitor
from ..notes import notes_random, notes_random_approx
from ..params import Params
from ..sampling import draw_active_sets
from ..simulate import draw_shared_active_sets, random_embeddings, sample_coefficients
from ..steps import Step, make_step
from .common import at_text, best_a, best_loss, counted, curve_point, readout_scale
from .verdicts import assess, combine

if TYPE_CHECKING:
    from ..session import Session

#: Random stream of the feature pairs whose overlaps are measured (1 and 2 are
#: the embeddings' and the active sets').
PAIR_STREAM = 3

#: Floats of gathered feature columns one anatomy pass may hold (128 MB); beyond
#: it the per-feature measurements use fewer samples than ``params.samples``.
ANATOMY_FLOATS = 2**24


def _anatomy_samples(params: Params, rows_per_sample: int) -> int:
    """Samples whose gathered columns fit in ANATOMY_FLOATS (at least 2)."""
    fit = ANATOMY_FLOATS // (rows_per_sample * params.D)
    return max(2, min(params.samples, fit))


@dataclass(frozen=True)
class RandomAnatomy:
    """Per-feature measurements on random embeddings at one readout scale a.

    Attributes
    ----------
    overlap2 : Estimate
        ⟨w_i, w_j⟩² for random pairs of distinct features.
    active_noise : Estimate
        ε² = (ŷ_i − a)² on active features (per-sample mean over the z).
    inactive_noise : Estimate or None
        ŷ_k² on inactive features (per-sample mean over all T − z); None if z = T.
    """

    overlap2: Estimate
    active_noise: Estimate
    inactive_noise: Estimate | None


def random_anatomy(
    params: Params,
    a: float,
    monitor: Monitor = SILENT,
    active: np.ndarray | None = None,
    sums: ColumnSums | None = None,
) -> RandomAnatomy:
    """Measure overlaps and both noises on the random embeddings the simulation uses.

    One column pass per embedding gathers the columns of every sampled active
    feature and of every sampled pair, and the Gram WWᵀ.  With h = W·y,
    ŷ_i = a·w_iᵀh, and the inactive features' Σ ŷ_k² is the whole readout's
    ‖a·Wᵀh‖² = a²·hᵀ(WWᵀ)h minus the active ones.  ``active`` are the shared
    active sets (drawn when not given); ``sums`` shares the Grams.
    """
    sums = sums or ColumnSums(params.T, params.D, params.seed)
    T, D, z = params.T, params.D, params.z
    n = _anatomy_samples(params, z + 2)
    if active is None:
        active = draw_shared_active_sets(params)
    active = active[:n]
    pairs = draw_active_sets(np.random.default_rng([params.seed, PAIR_STREAM]), T, 2, n)
    count = max(1, min(random_embeddings(params), n // 2))
    overlaps, active_noise, inactive_noise = [], [], []
    groups = zip(np.array_split(active, count), np.array_split(pairs, count), strict=True)
    for index, (sets, pair) in enumerate(groups):
        # One feature per row: the pass's readouts are then the columns themselves.
        rows = np.concatenate([sets.ravel(), pair.ravel()])[:, None]
        result = sums.read(index, rows, monitor.part(index / count, (index + 1) / count))
        columns = result.readouts[: sets.size].reshape(len(sets), z, D)
        pair_columns = result.readouts[sets.size :].reshape(len(pair), 2, D)
        overlaps.append(np.einsum("nd,nd->n", pair_columns[:, 0], pair_columns[:, 1]) ** 2)
        h = columns.sum(axis=1)
        y_hat = a * np.einsum("nzd,nd->nz", columns, h)
        active_noise.append(((y_hat - a) ** 2).mean(axis=1))
        if z < T:
            energy, _ = sample_coefficients(h, result.gram)
            inactive_noise.append((a * a * energy - (y_hat**2).sum(axis=1)) / (T - z))
    embeddings = counted(count, "random embedding")
    return RandomAnatomy(
        overlap2=pooled_estimate(
            overlaps, f"⟨w_i, w_j⟩² of random feature pairs i ≠ j, {embeddings}"
        ),
        active_noise=pooled_estimate(
            active_noise, f"(ŷ_i − a)² averaged over each sample's z active features, {embeddings}"
        ),
        inactive_noise=(
            pooled_estimate(
                inactive_noise,
                f"ŷ_k² averaged over each sample's T − z inactive features, {embeddings}",
            )
            if inactive_noise
            else None
        ),
    )


def random_chain(session: Session, monitor: Monitor = SILENT) -> list[Step]:
    """Random directions (superposition): overlaps, the two noises, the loss and its optimum."""
    params = session.params
    D, z = params.D, params.z
    a = readout_scale(params, "random")
    sim = session.simulation("random", monitor.part(0.0, 0.5))
    anatomy = random_anatomy(
        params, a, monitor.part(0.5, 1.0), session.active_sets(), session.column_sums
    )
    notes, exact, approx = notes_random(params), exact_random(params), notes_random_approx(params)
    at = at_text(a, params)
    step = functools.partial(make_step, "random")
    active_theory = (z - 1) * a * a / D
    steps = [
        step(
            "overlap",
            "Overlap of two random directions",
            "Every feature gets its own random unit direction in D dimensions. Two such "
            "directions are almost, but not exactly, orthogonal: their overlap is a sum of D "
            "small random terms, so its square averages 1/D. This is the unit of noise that "
            "every other active feature leaks into a readout.",
            "E⟨u, v⟩² = 1/D   (u, v independent and uniform on the unit sphere)",
            1 / D,
            anatomy.overlap2,
            assess(anatomy.overlap2, 1 / D),
        ),
        step(
            "active_noise",
            f"Noise on an active feature, at {at}",
            "Reading feature i back gives a·w_iᵀ(Σ active w_j). Its own term is a·‖w_i‖² = a, "
            "the signal; each of the other z − 1 active features adds a·⟨w_i, w_j⟩, noise of "
            "mean square a²/D. So the readout is a plus noise of mean square (z − 1)a²/D.",
            "ŷ_i = a + ε_i,  E[ε_i²] = (z − 1)·a²/D   (i active)",
            active_theory,
            anatomy.active_noise,
            assess(anatomy.active_noise, active_theory),
        ),
    ]
    if anatomy.inactive_noise is not None:
        inactive_theory = z * a * a / D
        label = assess(
            anatomy.active_noise,
            active_theory,
            notes=inactive_theory,
            why="The notes write 'ŷ = ε where E[ε²] = z·a²/D for active features': that line "
            "is about inactive features, which carry no signal and collect noise from all z "
            "active ones; an active feature's own direction is its signal, so only z − 1 "
            "others add noise.",
            slip=True,
        )
        steps.append(
            step(
                "inactive_noise",
                f"Noise on an inactive feature, at {at}",
                "An inactive feature should read 0, but all z active features leak into it, "
                "each with mean square a²/D. Nothing cancels, so the noise is z·a²/D: one "
                "term more than on an active feature, whose own direction is signal.",
                "ŷ_k = ε_k,  E[ε_k²] = z·a²/D   (k inactive)",
                inactive_theory,
                anatomy.inactive_noise,
                combine(
                    assess(anatomy.inactive_noise, inactive_theory), label, "On active features"
                ),
                notes_written="ŷ = ε where E[ε²] = z·a²/D for active features",
                notes_value=inactive_theory,
                evidence=(anatomy.active_noise,),
            )
        )
    total = curve_point(
        sim, a, "‖a·Wᵀ(W·y) − y‖² per sample, averaged over several random embeddings"
    )
    a_opt, mse_opt = best_a(sim), best_loss(sim)
    return [
        *steps,
        step(
            "total",
            f"Total loss MSE_rand(a), at {at}",
            "Add up the squared errors: each of the z active features misses by (1 − a) and "
            "carries (z − 1)a²/D of noise; each of the T − z inactive ones carries z·a²/D. "
            "The noise terms collect to z·a²(T − 1)/D, so the notes' long form is exact on "
            "average over random embeddings.",
            "MSE_rand(a) = z((1−a)² + (z−1)a²/D) + (T−z)·z·a²/D = z[(1−a)² + a²(T−1)/D]",
            exact(a),
            total,
            assess(total, exact(a)),
        ),
        step(
            "approx",
            f"The z ≪ T approximation, at {at}",
            "The notes then replace T − 1 by T: they count the z·a²/D noise of T features "
            "instead of T − 1. The error this makes, z·a²/D, is tiny when z ≪ T.",
            "MSE_rand(a) ≈ z(1−a)² + zT·a²/D",
            approx(a),
            total,
            assess(
                total,
                exact(a),
                shown=approx(a),
                why="the z ≪ T approximation (T − 1 → T, an extra z·a²/D)",
            ),
        ),
        step(
            "a_opt",
            "The best readout scale a*",
            "A smaller a shrinks the noise (a²) but also the signal, costing (1 − a)². Setting "
            "the derivative of z[(1−a)² + a²(T−1)/D] to zero balances them at D/(D + T − 1); "
            "the notes minimise their approximation instead and get D/(T + D).",
            "a* = D/(D + T − 1)",
            exact.argmin,
            a_opt,
            assess(
                a_opt,
                exact.argmin,
                notes=notes.a_opt,
                why="minimising the z ≪ T approximation instead of the exact curve",
            ),
            notes_written="a = D/(T + D)",
            notes_value=notes.a_opt,
        ),
        step(
            "mse_opt",
            "The loss at the best a*",
            "At a* the loss is z(T − 1)/(D + T − 1): a little below z, the cost of predicting "
            "nothing at all. The notes' zT/(T + D) is the minimum of their approximation.",
            "MSE_rand(a*) = z(T − 1)/(D + T − 1)",
            exact.minimum,
            mse_opt,
            assess(
                mse_opt,
                exact.minimum,
                notes=notes.mse_opt,
                why="the minimum of the z ≪ T approximation",
            ),
            notes_written="MSE_rand = zT/(T + D) = z(1 − D/(T + D))",
            notes_value=notes.mse_opt,
        ),
    ]
