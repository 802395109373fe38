"""When a simulation agrees with a formula: one rule for the table, the ranking and the steps."""

from __future__ import annotations

import math

#: A value within this many standard errors of its simulation agrees.
AGREE_SE = 3.0


def z_score(simulated: float, reference: float, se: float) -> float:
    """(simulated − reference) / se.

    With no spread (SE 0, as for quantities an axis embedding fixes exactly) the
    two either agree to rounding (0) or differ infinitely (±inf).
    """
    gap = simulated - reference
    if se > 0:
        return gap / se
    if math.isclose(simulated, reference, rel_tol=1e-9, abs_tol=1e-12):
        return 0.0
    return math.copysign(math.inf, gap)
