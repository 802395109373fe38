"""Walkthrough steps as data: a formula beside a simulation of the same quantity.

The CLI, the app and the tests all read these objects; nothing about a step's
numbers or verdict is decided anywhere else.
"""

from __future__ import annotations

from dataclasses import dataclass

from .estimate import Estimate, settled
from .walkthrough.verdicts import Judgement, Verdict

__all__ = ["Step", "Verdict", "make_step"]


@dataclass(frozen=True)
class Step:
    """One step of a derivation chain.

    Attributes
    ----------
    chain : str
        ``random``, ``single``, ``multi``, ``conclusions``, ``interference`` or ``optimum``.
    key : str
        Stable identifier, e.g. ``"random.inactive_noise"``.
    title, explanation : str
        A heading and a few sentences in plain words.
    formula : str
        The correct formula in readable Unicode.
    notes_written : str or None
        The notes' version as written, where it differs from ``formula``.
    theory : float
        ``formula`` evaluated at the current parameters.
    notes_value : float or None
        ``notes_written`` evaluated, where it differs.
    simulated : Estimate
        A Monte Carlo of the same quantity (its ``observable`` says what was measured).
    verdict : Verdict
    reason : str
        Why the verdict: the stated approximation and the gap, or the correction
        and the evidence.
    evidence : tuple of Estimate
        Further simulated observables the reason cites (e.g. the noise measured
        on active features when the step's own quantity is the inactive one).
    label : str
        The step's name in a list of steps, beside its verdict's mark: what the
        simulation was checked against.  Empty: the key's name ('inactive noise').
    """

    chain: str
    key: str
    title: str
    explanation: str
    formula: str
    notes_written: str | None
    theory: float
    notes_value: float | None
    simulated: Estimate
    verdict: Verdict
    reason: str
    evidence: tuple[Estimate, ...] = ()
    label: str = ""

    @property
    def short_label(self) -> str:
        """The name in a list of steps: :attr:`label`, else the key's name within its chain."""
        return self.label or self.key.removeprefix(f"{self.chain}.").replace("_", " ")


def make_step(
    chain: str,
    key: str,
    title: str,
    explanation: str,
    formula: str,
    theory: float,
    simulated: Estimate,
    judged: Judgement,
    *,
    notes_written: str | None = None,
    notes_value: float | None = None,
    evidence: tuple[Estimate, ...] = (),
    label: str = "",
) -> Step:
    """The step ``key`` of ``chain`` (its key becomes ``chain.key``)."""
    return Step(
        chain=chain,
        key=f"{chain}.{key}",
        title=title,
        explanation=explanation,
        formula=formula,
        notes_written=notes_written,
        theory=theory,
        notes_value=notes_value,
        # An SE that is round-off beside the theory value too reads 0 (no spread).
        simulated=settled(simulated, theory),
        verdict=judged.verdict,
        reason=judged.reason,
        evidence=evidence,
        label=label,
    )
