"""The nonlinear readout ŷ = ReLU(a·WᵀW·y − b) as walkthrough steps.

Why a threshold silences inactive features, the Gaussian formula and where it
fails, the exact value and the optimum, the comparison with the best any linear
readout can do, and the capacity of exact recovery through a threshold; the last
step says which side of the first note's debate each readout proves right.

SciPy (through :mod:`superpos_model.relu`) is imported inside the functions: the
registry imports this module when the app starts, and the app must start fast.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from ..estimate import Estimate, figure, with_draws
from ..exact import exact_quadratic
from ..monitor import SILENT, Monitor
from ..optimize.linear import rank_bound
from ..params import Params, make_params
from ..steps import Step, make_step
from ..sweep.standing import standing, standing_sentence
from .common import curve_point
from .verdicts import Judgement, Verdict, agrees, assess, combine, decide, sigmas

if TYPE_CHECKING:
    from ..relu import ReluOptimum, ReluSimulation
    from ..relu.capacity import DecodingCapacity
    from ..session import Session

CHAIN = "nonlinear"
#: Independent draws of S_z per Monte Carlo sample in the inactive-noise step.
NOISE_DRAWS_PER_SAMPLE = 64
NOISE_STREAM = 12
#: Where the Gaussian formula visibly fails (small D): shown beside every parameter point.
SMALL_D = {"T": 200, "D": 8, "z": 3}
SMALL_D_READOUT = (1.2, 0.6)


def _inactive_second(params: Params, a: float, b: float) -> float:
    """E ReLU(a·S_z − b)², exactly (the two lattices of the exact loss, extrapolated)."""
    from ..relu.exact import random_lattices
    from ..relu.overlap import POINTS_PER_SD

    fine = random_lattices(params, POINTS_PER_SD)[1].relu_moments_at(a, b)[1]
    coarse = random_lattices(params, POINTS_PER_SD // 2)[1].relu_moments_at(a, b)[1]
    return max((4 * fine - coarse) / 3, 0.0)


def _overlap_sums(params: Params, monitor: Monitor) -> np.ndarray:
    """Independent draws of S_z = Σ_j ⟨w, w_j⟩ for uniform unit vectors w, w_1 … w_z in R^D.

    Each overlap is drawn from its exact law, t = 2B − 1 with B ~ Beta((D−1)/2, (D−1)/2)
    (±1 for D = 1), so a draw costs z numbers instead of (z + 1)·D.
    """
    rng = np.random.default_rng([params.seed, NOISE_STREAM])
    n, z, D = params.samples * NOISE_DRAWS_PER_SAMPLE, params.z, params.D
    out = np.empty(n)
    rows = max(1, 2**20 // z)
    for start in range(0, n, rows):
        count = min(rows, n - start)
        if D == 1:
            t = rng.choice([-1.0, 1.0], size=(count, z))
        else:
            t = 2 * rng.beta((D - 1) / 2, (D - 1) / 2, size=(count, z)) - 1
        out[start : start + count] = t.sum(axis=1)
        monitor.step((start + count) / n)
    return out


def _sim_at(sim: ReluSimulation, index: int, observable: str) -> Estimate:
    return Estimate(
        float(sim.loss[index]), float(sim.se[index]), sim.samples, sim.embeddings, observable
    )


#: Below this share of inactive draws, the readout firing counts as a rare event.
RARE = 0.05


def _how_often_it_fires(a: float, b: float, variance: float, fires: float) -> str:
    """The end of the inactive step's sentence: what was measured, not what is typical."""
    if b < 0 and a > 0:
        return (
            f". Here b* = {figure(b)} < 0, an intercept, not a threshold: the noise is cut "
            f"only below b/a = {figure(b / a)}, and the readout fires on {fires:.0%} of the "
            "inactive draws."
        )
    if b <= 0 or a <= 0:
        return (
            f". Here b* = {figure(b)}, no threshold: only the negative half of the noise is "
            f"cut, and the readout fires on {fires:.0%} of the inactive draws."
        )
    out = (b / a) / math.sqrt(variance)
    if fires < RARE:
        return (
            f": a rare event, since b/a is {out:.2g} standard deviations out (the readout "
            f"fires on {fires:.2%} of the inactive draws)."
        )
    return (
        f". With b/a only {out:.2g} standard deviations out, that is no rare event: the "
        f"readout fires on {fires:.0%} of the inactive draws."
    )


def _cut_title(b: float) -> str:
    """The inactive step's title, by the sign of b*: a threshold, none, or an intercept."""
    if b > 0:
        return "The threshold silences inactive features"
    if b == 0:
        return "The ReLU halves the noise"
    return "With an intercept (b* < 0) the ReLU cuts only the noise below b/a"


def _kept_share(share: float) -> str:
    """': the ReLU keeps 64.75% of it', nothing where the linear readout keeps nothing (a = 0)."""
    return f": the ReLU keeps {share:.2%} of it" if math.isfinite(share) else ""


def _relation(share: float) -> str:
    """How the ReLU's kept noise compares with the linear readout's, as the numbers say."""
    if share < 0.1:
        return "≪"
    return "<" if share < 1 else "≥"


def inactive_step(params: Params, opt: ReluOptimum, monitor: Monitor) -> Step:
    """What the threshold leaves of an inactive feature's noise."""
    a, b, z, D = opt.a, opt.b, params.z, params.D
    draws = _overlap_sums(params, monitor)
    kept = np.maximum(a * draws - b, 0.0) ** 2
    n = len(draws)
    measured = with_draws(
        Estimate(
            float(kept.mean()),
            float(kept.std(ddof=1) / math.sqrt(n)),
            n,
            observable=f"ReLU(a·S_z − b)² at (a*, b*) = ({figure(a)}, {figure(b)}), S_z a sum "
            f"of z = {z} overlaps of independent uniform unit vectors in R^{D}",
        ),
        kept,
    )
    linear_sq = (a * draws) ** 2
    linear = Estimate(
        float(linear_sq.mean()),
        float(linear_sq.std(ddof=1) / math.sqrt(n)),
        n,
        observable="(a·S_z)², the same draws read linearly",
    )
    theory = _inactive_second(params, a, b)
    linear_theory = a * a * z / D
    share = theory / linear_theory if linear_theory > 0 else math.nan
    fires = float((a * draws > b).mean())
    own = assess(measured, theory)
    return make_step(
        CHAIN,
        "inactive_cut",
        _cut_title(b),
        "An inactive feature reads only noise, a·S_z with S_z = Σ_active ⟨w_i, w_j⟩ of variance "
        "z/D. A linear readout passes all of it: every one of the T − z inactive features costs "
        "a²z/D. The ReLU passes only the part of the noise above b/a, and squares what is left"
        f"{_how_often_it_fires(a, b, z / D, fires)}"
        + (
            " The active features pay for the threshold (their readout 1 + S_{z−1} is "
            "lowered by b), but there are only z of them."
            if b > 0
            else ""
        ),
        f"E ReLU(a·S_z − b)²  {_relation(share)}  E(a·S_z)² = a²z/D",
        theory,
        measured,
        Judgement(
            own.verdict,
            f"{own.reason} The linear readout at the same a keeps {figure(linear_theory)} "
            f"(measured {linear.text}){_kept_share(share)}; the readout "
            f"fires on {fires:.2%} of the inactive draws. Over T − z = {params.T - z:,} "
            f"inactive features: {figure((params.T - z) * theory)} against "
            f"{figure((params.T - z) * linear_theory)}.",
        ),
        evidence=(linear,),
    )


def gaussian_step(
    params: Params, point: tuple[float, float], sim: ReluSimulation, index: int
) -> Step:
    """The Gaussian formula against the exact loss and the simulation, at the working point."""
    from ..relu import gaussian_random, relu_loss

    a, b = point
    exact = float(relu_loss("random", params, a, b))
    gauss = float(gaussian_random(params, a, b))
    where = "the random optimum (a*, b*)" if params.a is None else "the chosen a, b at its best"
    measured = _sim_at(sim, index, f"the literal ReLU readout of random embeddings at {where}")
    small = make_params(**SMALL_D)
    sa, sb = SMALL_D_READOUT
    small_exact = float(relu_loss("random", small, sa, sb))
    small_gauss = float(gaussian_random(small, sa, sb))
    judged = assess(
        measured, exact, shown=gauss, why="S_k ≈ N(0, k/D), a normal law for a sum bounded by k"
    )
    return make_step(
        CHAIN,
        "gaussian",
        f"The Gaussian formula, at a = {figure(a)}, b = {figure(b)}",
        "Replacing S_k by a normal N(0, k/D) gives a closed form, with "
        "R1(μ, s) = μΦ(μ/s) + sφ(μ/s) = E ReLU(μ + sZ) and R2(μ, s) = (μ² + s²)Φ(μ/s) + μsφ(μ/s). "
        "The loss lives in the tails of S_k, beyond the threshold, and S_k is bounded by k and, "
        "at small D, far from normal there: the formula fails exactly where it matters. At "
        f"T = {small.T}, D = {small.D}, z = {small.z}, a = {sa:g}, b = {sb:g} it gives "
        f"{figure(small_gauss)} against the exact {figure(small_exact)}.",
        "L ≈ z[1 − 2R1(a−b, aσ₁) + R2(a−b, aσ₁)] + (T−z)·R2(−b, aσ₀),  σ₁² = (z−1)/D, σ₀² = z/D",
        exact,
        measured,
        judged,
    )


def optimum_step(
    params: Params, opts: dict[str, ReluOptimum], sims: dict[str, ReluSimulation]
) -> Step:
    """The exact loss at the best (a, b) of each scheme, and who wins by what factor."""
    from ..relu import gaussian_optimum

    best = opts["random"]
    gauss = gaussian_optimum(params)
    measured = _sim_at(
        sims["random"], 0, "the literal ReLU readout of random embeddings at (a*, b*)"
    )
    placed = standing({name: o.least for name, o in opts.items()})
    others = []
    for name in ("single", "multi"):
        o, m = opts[name], _sim_at(sims[name], 0, "")
        others.append(
            f"{name} {figure(o.loss)} at (a, b) = ({figure(o.a)}, {figure(o.b)}), "
            f"simulated {m.text}"
        )
    judged = assess(
        measured,
        best.loss,
        shown=gauss.loss,
        why="the Gaussian formula's own minimum (S_k ≈ N(0, k/D))",
    )
    return make_step(
        CHAIN,
        "optimum",
        "The exact value at the best readout (a*, b*)",
        "Exactly, over embeddings and active sets, an active feature reads 1 + S_{z−1} and an "
        "inactive one S_z, where S_k is a sum of k independent overlaps of density "
        "(1−t²)^((D−3)/2)/B(½, (D−1)/2): a one-dimensional integral, computed by convolving "
        "that density k times on a lattice. Minimised over a ≥ 0 and every real b for each "
        "scheme (b > 0 is a threshold, b < 0 an intercept).",
        "L = z·E(1 − ReLU(a(1 + S_{z−1}) − b))² + (T − z)·E ReLU(a·S_z − b)²",
        best.loss,
        measured,
        Judgement(
            judged.verdict,
            f"{judged.reason} {_best_readout(best)}; {'; '.join(others)}. "
            f"{standing_sentence(placed, 'At the optimum')}.",
        ),
    )


def _best_readout(best: ReluOptimum) -> str:
    """'(a*, b*) = (1.73, 0.936)', or, where the loss has no minimum, how its infimum is
    approached and where it was simulated."""
    at = f"({figure(best.a)}, {figure(best.b)})"
    if best.limit:
        return (
            f"The loss has no minimum: it falls to {figure(best.limit_loss)} as {best.limit}, "
            f"never reaching it; simulated at (a, b) = {at}, where it is {figure(best.loss)}"
        )
    intercept = " (b* < 0: an intercept here, not a threshold)" if best.b < 0 else ""
    return f"(a*, b*) = {at}{intercept}"


def compared_to_bound(loss: float, bound: float) -> str:
    """ " (2.5× lower)", " (1.8× higher)" or " (0.3 % lower)": the direction the numbers
    give, a factor only where it does not round to 1; nothing when either is not positive."""
    if not (loss > 0 and bound > 0):
        return ""
    direction = "lower" if loss < bound else "higher"
    factor = max(loss, bound) / min(loss, bound)
    if f"{factor:.3g}" != "1":
        return f" ({factor:.3g}× {direction})"
    if loss == bound:
        return " (equal)"
    return f" ({100 * abs(loss / bound - 1):.2g} % {direction})"


def linear_bound_step(params: Params, opt: ReluOptimum, sim: ReluSimulation) -> Step:
    """The ReLU random optimum against the least loss of any linear readout."""
    bound = rank_bound(params)
    m = _sim_at(sim, 0, "the simulated ReLU loss of random embeddings at (a*, b*)")
    judged = assess(m, opt.loss)
    beaten = not agrees(m, bound) and m.value < bound
    linear = exact_quadratic("random", params).minimum
    if params.D >= params.T:
        verdict_text = (
            "With D ≥ T a linear readout can be exact (the bound is 0): there is nothing to beat."
        )
    elif beaten:
        verdict_text = (
            f"The simulation puts the ReLU loss {sigmas(m, bound)} below the bound: no linear "
            "readout of any embedding reaches it."
        )
    else:
        verdict_text = (
            f"The simulation does not put the ReLU loss below the bound ({sigmas(m, bound)})."
        )
    # With no minimum the loss at the simulated point is only a step toward the limit: a
    # factor made of it would be a factor of round-off (z = 1: "9.96e+18× lower").
    against = (
        f"The bound is {figure(bound)}; the ReLU loss has no minimum, it falls toward "
        f"{figure(opt.limit_loss)} as {opt.limit}{compared_to_bound(opt.limit_loss, bound)}."
        if opt.limit
        else f"The bound is {figure(bound)}, the ReLU optimum "
        f"{figure(opt.loss)}{compared_to_bound(opt.loss, bound)}."
    )
    return make_step(
        CHAIN,
        "linear_bound",
        "Below the best any linear readout can do",
        "Any linear readout ŷ = M·y with rank M ≤ D loses at least the sum of the T − D "
        "smallest eigenvalues of E[yyᵀ]: z(T−D)(T−z)/(T(T−1)), whatever the embedding "
        "(multi reaches it when D divides T). With a linear readout superposition never pays; "
        f"here random embeddings read linearly lose {figure(linear)}. The threshold changes "
        "that: the ReLU loss of random embeddings against the bound.",
        "L*_ReLU,random  vs  z(T−D)(T−z)/(T(T−1))",
        opt.loss,
        m,
        Judgement(
            judged.verdict,
            f"{judged.reason} {against} {verdict_text}",
        ),
    )


def capacity_step(params: Params, cap: DecodingCapacity) -> Step:
    """Where P(some feature decoded wrong) crosses ½, against D/(8 ln T) and D."""
    from ..relu.capacity import HALF_SIGNAL

    line, typical = cap.notes_line, cap.typical
    measured = Estimate(
        cap.crossing if cap.reached else float(cap.active[-1]),
        cap.crossing_se,
        cap.samples * len(cap.active),
        observable=f"z at which P(some of the T features is decoded wrong, threshold "
        f"{HALF_SIGNAL:g}) reaches ½, interpolated over z = {', '.join(map(str, cap.active))} "
        f"({cap.samples:,} samples each)",
    )
    if cap.reached and cap.crossing < cap.active[0]:
        # Already at ½ on the first grid point: the measurement only bounds the crossing.
        measured = Estimate(
            float(cap.active[0]), math.nan, measured.samples, 1, measured.observable
        )
        verdict = Verdict.AGREES if line <= cap.active[0] else Verdict.APPROXIMATION
        found = (
            f"P(wrong) is already {cap.wrong[0]:.3f} at z = {int(cap.active[0])}: the crossing is "
            f"below it, as D/(8 ln T) = {figure(line)} says, and far below l < n = "
            f"{figure(typical)}."
        )
    elif cap.reached:
        verdict = decide(measured, line, exact=False)
        found = (
            f"Measured {measured.text}: {cap.crossing / line:.2g}× D/(8 ln T) = {figure(line)} "
            f"and {cap.crossing / typical:.2g}× the typical l < n = {figure(typical)}."
        )
    else:
        verdict = decide(measured, line, exact=False)
        found = f"P stays below ½ up to z = {int(cap.active[-1])}, the largest z simulated."
    probabilities = ", ".join(
        f"z={int(z)}: {p:.3f}" for z, p in zip(cap.active, cap.wrong, strict=True)
    )
    return make_step(
        CHAIN,
        "capacity",
        "Exact recovery needs z ≲ D/(8 ln T)",
        "Decode feature i as active when its readout exceeds half the signal. Every one of "
        "the T − z inactive readouts, noise N(0, z/D), must stay below ½; the largest of "
        "T − z such noises is about √(2(z/D) ln T), so the decoding fails once "
        "z ≳ D/(8 ln T): the first note's n/(8 ln m), with m = T features and n = D neurons. "
        "The typical-noise capacity l < n answers another question (one readout, not all).",
        "P(some feature decoded wrong) = ½  at  z ≈ D/(8 ln T)",
        line,
        measured,
        Judgement(
            verdict,
            f"{found} Measured P(wrong): {probabilities}. The line D/(8 ln T) is an asymptotic "
            "(the largest of T − z noises falls short of √(2(z/D) ln T) at finite T); "
            "l < n overestimates the capacity of exact recovery by far.",
        ),
    )


def debate_step(
    params: Params, linear_sim: Estimate, cap: DecodingCapacity, capacity: Step
) -> Step:
    """Which side of the first note's debate each readout proves right."""
    linear = exact_quadratic("random", params).minimum
    own = assess(linear_sim, linear)
    line, fails = cap.notes_line, capacity.simulated.value
    where = (
        f"exact recovery through a threshold fails by z ≈ {figure(fails)} (measured), "
        f"{fails / line:.2g}× the author's n/(8 ln m) = {figure(line)} and "
        f"{cap.typical / fails:.3g}× below the commenter's l < n = {figure(cap.typical)}"
        if cap.reached
        else f"exact recovery holds up to z = {int(cap.active[-1])} at least"
    )
    return make_step(
        CHAIN,
        "debate",
        "Who was right: each readout settles one side",
        "The first note's author bounds the noise by the worst case, √(8 ln m / n), and "
        "concludes l < n/(8 ln m); the commenter answers that typical noise is n^(−1/2) and "
        "the capacity l < n. The mean squared error of a linear readout depends on the "
        "overlaps only through Σ⟨w_i, w_j⟩², the typical size 1/n: random L* = z(T−1)/(D+T−1) "
        "has no ln m in it, so the commenter is right for the MSE of a linear readout. Exact "
        "recovery through a threshold needs every readout right, the worst of T: the author's "
        "worst-case bound is the right one there.",
        "linear: L* = z(T−1)/(D+T−1) (typical, 1/n);  threshold: z ≲ n/(8 ln m) (worst case)",
        linear,
        linear_sim,
        combine(
            Judgement(
                own.verdict,
                f"{own.reason} The linear MSE follows the typical overlap: {figure(linear)} "
                f"with no ln T; {where}.",
            ),
            Judgement(capacity.verdict, capacity.reason),
            "The threshold's capacity",
        ),
    )


def working_point(params: Params, opt: ReluOptimum) -> tuple[float, float]:
    """The readout the Gaussian step is at: the optimum, or the chosen a with b at its best."""
    if params.a is None:
        return opt.a, opt.b
    from ..relu import best_bias_curve

    curve = best_bias_curve("random", params, [params.a])
    return float(params.a), float(curve.b[0])


def nonlinear_chain(session: Session, monitor: Monitor = SILENT) -> list[Step]:
    """The walkthrough of the ReLU readout: noise cut, Gaussian, exact, optimum, capacity."""
    from ..relu import relu_optimum, simulate_relu
    from ..relu.capacity import decoding_capacity

    params = session.params
    opts = {name: relu_optimum(name, params) for name in ("random", "single", "multi")}
    point = working_point(params, opts["random"])
    sims = {}
    for i, name in enumerate(opts):
        a_points, b_points = [opts[name].a], [opts[name].b]
        if name == "random":
            a_points.append(point[0])
            b_points.append(point[1])
        sims[name] = simulate_relu(
            params, name, a_points, b_points, session, monitor.part(0.1 + 0.2 * i, 0.3 + 0.2 * i)
        )
    linear_sim = session.simulation("random", monitor.part(0.7, 0.75))
    linear_at = curve_point(
        linear_sim,
        exact_quadratic("random", params).argmin,
        "the literal linear readout of random embeddings at its exact optimum a*",
    )
    noise = inactive_step(params, opts["random"], monitor.part(0.0, 0.1))
    cap = decoding_capacity(params.T, params.D, params.samples, params.seed, monitor.part(0.75, 1))
    capacity = capacity_step(params, cap)
    return [
        noise,
        gaussian_step(params, point, sims["random"], 1),
        optimum_step(params, opts, sims),
        linear_bound_step(params, opts["random"], sims["random"]),
        capacity,
        debate_step(params, linear_at, cap, capacity),
    ]
