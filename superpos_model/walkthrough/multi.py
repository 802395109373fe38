"""One neuron per feature: group sizes, wrongly activated neighbours, co-activation, a*."""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

from ..estimate import Estimate, figure, sample_estimate
from ..exact import exact_multi, exact_random
from ..monitor import SILENT, Monitor
from ..notes import notes_multi
from ..schemes import multi_group_sizes
from ..steps import Step, make_step
from ..sweep.standing import tied
from .common import (
    at_text,
    axis_readout,
    best_a,
    best_loss,
    counted,
    curve_point,
    readout_scale,
)
from .verdicts import Judgement, assess, combine, contradicted

if TYPE_CHECKING:
    from ..session import Session


def _groups_text(T: int, D: int) -> str:
    sizes = multi_group_sizes(T, D)
    if len(sizes) == 1:
        return f"every neuron holds T/D = {next(iter(sizes))} features"
    return "D ∤ T: " + ", ".join(
        f"{counted(count, 'neuron')} hold{'s' if count == 1 else ''} {size}"
        for size, count in sizes.items()
    )


def _collisions(T: int, D: int, z: int) -> str:
    """How often two active features share a neuron, in words that hold at T, D, z."""
    if D >= T:
        return "Here D ≥ T: every feature has a neuron of its own, and no two ever collide."
    if z == 1:
        return "Here z = 1: one feature is active at a time, and no two ever collide."
    return (
        f"With z active features among D neurons, collisions happen about z(z − 1)/(2D) = "
        f"{figure(z * (z - 1) / (2 * D))} times per sample: not rare unless z ≪ √D."
    )


def _against_the_notes(exact_minimum: float, notes_minimum: float, z: int, roomy: bool) -> str:
    """Where co-activation puts the exact optimum against the notes' value."""
    if roomy:
        return "Here D ≥ T: every feature has a neuron of its own, and the exact optimum is 0."
    if z == 1:
        return "With z = 1 nothing is ever co-active, and the exact optimum is the notes' value."
    if tied(exact_minimum, notes_minimum):
        return "Co-activation leaves the exact optimum at the notes' value here."
    side = "below" if exact_minimum < notes_minimum else "above"
    return f"Co-activation puts the exact optimum {side} it."


def multi_chain(session: Session, monitor: Monitor = SILENT) -> list[Step]:
    """One neuron per feature: groups, wrongly activated neighbours, co-activation, optimum."""
    params = session.params
    T, D, z = params.T, params.D, params.z
    exact, notes = exact_multi(params), notes_multi(params)
    a = readout_scale(params, "multi")
    sim = session.simulation("multi", monitor.part(0.0, 0.4))
    seen = axis_readout(params, "multi", monitor.part(0.4, 0.8), session.active_sets(monitor))
    rand = session.simulation("random", monitor.part(0.8, 1.0))
    step = functools.partial(make_step, "multi")
    at = at_text(a, params)
    sizes = seen.group_size
    own_group = sizes[seen.neuron]
    group_theory = float(sizes @ sizes) / T
    neighbours_theory = float(sizes @ (sizes - 1)) / T * (T - z) / max(T - 1, 1)
    uneven = " and, as D ∤ T, unequal groups" if T % D else ""
    group = sample_estimate(
        own_group.mean(axis=1), "size of each active feature's group, per sample"
    )
    neighbours = sample_estimate(
        (own_group - seen.readout).mean(axis=1),
        "inactive features on each active feature's neuron (switched on wrongly), per sample",
    )
    total = curve_point(sim, a, "‖a·Wᵀ(W·y) − y‖² per sample")
    a_opt, mse_opt = best_a(sim), best_loss(sim)
    rand_a = best_a(rand)
    co_activation = f"ignoring two active features on one neuron (co-activation){uneven}"
    roomy = D >= T  # every feature alone on its neuron: the notes' T/D per neuron fails
    beyond = (
        f"The notes' T/D features per neuron assumes D ≤ T. Here D > T: each feature has a "
        f"neuron of its own ({D - T:,} stay unused), nothing shares a neuron and nothing is "
        "switched on wrongly;"
    )

    def judged(m: Estimate, target: float, shown: float, why: str, what: str = "") -> Judgement:
        """The D < T verdict; at D ≥ T the exact target alone, or (``what``: the step
        shows the notes' value) that value refuted as outside its domain."""
        if not roomy:
            return assess(m, target, shown=shown, why=why)
        if not what or D == T:  # at D = T the notes' T/D = 1 is right
            return assess(m, target)
        return contradicted(
            assess(m, target), f"{beyond} the formula gives {figure(shown)} {what}."
        )

    label = assess(
        rand_a,
        exact_random(params).argmin,
        notes=notes.a_opt,
        why="The notes say 'MSErand is minimised by a = D/T' right after deriving MSE_multi: "
        "D/T minimises MSE_multi, while MSE_rand's minimiser is D/(D + T − 1). The "
        "evidence is the random scheme's simulated a*.",
        slip=True,
    )
    return [
        step(
            "group_size",
            "How many features share a neuron",
            (
                f"Feature i sits on neuron i mod D with weight 1, so about T/D features share "
                f"each neuron ({_groups_text(T, D)})."
                if not roomy
                else f"Feature i sits on neuron i with weight 1: with D ≥ T each feature is "
                f"alone on its neuron and {D - T:,} neurons stay unused."
            )
            + " Measured from the active features' side: a "
            "feature is more likely to sit in a bigger group, so the average is Σg²/T.",
            "g = T/D features per neuron   (exactly Σ_k g_k²/T seen from an active feature)"
            if not roomy
            else "g = 1 feature per used neuron   (D ≥ T)",
            1.0 if roomy else T / D,
            group,
            judged(group, group_theory, T / D, f"equal groups of T/D{uneven}"),
        ),
        step(
            "neighbours",
            "Features wrongly switched on by an active one",
            "Every feature on an active neuron reads a·(number of active features there). The "
            "g − 1 neighbours of an active feature are inactive unless they are active too, "
            "so each active feature wrongly switches on about (T − D)/D inactive ones; exactly "
            "(g − 1)(T − z)/(T − 1) on average. (The notes say 'inactive neurons': they mean "
            "inactive features.)",
            "(T − D)/D per active feature   (exactly Σ_k g_k(g_k − 1)/T · (T − z)/(T − 1))"
            if not roomy
            else "0 per active feature   (D ≥ T: every feature alone on its neuron)",
            max(T - D, 0) / D,
            neighbours,
            judged(
                neighbours,
                neighbours_theory,
                (T - D) / D,
                co_activation,
                "wrongly switched-on features, a count below 0",
            ),
            notes_written="T−DD   (typesetting lost: (T − D)/D)",
            notes_value=(T - D) / D,
        ),
        step(
            "total_no_coactivation",
            f"Total loss without co-activation, at {at}",
            "If no two active features ever shared a neuron, each active feature would miss "
            "by (1 − a) and switch on T/D − 1 neighbours to a: z((1−a)² + (T/D − 1)a²). "
            + _collisions(T, D, z),
            "MSE_multi(a) = z((1 − a)² + (T/D − 1)a²)"
            if not roomy
            else "MSE_multi(a) = z(1 − a)²   (D ≥ T: no neighbours, no co-activation)",
            exact(a) if roomy else notes.curve(a),
            total,
            judged(total, exact(a), notes.curve(a), co_activation),
        ),
        step(
            "total",
            f"Total loss with co-activation, at {at}",
            "Count exactly instead: neuron k with g_k features has c_k active ones, c_k "
            "hypergeometric. Its g_k features all read a·c_k, so it contributes "
            "a²g_k·c_k² − 2a·c_k² + c_k. A collision doubles both the signal and the leak on "
            "its neuron; for a < 2D/T, the optimum D/T included, the signal wins and the "
            "exact loss sits below the notes' value.",
            "MSE_multi(a) = Σ_k [a²g_k·E c_k² − 2a·E c_k² + E c_k],  c_k ~ Hyp(T, g_k, z)",
            exact(a),
            total,
            assess(total, exact(a)),
        ),
        step(
            "a_opt",
            "The best readout scale a*",
            "Without co-activation, z((1−a)² + (T/D − 1)a²) is smallest at a = D/T: each "
            "neuron averages its group. With equal groups co-activation scales both terms "
            "alike and leaves a* = D/T; unequal groups move it. The notes label this line "
            "'MSErand is minimised by'.",
            "a* = B/A = Σ_k E c_k² / Σ_k g_k·E c_k²   (= D/T for equal groups)",
            exact.argmin,
            a_opt,
            combine(
                contradicted(
                    assess(a_opt, exact.argmin),
                    f"{beyond} the notes' D/T = {figure(notes.a_opt)} is above the exact a* = 1.",
                )
                if D > T
                else assess(a_opt, exact.argmin, notes=notes.a_opt, why=co_activation),
                label,
                "On the label",
            ),
            notes_written="MSErand is minimised by a = D/T",
            notes_value=notes.a_opt,
            evidence=(rand_a,),
        ),
        step(
            "mse_opt",
            "The loss at the best a*",
            "At a* the notes get z(1 − D/T) = z(T − D)/T (again labelled MSErand). "
            + _against_the_notes(exact.minimum, notes.mse_opt, z, roomy),
            "MSE_multi(a*) = z − B²/A,  A = Σ_k g_k·E c_k²,  B = Σ_k E c_k²   (≈ z(1 − D/T))",
            exact.minimum,
            mse_opt,
            contradicted(
                assess(mse_opt, exact.minimum),
                f"{beyond} the notes' z(1 − D/T) = {figure(notes.mse_opt)} is a negative loss.",
            )
            if D > T
            else assess(mse_opt, exact.minimum, notes=notes.mse_opt, why=co_activation),
            notes_written="MSErand = z(1 − D/T)",
            notes_value=notes.mse_opt,
        ),
    ]
