"""The plain-text derivation of ``superpos-tui walkthrough``.

Plain on purpose: no colour and no box drawing, so that it reads the same in a
pipe, on a printed handout and through a screen reader.  Every line fits in
:data:`WIDTH` columns.
"""

from __future__ import annotations

import textwrap
from collections import Counter

from superpos_model import AGREE_SE, TITLES, Params, regime_warning
from superpos_model import Estimate as Measurement
from superpos_model.steps import Step, Verdict

from .format import estimate, significant

WIDTH = 80

#: Width of the field labels ("formula:", "simulated:", …) in front of values.
_LABEL = 12

CHAIN_TITLES = {
    **TITLES,
    "conclusions": "the notes' conclusions",
    "interference": "typical vs worst-case overlap (first note: n = D, m = T)",
    "nonlinear": "the nonlinear readout ŷ = ReLU(a·WᵀW·y − b)",
    "losses": "squared error or cross-entropy: does the loss decide?",
}

VERDICT_MEANINGS = {
    Verdict.AGREES: f"the simulation is within {AGREE_SE:g} SE of the formula",
    Verdict.APPROXIMATION: "the formula rests on a stated approximation whose gap the "
    "simulation resolves",
    Verdict.NOTES_DIFFER: "the notes' text is wrong here; the correction and the evidence follow",
    Verdict.UNEXPLAINED: f"the simulation is beyond {AGREE_SE:g} SE of an exact value",
}


def measured(m: Measurement) -> str:
    """A simulated value ± its SE ('n/a' when the SE cannot be estimated)."""
    return estimate(m.value, m.se)


def _field(label: str, text: str) -> list[str]:
    return textwrap.wrap(
        text,
        width=WIDTH,
        initial_indent=f"  {label + ':':<{_LABEL}}",
        subsequent_indent=" " * (_LABEL + 4),
        break_on_hyphens=False,
    )


def _paragraph(text: str) -> list[str]:
    return textwrap.wrap(text, width=WIDTH, initial_indent="  ", subsequent_indent="  ")


def _measurement(label: str, m: Measurement) -> list[str]:
    return _field(label, f"{measured(m)}  ({m.samples:,} samples of: {m.observable})")


def render_step(step: Step, number: int, total: int) -> list[str]:
    """One step: heading, explanation, formula, notes, theory, simulation, verdict."""
    lines = textwrap.wrap(
        f"[{number}/{total}] {step.title}  ({step.key})",
        width=WIDTH,
        subsequent_indent="  ",
    )
    lines += _paragraph(step.explanation)
    lines += _field("formula", step.formula)
    if step.notes_written is not None:
        as_written = step.notes_written
        if step.notes_value is not None:
            as_written += f"  = {significant(step.notes_value)}"
        lines += _field("notes", as_written)
    lines += _field("theory", significant(step.theory))
    lines += _measurement("simulated", step.simulated)
    for extra in step.evidence:
        lines += _measurement("evidence", extra)
    lines += _field("verdict", step.verdict.value)
    lines += _paragraph(step.reason)
    return lines


def render_walkthrough(params: Params, steps: list[Step]) -> str:
    """Every step, chain by chain, under a header naming the parameters and verdicts."""
    a = (
        f"a = {params.a:g} in every chain"
        if params.a is not None
        else "a: each chain works at its scheme's exact optimum (choose one with --a)"
    )
    lines = textwrap.wrap(
        f"Derivation walkthrough: T={params.T:,} features, D={params.D:,} neurons, "
        f"z={params.z:,} active, {params.samples:,} samples, seed {params.seed}",
        width=WIDTH,
        subsequent_indent="  ",
    )
    lines += [a, "loss = expected squared error per sample, summed over all T features"]
    if any(step.chain == "losses" for step in steps):
        lines += ["  (the losses chain also: binary cross-entropy of the logits a·WᵀW·y − b)"]
    warning = regime_warning(params)
    if warning:
        lines += textwrap.wrap(
            f"warning: outside the notes' regime z ≪ D < T: {warning}",
            width=WIDTH,
            subsequent_indent="  ",
        )
    lines.append("verdicts:")
    for verdict, meaning in VERDICT_MEANINGS.items():
        lines += textwrap.wrap(
            f"{verdict.value}: {meaning}",
            width=WIDTH,
            initial_indent="  ",
            subsequent_indent="    ",
        )
    chain = None
    for number, step in enumerate(steps, start=1):
        if step.chain != chain:
            chain = step.chain
            lines += ["", f"== {chain}: {CHAIN_TITLES.get(chain, chain)} =="]
        lines.append("")
        lines += render_step(step, number, len(steps))
    counts = Counter(step.verdict for step in steps)
    summary = ", ".join(f"{counts[v]} {v.value}" for v in Verdict if counts[v])
    lines += ["", f"{len(steps)} steps: {summary}"]
    return "\n".join(lines)
