"""The random scheme's chain: overlaps, the noise on active and inactive features, the loss."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..estimate import Estimate, sample_estimate
from ..exact import exact_random
from ..fresh import FreshDraws, draw_fresh
from ..monitor import SILENT, Monitor
from ..notes import notes_random, notes_random_approx
from ..params import Params
from ..steps import Step, make_step
from .common import at_text, best_a, best_loss, curve_point, readout_scale
from .verdicts import assess, combine

if TYPE_CHECKING:
    from ..session import Session


@dataclass(frozen=True)
class RandomAnatomy:
    """Per-feature measurements on random embeddings at one readout scale a.

    Each sample is on its own fresh embedding (:mod:`~superpos_model.fresh`),
    so the SEs carry the spread between embeddings.

    Attributes
    ----------
    overlap2 : Estimate
        ⟨w_i, w_j⟩² for a pair of distinct features.
    active_noise : Estimate
        ε² = (ŷ_i − a)² on active features (per-sample mean over the z).
    inactive_noise : Estimate or None
        ŷ_k² on inactive features (per-sample mean over the drawn ones); None if z = T.
    """

    overlap2: Estimate
    active_noise: Estimate
    inactive_noise: Estimate | None


def random_anatomy(params: Params, a: float, draws: FreshDraws | None = None) -> RandomAnatomy:
    """Overlaps and both noises at readout scale ``a`` from the random scheme's fresh draws
    (drawn when not given)."""
    draws = draws or draw_fresh(params)
    each = "one fresh random embedding per sample"
    drawn = (
        "all T − z inactive features"
        if draws.inactive == params.T - params.z
        else f"{draws.inactive:,} of the T − z inactive features"
    )
    return RandomAnatomy(
        overlap2=sample_estimate(draws.overlap2, f"⟨w_i, w_j⟩² of a feature pair i ≠ j, {each}"),
        active_noise=sample_estimate(
            a * a * draws.active_spread,
            f"(ŷ_i − a)² averaged over each sample's z active features, {each}",
        ),
        inactive_noise=(
            sample_estimate(
                a * a * draws.inactive_energy,
                f"ŷ_k² averaged over {drawn} of each sample, {each}",
            )
            if draws.inactive
            else None
        ),
    )


def _below_z(T: int, D: int) -> str:
    """How far z(T − 1)/(D + T − 1) is below z, in words that hold at these T and D."""
    share = (T - 1) / (D + T - 1)
    return "a little below" if share >= 0.9 else f"{share:.0%} of"


def random_chain(session: Session, monitor: Monitor = SILENT) -> list[Step]:
    """Random directions (superposition): overlaps, the two noises, the loss and its optimum."""
    params = session.params
    D, z = params.D, params.z
    a = readout_scale(params, "random")
    sim = session.simulation("random", monitor)
    anatomy = random_anatomy(params, a, session.fresh_draws(monitor))
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
                    assess(anatomy.inactive_noise, inactive_theory),
                    label,
                    "The value z·a²/D is right, for inactive features; only the notes' label "
                    "'for active features' is wrong. On active features",
                ),
                notes_written="ŷ = ε where E[ε²] = z·a²/D for active features",
                notes_value=inactive_theory,
                evidence=(anatomy.active_noise,),
            )
        )
    total = curve_point(
        sim, a, "‖a·Wᵀ(W·y) − y‖² per sample, one fresh random embedding per sample"
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
            f"The T − 1 → T approximation, at {at}",
            "The notes then replace T − 1 by T: they count the z·a²/D noise of T features "
            "instead of T − 1. The error this makes, z·a²/D, is a relative error of 1/(T − 1) "
            "in the noise term: small when T is large, whatever z is.",
            "MSE_rand(a) ≈ z(1−a)² + zT·a²/D",
            approx(a),
            total,
            assess(
                total,
                exact(a),
                shown=approx(a),
                why="the T − 1 → T approximation (an extra z·a²/D, 1/(T − 1) of the noise)",
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
                why="minimising the T − 1 → T approximation instead of the exact curve",
            ),
            notes_written="a = D/(T + D)",
            notes_value=notes.a_opt,
        ),
        step(
            "mse_opt",
            "The loss at the best a*",
            f"At a* the loss is z(T − 1)/(D + T − 1): {_below_z(params.T, D)} z, the cost of "
            "predicting nothing at all. The notes' zT/(T + D) is the minimum of their "
            "approximation.",
            "MSE_rand(a*) = z(T − 1)/(D + T − 1)",
            exact.minimum,
            mse_opt,
            assess(
                mse_opt,
                exact.minimum,
                notes=notes.mse_opt,
                why="the minimum of the T − 1 → T approximation",
            ),
            notes_written="MSE_rand = zT/(T + D) = z(1 − D/(T + D))",
            notes_value=notes.mse_opt,
        ),
    ]
