"""The verdict engine: when a simulation agrees with a value, and what a step concludes.

Every chain's steps, the check table and the ranking decide agreement here
(:data:`AGREE_SE`, :func:`z_score`), and every step's verdict comes from one
rule, :func:`decide`.

The rule
--------
A step compares a simulation ``m`` with ``target``, the value the simulation
converges to (``exact``) or, where no exact value is known, an asymptotic
formula.  It may also show an approximate formula (``shown``) and the notes'
value (``notes``), which is either a stated approximation or a *slip*: a
statement that is wrong rather than approximate (a typo, a mislabelled line, a
bound taken for a typical value).

1. ``unexplained`` — the target is exact and ``m`` is beyond AGREE_SE of it.
2. ``notes differ`` — the notes' value is a slip and is shown to be wrong.
   Against an exact target the algebra settles it: any difference beyond
   rounding, whether or not these samples resolve it (the reason says which).
   Against an asymptotic target only the simulation can settle it: it must
   reject the notes' value and lie nearer the target than the notes.
3. ``approximation`` — an approximation (an asymptotic target, ``shown``, or
   notes that are not a slip) is beyond AGREE_SE of ``m``: the samples resolve
   its gap.
4. ``agrees`` — otherwise.

Before this module the interference chain asked for rule 2 only when the
simulation rejected the notes' value, and the second note's chains whatever it
resolved; now both say ``notes differ`` for a wrong statement that the exact
value refutes, and the reason reports whether the samples resolve it too.
"""

from __future__ import annotations

import math
from enum import StrEnum
from typing import NamedTuple

from ..estimate import Estimate, figure, zero_spread_se

#: A value within this many standard errors of its simulation agrees.
AGREE_SE = 3.0

#: Relative tolerance under which two values are "the same" number (rounding only).
SAME_REL = 1e-9


class Verdict(StrEnum):
    """How a step's formula fares against its simulation."""

    AGREES = "agrees"
    APPROXIMATION = "approximation"
    NOTES_DIFFER = "notes differ"
    #: Beyond 3 SE of an exact value with no stated approximation to blame: a
    #: chance fluctuation (about 1 step in 370) or an error, never hidden.
    UNEXPLAINED = "unexplained"


class Judgement(NamedTuple):
    """A step's verdict and the sentences that justify it."""

    verdict: Verdict
    reason: str


def same(x: float, y: float) -> bool:
    """True when ``x`` and ``y`` differ only by rounding."""
    return math.isclose(x, y, rel_tol=SAME_REL, abs_tol=1e-12)


def z_score(
    simulated: float,
    reference: float,
    se: float,
    samples: int = 0,
    draw_range: float = math.nan,
) -> float:
    """(simulated − reference) / se; 0 when the two differ only by rounding.

    With no observed spread (SE 0) over ``samples`` draws the SE is the
    rule-of-three stand-in :func:`~superpos_model.estimate.zero_spread_se`, at
    the scale ``draw_range`` (the larger of the two values when not known);
    without a sample count the two differ infinitely (±inf).  NaN when either
    value is undefined (e.g. the minimiser of a curve no sample depended on).
    """
    if math.isnan(simulated) or math.isnan(reference):
        return math.nan
    if same(simulated, reference):
        return 0.0
    gap = simulated - reference
    if se > 0:
        return gap / se
    if samples > 0:
        scale = draw_range if math.isfinite(draw_range) else max(abs(simulated), abs(reference))
        bound = zero_spread_se(scale, samples)
        if bound > 0:  # else the draws cannot differ (or their scale underflows): the gap is real
            return gap / bound
    return math.copysign(math.inf, gap)


def score(m: Estimate, value: float) -> float:
    """Standard errors between the estimate ``m`` and ``value`` (see :func:`z_score`)."""
    return z_score(m.value, value, m.se, m.samples, m.draw_range)


def zero_spread_text(samples: int) -> str:
    """The one wording for a comparison made without observed spread."""
    return (
        f"no spread in {samples:,} samples, so the SE is the rule of three's bound: "
        "what a draw could differ by, over N"
    )


def agrees(m: Estimate, value: float) -> bool:
    """True when ``value`` lies within AGREE_SE standard errors of ``m``."""
    return abs(score(m, value)) <= AGREE_SE


def decide(
    m: Estimate,
    target: float,
    *,
    exact: bool = True,
    shown: float | None = None,
    notes: float | None = None,
    slip: bool = False,
) -> Verdict:
    """The verdict on one quantity by the module's rule.

    Parameters
    ----------
    m : Estimate
        The simulation of the quantity.
    target : float
        What the simulation converges to (``exact``), else an asymptotic formula.
    shown : float, optional
        The step's formula, when it only approximates ``target``.
    notes : float, optional
        The notes' value, when it differs from the step's formula.
    slip : bool
        ``notes`` is a wrong statement, not an approximation.
    """
    if exact and not agrees(m, target):
        return Verdict.UNEXPLAINED
    if notes is not None and slip and _refuted(m, target, notes, exact):
        return Verdict.NOTES_DIFFER
    approximations = [shown] + ([] if slip else [notes]) + ([] if exact else [target])
    if any(v is not None and not agrees(m, v) for v in approximations):
        return Verdict.APPROXIMATION
    return Verdict.AGREES


def _refuted(m: Estimate, target: float, notes: float, exact: bool) -> bool:
    if exact:
        return not same(notes, target)
    return not agrees(m, notes) and abs(notes - m.value) > abs(target - m.value)


def lower_bound_verdict(bound: float, target: float) -> Verdict:
    """A measurement that only bounds the quantity from below: consistent if ``target`` ≥ it."""
    return Verdict.AGREES if target >= bound else Verdict.UNEXPLAINED


def sigmas(m: Estimate, value: float) -> str:
    """How many SE separate ``m`` from ``value``, in words; where the draws showed no spread
    beyond round-off (``m.exact``) the distance itself, as a count of SEs would be noise's."""
    if m.exact:
        if same(m.value, value):
            return "nothing beyond round-off"
        return f"{figure(abs(m.value - value))} ({zero_spread_text(m.samples)})"
    return f"{abs(score(m, value)):.1f} SE"


def _away(m: Estimate, value: float) -> str:
    """' (3.1 SE away)', or without nested brackets where :func:`sigmas` has its own."""
    return f": {sigmas(m, value)} away" if m.exact else f" ({sigmas(m, value)} away)"


def _relative(gap: float, exact: float) -> str:
    return f" ({100 * gap / exact:+.2g}%)" if exact else ""


def _resolvable(m: Estimate, gap: float) -> bool:
    """Whether a gap between two values is itself beyond AGREE_SE of the simulation's SE."""
    return abs(z_score(gap, 0.0, m.se, m.samples, m.draw_range)) > AGREE_SE


def _what_would_resolve(m: Estimate, gap: float) -> str:
    """How many samples would resolve ``gap``, where the SE shrinks as 1/√samples."""
    if 1 < m.groups < m.samples:
        # Part of the SE is the spread between a few shared embeddings: more samples on
        # them would not shrink it as 1/√samples.
        return f"more embeddings than these {m.groups}, not only more samples, would"
    if m.se == 0:
        return "samples showing any spread would tell"
    return f"about {_resolving_samples(m, gap):,} samples would"


def _resolving_samples(m: Estimate, gap: float) -> int:
    """Samples at which a gap of ``gap`` would sit AGREE_SE standard errors out."""
    return math.ceil(m.samples * (AGREE_SE * m.se / abs(gap)) ** 2)


def assess(
    m: Estimate,
    exact: float,
    *,
    shown: float | None = None,
    notes: float | None = None,
    why: str = "",
    slip: bool = False,
) -> Judgement:
    """:func:`decide` against an exact value, with the reason in words.

    ``why`` names the approximation behind ``shown`` or ``notes``, or (``slip``)
    says in a sentence what is wrong in the notes' text.
    """
    verdict = decide(m, exact, shown=shown, notes=notes, slip=slip)
    found = f"simulated {m.text}, {sigmas(m, exact)} from the exact {figure(exact)}"
    if verdict is Verdict.UNEXPLAINED:
        return Judgement(
            verdict,
            f"Unexplained: {found}, and no stated approximation accounts for that. A chance "
            "fluctuation (about 1 step in 370 lands beyond 3 SE), an SE estimated from too "
            "few samples, or an error; try another --seed or more --samples.",
        )
    if verdict is Verdict.NOTES_DIFFER and notes is not None:
        rejects = (
            f"rejects {figure(notes)}{_away(m, notes)}"
            if not agrees(m, notes)
            else f"alone cannot tell ({sigmas(m, notes)} from {figure(notes)}); the algebra can"
        )
        return Judgement(
            verdict,
            f"{why} The notes give {figure(notes)}, the correct value is {figure(exact)}: "
            f"{found}, so the simulation {rejects}.",
        )
    remarks = []
    claims = ((shown, "The formula"), (None if slip else notes, "The notes' value"))
    for value, whose in claims:
        if value is None or same(value, exact):
            continue
        gap = value - exact
        if not agrees(m, value) and not _resolvable(m, gap):
            return Judgement(
                verdict,
                f"{whose} {figure(value)} rests on {why}: it is "
                f"{figure(gap)}{_relative(gap, exact)} off the exact {figure(exact)}. The "
                f"simulation lies {sigmas(m, value)} from {figure(value)}, but the gap itself "
                f"is under {AGREE_SE:g} SE: chance adds to it, so these samples alone do not "
                f"resolve it ({found}).",
            )
        if not agrees(m, value):
            return Judgement(
                verdict,
                f"{whose} {figure(value)} rests on {why}: it is "
                f"{figure(gap)}{_relative(gap, exact)} "
                f"off the exact {figure(exact)}. The simulation resolves the gap: {found}, "
                f"{sigmas(m, value)} from {figure(value)}.",
            )
        remarks.append(
            f"{whose} {figure(value)} rests on {why}; it is {figure(gap)} off the exact value, a "
            f"gap these samples cannot resolve ({sigmas(m, value)} from the simulation); "
            f"{_what_would_resolve(m, gap)}."
        )
    return Judgement(verdict, " ".join([f"Agrees: {found}.", *remarks]))


def combine(own: Judgement, label: Judgement, on: str) -> Judgement:
    """Join a step's own verdict with one on a claim it cites (``on`` names the claim).

    The worse of the two stands when either is ``unexplained`` or ``notes differ``.
    """
    worst = next(
        (v for v in (Verdict.UNEXPLAINED, Verdict.NOTES_DIFFER) if v in (own[0], label[0])),
        own[0],
    )
    return Judgement(worst, f"{own[1]} {on}: {label[1][0].lower()}{label[1][1:]}")


def contradicted(judged: Judgement, sentence: str) -> Judgement:
    """A step whose claim (in the notes) is false at these parameters: ``notes differ``.

    ``sentence`` says why, in front of the reason the numbers give.
    """
    return Judgement(Verdict.NOTES_DIFFER, f"{sentence} {judged.reason}")
