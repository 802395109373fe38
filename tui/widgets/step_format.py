"""How the walkthrough screen writes a step: the one place its words and numbers are formatted.

Numbers use the plain-text walkthrough's formatting (:mod:`tui.walkthrough_text`),
so the screen, the ``walkthrough`` command and a printed handout show the same
digits.  Every verdict has a symbol and a word as well as a colour, so it reads
without colour (NO_COLOR) too.
"""

from __future__ import annotations

from dataclasses import dataclass

from superpos_model import Estimate as Measurement
from superpos_model import Params
from superpos_model.steps import Step, Verdict

from ..format import significant
from ..walkthrough_text import VERDICT_MEANINGS, measured

VERDICT_SYMBOLS = {
    Verdict.AGREES: "✓",
    Verdict.APPROXIMATION: "≈",
    Verdict.NOTES_DIFFER: "≠",
    Verdict.UNEXPLAINED: "?",
}

#: The CSS class that colours each verdict (see tui/walkthrough.tcss).
VERDICT_CLASSES = {
    Verdict.AGREES: "-agrees",
    Verdict.APPROXIMATION: "-approximation",
    Verdict.NOTES_DIFFER: "-notes-differ",
    Verdict.UNEXPLAINED: "-unexplained",
}


def verdict_text(verdict: Verdict) -> str:
    """'✓ agrees', '≠ notes differ', …"""
    return f"{VERDICT_SYMBOLS[verdict]} {verdict.value}"


def verdict_meaning(verdict: Verdict) -> str:
    """What the verdict says, in the plain-text walkthrough's words."""
    return VERDICT_MEANINGS[verdict]


def short_label(step: Step) -> str:
    """The step's name within its chain, e.g. 'total no coactivation'."""
    return step.short_label


def list_label(step: Step) -> str:
    """A step in the step list: its verdict symbol and short name."""
    return f"{VERDICT_SYMBOLS[step.verdict]} {short_label(step)}"


def position(steps: list[Step], index: int) -> str:
    """'random · step 3 of 7 (3/25)'."""
    step = steps[index]
    chain = [s for s in steps if s.chain == step.chain]
    return (
        f"{step.chain} · step {chain.index(step) + 1} of {len(chain)}  ({index + 1}/{len(steps)})"
    )


def notes_line(step: Step) -> str | None:
    """The notes' version as written (with its value), where it differs from the formula."""
    if step.notes_written is None:
        return None
    if step.notes_value is None:
        return step.notes_written
    return f"{step.notes_written}  = {significant(step.notes_value)}"


@dataclass(frozen=True)
class Field:
    """One line of a step's numbers: a label, a value, and (for a simulation) what it measured."""

    label: str
    value: str
    detail: str = ""


def observed(m: Measurement) -> str:
    return f"{m.samples:,} samples of: {m.observable}"


def step_fields(step: Step) -> list[Field]:
    """Theory, the notes' value where it differs, the simulation and the evidence it cites."""
    fields = [Field("theory", significant(step.theory))]
    if step.notes_value is not None:
        fields.append(Field("notes", significant(step.notes_value)))
    fields.append(Field("simulated", measured(step.simulated), observed(step.simulated)))
    fields += [Field("evidence", measured(m), observed(m)) for m in step.evidence]
    return fields


def params_summary(params: Params) -> str:
    """The parameters a walkthrough was computed at, in one line."""
    a = f"a = {params.a:g}" if params.a is not None else "a: each chain at its optimum"
    return (
        f"T={params.T:,}  D={params.D:,}  z={params.z:,}  {a}  ·  "
        f"{params.samples:,} samples, seed {params.seed}"
    )
