"""Walkthrough steps as data: a formula beside a simulation of the same quantity.

The CLI, the app and the tests all read these objects; nothing about a step's
numbers or verdict is decided anywhere else.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from .agreement import AGREE_SE, z_score


def figure(x: float) -> str:
    """A number for a step's prose: 4 significant digits, 'n/a' when undefined."""
    if math.isnan(x):
        return "n/a"
    return f"{x:,.0f}" if abs(x) >= 1000 else f"{x:.4g}"


class Verdict(StrEnum):
    """How a step's formula fares against its simulation."""

    AGREES = "agrees"
    APPROXIMATION = "approximation"
    NOTES_DIFFER = "notes differ"
    #: Beyond 3 SE of an exact value with no stated approximation to blame: a
    #: chance fluctuation (about 1 step in 370) or an error, never hidden.
    UNEXPLAINED = "unexplained"


@dataclass(frozen=True)
class Measurement:
    """A simulated observable: its mean, standard error, and what was measured.

    ``samples`` counts the independent draws behind the mean; ``observable``
    says in words what each draw measured.
    """

    value: float
    se: float
    samples: int
    observable: str

    def z_score(self, theory: float) -> float:
        """(value − theory) / se, by :func:`~superpos_model.agreement.z_score`."""
        return z_score(self.value, theory, self.se)

    @property
    def text(self) -> str:
        """'value ± se' for prose; an SE that cannot be estimated (one draw) reads 'n/a'."""
        se = "n/a" if math.isnan(self.se) else f"{self.se:.2g}"
        return f"{figure(self.value)} ± {se}"

    def agrees_with(self, theory: float) -> bool:
        return abs(self.z_score(theory)) <= AGREE_SE


@dataclass(frozen=True)
class Step:
    """One step of a derivation chain.

    Attributes
    ----------
    chain : str
        ``random``, ``single``, ``multi``, ``conclusions`` or ``interference``.
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
    simulated : Measurement
        A Monte Carlo of the same quantity.
    verdict : Verdict
    reason : str
        Why the verdict: the stated approximation and the gap, or the correction
        and the evidence.
    evidence : tuple of Measurement
        Further simulated observables the reason cites (e.g. the noise measured
        on active features when the step's own quantity is the inactive one).
    """

    chain: str
    key: str
    title: str
    explanation: str
    formula: str
    notes_written: str | None
    theory: float
    notes_value: float | None
    simulated: Measurement
    verdict: Verdict
    reason: str
    evidence: tuple[Measurement, ...] = ()
