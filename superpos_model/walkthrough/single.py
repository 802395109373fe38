"""One feature per neuron: who is represented, what the dropped features cost, the typo."""

from __future__ import annotations

import functools
from dataclasses import replace
from typing import TYPE_CHECKING

import numpy as np

from ..estimate import figure, sample_estimate
from ..exact import exact_single
from ..monitor import SILENT, Monitor
from ..notes import notes_single
from ..steps import Step, make_step
from .common import axis_readout, curve_point
from .verdicts import Judgement, assess, contradicted

if TYPE_CHECKING:
    from ..session import Session


def single_chain(session: Session, monitor: Monitor = SILENT) -> list[Step]:
    """One feature per neuron: who is represented, what the rest cost, and the notes' typo."""
    params = session.params
    T, D, z = params.T, params.D, params.z
    a = params.a if params.a is not None else 1.0
    sim = session.simulation("single", monitor.part(0.0, 0.5))
    seen = axis_readout(params, "single", monitor.part(0.5, 1.0), session.active_sets(monitor))
    exact, notes = exact_single(params), notes_single(params)
    kept = min(D, T) / T
    step = functools.partial(make_step, "single")
    # Each draw is a fraction in [0, 1], a count in [0, z], a loss in a range of z·|2a − a²|:
    # the rule-of-three scale should a sample show no spread.
    represented = replace(
        sample_estimate(
            (seen.neuron >= 0).mean(axis=1),
            "fraction of each sample's active features on a neuron",
        ),
        draw_range=1.0,
    )
    dropped = seen.neuron < 0
    dropped_cost = replace(
        sample_estimate(
            np.where(dropped, (a * seen.readout - 1.0) ** 2, 0.0).sum(axis=1),
            "Σ (ŷ_i − 1)² over each sample's active features that have no neuron",
        ),
        draw_range=float(z),
    )
    total = replace(
        curve_point(sim, a, "‖a·Wᵀ(W·y) − y‖² per sample"), draw_range=z * abs(2 * a - a * a)
    )
    zeros = curve_point(sim, 0.0, "the same simulated loss at a = 0: predicting all zeros")
    typo = assess(
        total,
        exact(a),
        notes=notes.mse_opt,
        why="The notes' z(T−D)/D divides by D where T belongs: a fraction (T − D)/T of the z "
        "active features is dropped, each costing 1.",
        slip=True,
    )
    if D > T:
        typo = contradicted(
            assess(total, exact(a)),
            f"The notes' z(T−D)/D assumes D < T. Here D > T: every feature has a neuron, "
            f"nothing is dropped and the loss at a = 1 is 0, while the formula gives "
            f"{figure(notes.mse_opt)}, and a sum of squared errors cannot be negative.",
        )
    elif notes.mse_opt > z:
        typo = Judgement(
            typo.verdict,
            f"{typo.reason} Also, {figure(notes.mse_opt)} exceeds z = {z}, the loss of predicting "
            f"all zeros (simulated at a = 0: {zeros.text}), which keeping D features "
            "exactly can only improve on.",
        )
    who = (
        f"Features 0 … D − 1 each get a neuron of their own; the other T − D are dropped. "
        f"An active feature is a uniform pick, so it lands on a neuron with probability "
        f"D/T. With {z} active, about {figure(z * kept)} per sample are represented."
        if D < T
        else f"With D ≥ T every feature gets a neuron of its own ({D - T:,} neurons stay "
        f"unused) and nothing is dropped: all {z} active features are represented."
    )
    return [
        step(
            "represented",
            "Who is represented",
            who,
            "P(an active feature has a neuron) = min(D, T)/T",
            kept,
            represented,
            assess(represented, kept),
        ),
        step(
            "dropped",
            "What the dropped features cost",
            "A dropped feature always reads 0. When it is active that is an error of 1, "
            "whatever a is; on average z(T − D)/T active features per sample are dropped."
            + ("" if D < T else " With D ≥ T none is dropped, so this costs nothing."),
            "E Σ_{dropped, active} (ŷ_i − y_i)² = z·max(T − D, 0)/T",
            z * (1 - kept),
            dropped_cost,
            assess(dropped_cost, z * (1 - kept)),
        ),
        step(
            "total",
            f"Total loss MSE_single, at a = {figure(a)}"
            + (" (ŷ = y on represented features)" if params.a is None else ""),
            "Represented active features miss by (1 − a), dropped ones by 1, and inactive "
            "features read exactly 0. At a = 1 only the dropped ones cost anything: "
            + ("z(T − D)/T." if D < T else "none are dropped at D ≥ T, so the loss is 0."),
            "MSE_single(a) = z[(D/T)(1 − a)² + (T − D)/T];  at a = 1: z(T − D)/T"
            if D < T
            else "MSE_single(a) = z(1 − a)²   (D ≥ T: nothing dropped);  at a = 1: 0",
            exact(a),
            total,
            typo,
            notes_written="MSE_single = z(T−D)/D   (printed 'zT−DD')",
            notes_value=notes.mse_opt,
            evidence=(zeros,),
        ),
    ]
