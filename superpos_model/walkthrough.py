"""The derivation of seed 001, step by step, each step beside a simulation of it.

Every chain is a list of :class:`~superpos_model.steps.Step`: a formula at the
current parameters, the notes' version where it differs, a Monte Carlo of the
same quantity with its standard error, and a verdict computed from those
numbers by :func:`assess`.  When ``params.a`` is None each chain works at its
scheme's exact optimum (:func:`readout_scale`).

The simulations reuse the model's own machinery: shared active sets
(:func:`~superpos_model.simulate.draw_shared_active_sets`), the embeddings'
column pass (:meth:`~superpos_model.embeddings.Embedding.accumulate`) and the
loss Monte Carlo (:func:`~superpos_model.simulate.simulate`).
"""

from __future__ import annotations

import dataclasses
import functools
import math
import threading
from collections.abc import Callable

import numpy as np

from .agreement import AGREE_SE
from .exact import exact_multi, exact_quadratic, exact_random, exact_single
from .interference_steps import interference_chain
from .monitor import SILENT, Monitor
from .notes import notes_multi, notes_random, notes_random_approx, notes_single
from .params import ParamError, Params
from .sampling import draw_active_sets
from .schemes import make_embedding, multi_group_sizes
from .simulate import (
    Simulation,
    draw_shared_active_sets,
    random_embeddings,
    sample_coefficients,
    simulate,
)
from .steps import Measurement, Step, Verdict, figure

#: Random stream of the feature pairs whose overlaps are measured (1 and 2 are
#: the embeddings' and the active sets').
PAIR_STREAM = 3

#: Floats of gathered feature columns one anatomy pass may hold (128 MB); beyond
#: it the per-feature measurements use fewer samples than ``params.samples``.
ANATOMY_FLOATS = 2**24

#: Relative tolerance under which two formulas give "the same" number.
SAME_REL = 1e-9

Chain = Callable[[Params, Monitor], list[Step]]


# ---------------------------------------------------------------- verdicts


def _same(x: float, y: float) -> bool:
    return math.isclose(x, y, rel_tol=SAME_REL, abs_tol=1e-12)


def _score(m: Measurement, value: float) -> float:
    """Standard errors between ``m`` and ``value``; 0 when they differ only by rounding.

    Deterministic observables (SE 0) would otherwise call a last-digit
    difference infinitely significant.
    """
    return 0.0 if _same(m.value, value) else m.z_score(value)


def _agrees(m: Measurement, value: float) -> bool:
    return abs(_score(m, value)) <= AGREE_SE


def _sigmas(m: Measurement, value: float) -> str:
    score = _score(m, value)
    return "infinitely many SE (SE 0)" if math.isinf(score) else f"{abs(score):.1f} SE"


def _relative(gap: float, exact: float) -> str:
    return f" ({100 * gap / exact:+.2g}%)" if exact else ""


def _resolving_samples(m: Measurement, gap: float) -> int:
    """Samples at which a gap of ``gap`` would sit AGREE_SE standard errors out."""
    return math.ceil(m.samples * (AGREE_SE * m.se / abs(gap)) ** 2)


def assess(
    m: Measurement,
    exact: float,
    *,
    shown: float | None = None,
    notes: float | None = None,
    why: str = "",
    slip: bool = False,
) -> tuple[Verdict, str]:
    """The verdict on one quantity and the reason, from the numbers alone.

    Parameters
    ----------
    m : Measurement
        The simulation of the quantity.
    exact : float
        What the simulation converges to.
    shown : float, optional
        The step's formula, when it only approximates ``exact``.
    notes : float, optional
        The notes' value, when it differs from the step's formula.
    why : str
        The approximation behind ``shown`` or ``notes``, or (``slip``) a
        sentence on what is wrong in the notes' text.
    slip : bool
        ``notes`` differs because the text is wrong, not because of an
        approximation: the algebra settles it whatever the simulation resolves.

    Returns
    -------
    (Verdict, str)
        ``unexplained`` when the simulation is beyond AGREE_SE of ``exact``;
        ``notes differ`` when ``notes`` is a slip that changes the number;
        ``approximation`` when the simulation resolves the gap of ``shown`` or
        of ``notes``; otherwise ``agrees``.
    """
    found = f"simulated {m.text}, {_sigmas(m, exact)} from the exact {figure(exact)}"
    if not _agrees(m, exact):
        return Verdict.UNEXPLAINED, (
            f"Unexplained: {found}, and no stated approximation accounts for that. A chance "
            "fluctuation (about 1 step in 370 lands beyond 3 SE), an SE estimated from too "
            "few samples, or an error; try another --seed or more --samples."
        )
    remarks = []
    for value, whose in ((shown, "The formula"), (notes, "The notes' value")):
        if value is None or _same(value, exact):
            continue
        gap = value - exact
        if whose == "The notes' value" and slip:
            rejects = (
                f"rejects {figure(value)} ({_sigmas(m, value)} away)"
                if not _agrees(m, value)
                else (
                    f"alone cannot tell ({_sigmas(m, value)} from {figure(value)}); the algebra can"
                )
            )
            return Verdict.NOTES_DIFFER, (
                f"{why} The notes give {figure(value)}, the correct value is {figure(exact)}: "
                f"{found}, so the simulation {rejects}."
            )
        if not _agrees(m, value):
            return Verdict.APPROXIMATION, (
                f"{whose} {figure(value)} rests on {why}: it is "
                f"{figure(gap)}{_relative(gap, exact)} "
                f"off the exact {figure(exact)}. The simulation resolves the gap: {found}, "
                f"{_sigmas(m, value)} from {figure(value)}."
            )
        remarks.append(
            f"{whose} {figure(value)} rests on {why}; it is {figure(gap)} off the exact value, a "
            f"gap these samples cannot resolve ({_sigmas(m, value)} from the simulation); about "
            f"{_resolving_samples(m, gap):,} samples would."
        )
    return Verdict.AGREES, " ".join([f"Agrees: {found}.", *remarks])


def _combine(own: tuple[Verdict, str], label: tuple[Verdict, str], on: str) -> tuple[Verdict, str]:
    """Join a step's own verdict with one on a claim it cites (``on`` names the claim)."""
    worst = next(
        (v for v in (Verdict.UNEXPLAINED, Verdict.NOTES_DIFFER) if v in (own[0], label[0])),
        own[0],
    )
    return worst, f"{own[1]} {on}: {label[1][0].lower()}{label[1][1:]}"


def _step(
    chain: str,
    key: str,
    title: str,
    explanation: str,
    formula: str,
    theory: float,
    measured: Measurement,
    verdict: tuple[Verdict, str],
    *,
    notes_written: str | None = None,
    notes_value: float | None = None,
    evidence: tuple[Measurement, ...] = (),
) -> Step:
    return Step(
        chain=chain,
        key=f"{chain}.{key}",
        title=title,
        explanation=explanation,
        formula=formula,
        notes_written=notes_written,
        theory=theory,
        notes_value=notes_value,
        simulated=measured,
        verdict=verdict[0],
        reason=verdict[1],
        evidence=evidence,
    )


# ---------------------------------------------------------------- shared simulations

_SIMULATIONS: dict[tuple[Params, str], Simulation] = {}
_SIMULATIONS_LOCK = threading.Lock()
#: Simulations kept for reuse across chains (e.g. ``conclusions`` after the schemes).
_CACHE_SIZE = 12


def scheme_simulation(params: Params, scheme: str, monitor: Monitor = SILENT) -> Simulation:
    """:func:`simulate` on the shared active sets, memoised: chains reuse each other's runs.

    A seed fixes the result, so the memo changes speed only, never values.
    """
    key = (dataclasses.replace(params, a=None), scheme)
    with _SIMULATIONS_LOCK:
        cached = _SIMULATIONS.get(key)
    if cached is None:
        # Computed outside the lock: app workers may run chains on several threads.
        cached = simulate(params, scheme, draw_shared_active_sets(params), monitor)
        with _SIMULATIONS_LOCK:
            if len(_SIMULATIONS) >= _CACHE_SIZE:
                del _SIMULATIONS[next(iter(_SIMULATIONS))]
            _SIMULATIONS[key] = cached
    monitor.step(1.0)
    return cached


def readout_scale(params: Params, scheme: str) -> float:
    """The a a chain works at: the user's ``params.a``, else the scheme's exact optimum."""
    return params.a if params.a is not None else exact_quadratic(scheme, params).argmin


def _at(a: float, params: Params) -> str:
    return f"a = {figure(a)}" + (" (the exact optimum)" if params.a is None else "")


def _curve_point(sim: Simulation, a: float, observable: str) -> Measurement:
    return Measurement(float(sim.curve(a)), float(sim.se(a)), sim.samples, observable)


def _best_a(sim: Simulation) -> Measurement:
    curve = f"minimiser of the simulated {sim.scheme} loss curve L(a)"
    return Measurement(sim.a_opt, sim.a_opt_se, sim.samples, curve)


def _best_loss(sim: Simulation) -> Measurement:
    curve = f"minimum of the simulated {sim.scheme} loss curve L(a)"
    return Measurement(sim.mse_opt, sim.mse_opt_se, sim.samples, curve)


def _measure(groups: list[np.ndarray], observable: str) -> Measurement:
    """Mean of per-sample values; SE from within groups or their spread, whichever is larger.

    Each group holds the samples of one embedding, so the spread of group means
    carries the embeddings' own spread (as :class:`Simulation` does).
    """
    values = np.concatenate(groups)
    n, k = values.size, len(groups)
    centred = np.concatenate([g - g.mean() for g in groups])
    variance = float(centred @ centred) / max(n - k, 1) / n
    if k > 1:
        means = np.array([g.mean() for g in groups])
        variance = max(variance, float(np.var(means, ddof=1)) / k)
    return Measurement(float(values.mean()), math.sqrt(variance), n, observable)


def _anatomy_samples(params: Params, rows_per_sample: int) -> int:
    """Samples whose gathered columns fit in ANATOMY_FLOATS (at least 2)."""
    fit = ANATOMY_FLOATS // (rows_per_sample * params.D)
    return max(2, min(params.samples, fit))


# ---------------------------------------------------------------- random


@dataclasses.dataclass(frozen=True)
class RandomAnatomy:
    """Per-feature measurements on random embeddings at one readout scale a.

    Attributes
    ----------
    overlap2 : Measurement
        ⟨w_i, w_j⟩² for random pairs of distinct features.
    active_noise : Measurement
        ε² = (ŷ_i − a)² on active features (per-sample mean over the z).
    inactive_noise : Measurement or None
        ŷ_k² on inactive features (per-sample mean over all T − z); None if z = T.
    """

    overlap2: Measurement
    active_noise: Measurement
    inactive_noise: Measurement | None


def random_anatomy(params: Params, a: float, monitor: Monitor = SILENT) -> RandomAnatomy:
    """Measure overlaps and both noises on the random embeddings :func:`simulate` uses.

    One column pass per embedding gathers the columns of every sampled active
    feature and of every sampled pair, and the Gram WWᵀ.  With h = W·y,
    ŷ_i = a·w_iᵀh, and the inactive features' Σ ŷ_k² is the whole readout's
    ‖a·Wᵀh‖² = a²·hᵀ(WWᵀ)h minus the active ones.
    """
    T, D, z = params.T, params.D, params.z
    n = _anatomy_samples(params, z + 2)
    active = draw_shared_active_sets(params)[:n]
    pairs = draw_active_sets(np.random.default_rng([params.seed, PAIR_STREAM]), T, 2, n)
    count = max(1, min(random_embeddings(params), n // 2))
    overlaps, active_noise, inactive_noise = [], [], []
    groups = zip(np.array_split(active, count), np.array_split(pairs, count), strict=True)
    for index, (sets, pair) in enumerate(groups):
        embedding = make_embedding("random", T, D, params.seed, index)
        # One feature per row: the pass's readouts are then the columns themselves.
        rows = np.concatenate([sets.ravel(), pair.ravel()])[:, None]
        result = embedding.accumulate(rows, monitor.part(index / count, (index + 1) / count))
        columns = result.readouts[: sets.size].reshape(len(sets), z, D)
        pair_columns = result.readouts[sets.size :].reshape(len(pair), 2, D)
        overlaps.append(np.einsum("nd,nd->n", pair_columns[:, 0], pair_columns[:, 1]) ** 2)
        h = columns.sum(axis=1)
        y_hat = a * np.einsum("nzd,nd->nz", columns, h)
        active_noise.append(((y_hat - a) ** 2).mean(axis=1))
        if z < T:
            energy, _ = sample_coefficients(h, result.gram)
            inactive_noise.append((a * a * energy - (y_hat**2).sum(axis=1)) / (T - z))
    embeddings = f"{count} random embedding{'s' if count > 1 else ''}"
    return RandomAnatomy(
        overlap2=_measure(overlaps, f"⟨w_i, w_j⟩² of random feature pairs i ≠ j, {embeddings}"),
        active_noise=_measure(
            active_noise, f"(ŷ_i − a)² averaged over each sample's z active features, {embeddings}"
        ),
        inactive_noise=(
            _measure(
                inactive_noise,
                f"ŷ_k² averaged over each sample's T − z inactive features, {embeddings}",
            )
            if inactive_noise
            else None
        ),
    )


def random_chain(params: Params, monitor: Monitor = SILENT) -> list[Step]:
    """Random directions (superposition): overlaps, the two noises, the loss and its optimum."""
    D, z = params.D, params.z
    a = readout_scale(params, "random")
    sim = scheme_simulation(params, "random", monitor.part(0.0, 0.5))
    anatomy = random_anatomy(params, a, monitor.part(0.5, 1.0))
    notes, exact, approx = notes_random(params), exact_random(params), notes_random_approx(params)
    at = _at(a, params)
    step = functools.partial(_step, "random")
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
                _combine(
                    assess(anatomy.inactive_noise, inactive_theory), label, "On active features"
                ),
                notes_written="ŷ = ε where E[ε²] = z·a²/D for active features",
                notes_value=inactive_theory,
                evidence=(anatomy.active_noise,),
            )
        )
    total = _curve_point(
        sim, a, "‖a·Wᵀ(W·y) − y‖² per sample, averaged over several random embeddings"
    )
    a_opt, mse_opt = _best_a(sim), _best_loss(sim)
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


# ---------------------------------------------------------------- single and multi


@dataclasses.dataclass(frozen=True)
class AxisReadout:
    """Where the sampled active features land on an axis embedding, and what they read.

    Attributes
    ----------
    neuron : (n, z) int array
        The neuron of each active feature, −1 when it is dropped.
    readout : (n, z) array
        w_iᵀ(W·y) for each active feature i: how many active features share its
        neuron (0 when dropped).
    group_size : (D,) array
        Features per neuron.
    """

    neuron: np.ndarray
    readout: np.ndarray
    group_size: np.ndarray


def axis_readout(params: Params, scheme: str, monitor: Monitor = SILENT) -> AxisReadout:
    """The ``single`` or ``multi`` embedding read on the shared active sets."""
    embedding = make_embedding(scheme, params.T, params.D)
    active = draw_shared_active_sets(params)
    result = embedding.accumulate(active, monitor)
    neuron = embedding.neuron[active]
    rows = np.arange(len(active))[:, None]
    readout = np.where(neuron >= 0, result.readouts[rows, np.maximum(neuron, 0)], 0.0)
    return AxisReadout(neuron, readout, np.diag(result.gram))


def single_chain(params: Params, monitor: Monitor = SILENT) -> list[Step]:
    """One feature per neuron: who is represented, what the rest cost, and the notes' typo."""
    T, D, z = params.T, params.D, params.z
    a = params.a if params.a is not None else 1.0
    sim = scheme_simulation(params, "single", monitor.part(0.0, 0.5))
    seen = axis_readout(params, "single", monitor.part(0.5, 1.0))
    exact, notes = exact_single(params), notes_single(params)
    kept = min(D, T) / T
    step = functools.partial(_step, "single")
    represented = _measure(
        [(seen.neuron >= 0).mean(axis=1)], "fraction of each sample's active features on a neuron"
    )
    dropped = seen.neuron < 0
    dropped_cost = _measure(
        [np.where(dropped, (a * seen.readout - 1.0) ** 2, 0.0).sum(axis=1)],
        "Σ (ŷ_i − 1)² over each sample's active features that have no neuron",
    )
    total = _curve_point(sim, a, "‖a·Wᵀ(W·y) − y‖² per sample")
    zeros = _curve_point(sim, 0.0, "the same simulated loss at a = 0: predicting all zeros")
    typo = assess(
        total,
        exact(a),
        notes=notes.mse_opt,
        why="The notes' z(T−D)/D divides by D where T belongs: a fraction (T − D)/T of the z "
        "active features is dropped, each costing 1.",
        slip=True,
    )
    if notes.mse_opt > z:
        typo = (
            typo[0],
            f"{typo[1]} Also, {figure(notes.mse_opt)} exceeds z = {z}, the loss of predicting "
            f"all zeros (simulated at a = 0: {zeros.text}), which keeping D features "
            "exactly can only improve on.",
        )
    return [
        step(
            "represented",
            "Who is represented",
            f"Features 0 … D − 1 each get a neuron of their own; the other T − D are dropped. "
            f"An active feature is a uniform pick, so it lands on a neuron with probability "
            f"D/T. With {z} active, about {figure(z * kept)} per sample are represented.",
            "P(an active feature has a neuron) = D/T",
            kept,
            represented,
            assess(represented, kept),
        ),
        step(
            "dropped",
            "What the dropped features cost",
            "A dropped feature always reads 0. When it is active that is an error of 1, "
            "whatever a is; on average z(T − D)/T active features per sample are dropped.",
            "E Σ_{dropped, active} (ŷ_i − y_i)² = z(T − D)/T",
            z * (1 - kept),
            dropped_cost,
            assess(dropped_cost, z * (1 - kept)),
        ),
        step(
            "total",
            f"Total loss MSE_single, at a = {figure(a)}"
            + (" (ŷ = y on represented features)" if params.a is None else ""),
            "Represented active features miss by (1 − a), dropped ones by 1, and inactive "
            "features read exactly 0. At a = 1 only the dropped ones cost anything: z(T − D)/T.",
            "MSE_single(a) = z[(D/T)(1 − a)² + (T − D)/T];  at a = 1: z(T − D)/T",
            exact(a),
            total,
            typo,
            notes_written="MSE_single = z(T−D)/D   (printed 'zT−DD')",
            notes_value=notes.mse_opt,
            evidence=(zeros,),
        ),
    ]


def _groups_text(T: int, D: int) -> str:
    sizes = multi_group_sizes(T, D)
    if len(sizes) == 1:
        return f"every neuron holds T/D = {next(iter(sizes))} features"
    return "D ∤ T: " + ", ".join(
        f"{count} neuron{'s' if count > 1 else ''} hold {size}" for size, count in sizes.items()
    )


def multi_chain(params: Params, monitor: Monitor = SILENT) -> list[Step]:
    """One neuron per feature: groups, wrongly activated neighbours, co-activation, optimum."""
    T, D, z = params.T, params.D, params.z
    exact, notes = exact_multi(params), notes_multi(params)
    a = readout_scale(params, "multi")
    sim = scheme_simulation(params, "multi", monitor.part(0.0, 0.4))
    seen = axis_readout(params, "multi", monitor.part(0.4, 0.8))
    rand = scheme_simulation(params, "random", monitor.part(0.8, 1.0))
    step = functools.partial(_step, "multi")
    at = _at(a, params)
    sizes = seen.group_size
    own_group = sizes[seen.neuron]
    group_theory = float(sizes @ sizes) / T
    neighbours_theory = float(sizes @ (sizes - 1)) / T * (T - z) / max(T - 1, 1)
    uneven = " and, as D ∤ T, unequal groups" if T % D else ""
    group = _measure([own_group.mean(axis=1)], "size of each active feature's group, per sample")
    neighbours = _measure(
        [(own_group - seen.readout).mean(axis=1)],
        "inactive features on each active feature's neuron (switched on wrongly), per sample",
    )
    total = _curve_point(sim, a, "‖a·Wᵀ(W·y) − y‖² per sample")
    a_opt, mse_opt = _best_a(sim), _best_loss(sim)
    rand_a = _best_a(rand)
    co_activation = f"ignoring two active features on one neuron (co-activation){uneven}"
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
            f"Feature i sits on neuron i mod D with weight 1, so about T/D features share each "
            f"neuron ({_groups_text(T, D)}). Measured from the active features' side: a "
            "feature is more likely to sit in a bigger group, so the average is Σg²/T.",
            "g = T/D features per neuron   (exactly Σ_k g_k²/T seen from an active feature)",
            T / D,
            group,
            assess(group, group_theory, shown=T / D, why=f"equal groups of T/D{uneven}"),
        ),
        step(
            "neighbours",
            "Features wrongly switched on by an active one",
            "Every feature on an active neuron reads a·(number of active features there). The "
            "g − 1 neighbours of an active feature are inactive unless they are active too, "
            "so each active feature wrongly switches on about (T − D)/D inactive ones; exactly "
            "(g − 1)(T − z)/(T − 1) on average. (The notes say 'inactive neurons': they mean "
            "inactive features.)",
            "(T − D)/D per active feature   (exactly Σ_k g_k(g_k − 1)/T · (T − z)/(T − 1))",
            (T - D) / D,
            neighbours,
            assess(neighbours, neighbours_theory, shown=(T - D) / D, why=co_activation),
            notes_written="T−DD   (typesetting lost: (T − D)/D)",
            notes_value=(T - D) / D,
        ),
        step(
            "total_no_coactivation",
            f"Total loss without co-activation, at {at}",
            "If no two active features ever shared a neuron, each active feature would miss "
            "by (1 − a) and switch on T/D − 1 neighbours to a: z((1−a)² + (T/D − 1)a²). With "
            "z active features among D neurons, collisions happen about z(z − 1)/(2D) times "
            "per sample: not rare unless z ≪ √D.",
            "MSE_multi(a) = z((1 − a)² + (T/D − 1)a²)",
            notes.curve(a),
            total,
            assess(total, exact(a), shown=notes.curve(a), why=co_activation),
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
            _combine(
                assess(a_opt, exact.argmin, notes=notes.a_opt, why=co_activation),
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
            "Co-activation lowers the exact optimum below it.",
            "MSE_multi(a*) = z − B²/A,  A = Σ_k g_k·E c_k²,  B = Σ_k E c_k²   (≈ z(1 − D/T))",
            exact.minimum,
            mse_opt,
            assess(mse_opt, exact.minimum, notes=notes.mse_opt, why=co_activation),
            notes_written="MSErand = z(1 − D/T)",
            notes_value=notes.mse_opt,
        ),
    ]


# ---------------------------------------------------------------- conclusions


def _difference(first: Simulation, second: Simulation, label: str) -> Measurement:
    return Measurement(
        first.mse_opt - second.mse_opt,
        math.hypot(first.mse_opt_se, second.mse_opt_se),
        min(first.samples, second.samples),
        f"simulated {label}, each at its own simulated optimum; SE combines both "
        "(conservative: they share active sets)",
    )


def _sign_remark(m: Measurement) -> str:
    if not _agrees(m, 0.0):
        return f"The simulation resolves the sign: the difference is {_sigmas(m, 0.0)} from 0."
    return f"The simulation cannot tell the sign: the difference is {_sigmas(m, 0.0)} from 0."


def conclusions_chain(params: Params, monitor: Monitor = SILENT) -> list[Step]:
    """The notes' conclusions checked: multi beats random; single and multi tie."""
    T, D = params.T, params.D
    sims = {
        name: scheme_simulation(params, name, monitor.part(i / 3, (i + 1) / 3))
        for i, name in enumerate(("random", "single", "multi"))
    }
    best = {name: exact_quadratic(name, params).minimum for name in sims}
    step = functools.partial(_step, "conclusions")
    uneven = " and, as D ∤ T, unequal groups" if T % D else ""

    beat = _difference(sims["random"], sims["multi"], "L*_rand − L*_multi")
    beat_exact = best["random"] - best["multi"]
    beat_notes = notes_random(params).mse_opt - notes_multi(params).mse_opt
    verdict, reason = assess(
        beat,
        beat_exact,
        notes=beat_notes,
        why="the notes' approximations (z ≪ T for random, no co-activation for multi)",
    )
    if beat_exact <= 0 or _same(beat_exact, 0.0):
        verdict, reason = (
            Verdict.NOTES_DIFFER,
            f"At these parameters multi does not beat random: the exact L*_rand − L*_multi "
            f"is {figure(beat_exact)}. {reason}",
        )
    tie = _difference(sims["single"], sims["multi"], "L*_single − L*_multi")
    tie_exact = best["single"] - best["multi"]
    tie_verdict = assess(
        tie,
        tie_exact,
        notes=0.0,
        why=f"ignoring co-activation{uneven}",
    )
    return [
        step(
            "multi_beats_random",
            "Multi beats random",
            "The notes: 'we can already see that this is smaller than MSE_rand'. Both optima "
            "sit just below z, so the margin is small: at the same a, random leaks noise "
            "z·a²(T − 1)/D in total, multi z·a²(T − D)/D, about z·a² less.",
            "L*_rand − L*_multi = z(T − 1)/(D + T − 1) − L*_multi > 0",
            beat_exact,
            beat,
            (verdict, f"{reason} {_sign_remark(beat)}"),
            notes_written="zT/(T + D) − z(1 − D/T) > 0",
            notes_value=beat_notes,
        ),
        step(
            "single_multi_tie",
            "Single and multi tie at their optima",
            "With the typo fixed, single loses z(T − D)/T and the notes' multi optimum is "
            "z(1 − D/T): the same number. Dropping T − D features or sharing neurons so that "
            "each neuron averages its group costs the same, up to co-activation.",
            "L*_single − L*_multi = z(T − D)/T − L*_multi ≈ 0",
            tie_exact,
            tie,
            tie_verdict,
            notes_written="z(T − D)/T (single, typo fixed) = z(1 − D/T) (multi)",
            notes_value=0.0,
        ),
    ]


# ---------------------------------------------------------------- registry

#: Chain name → builder, in the order ``all`` runs them.
CHAINS: dict[str, Chain] = {
    "random": random_chain,
    "single": single_chain,
    "multi": multi_chain,
    "conclusions": conclusions_chain,
    "interference": interference_chain,
}

#: What ``--scheme`` accepts.
SCHEME_CHOICES = (*CHAINS, "all")


def chain_names(scheme: str) -> tuple[str, ...]:
    """The chains ``scheme`` selects; :class:`ParamError` naming the choices otherwise."""
    if scheme == "all":
        return tuple(CHAINS)
    if scheme in CHAINS:
        return (scheme,)
    raise ParamError("scheme", f"{scheme!r} is not a chain; use one of {', '.join(SCHEME_CHOICES)}")


def walkthrough(params: Params, scheme: str = "all", monitor: Monitor = SILENT) -> list[Step]:
    """Every step of the chains ``scheme`` selects (``all``: every chain), in order."""
    names = chain_names(scheme)
    steps: list[Step] = []
    for i, name in enumerate(names):
        steps += CHAINS[name](params, monitor.part(i / len(names), (i + 1) / len(names)))
    return steps
