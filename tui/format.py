"""How numbers are written, shared by the command line and the app."""

from __future__ import annotations

import math

from superpos_model import Params, Ranking


def number(x: float, digits: int = 4) -> str:
    """A fixed-point number with ``digits`` decimals, or 4 significant digits when huge or tiny."""
    if math.isnan(x):
        return "n/a"
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    if x != 0 and (abs(x) >= 1e5 or abs(x) < 10.0**-digits):
        return f"{x:.{digits}g}"
    return f"{x:.{digits}f}"


def with_se(value: float, se: float, digits: int = 4) -> str:
    """'value ± se' with the same precision on both sides."""
    return f"{number(value, digits)} ± {number(se, digits)}"


def z_verdict(z_score: float, tolerance: float) -> str:
    """'agrees (+1.2 SE)' or 'differs (−5.0 SE)'."""
    if math.isinf(z_score):
        return "SE 0: too few samples to tell"
    word = "agrees" if abs(z_score) <= tolerance else "differs"
    return f"{word} ({z_score:+.1f} SE)".replace("-", "−")


def ranking_text(ranking: Ranking, a: float | None) -> str:
    """Which scheme wins, by how much, and whether the simulation resolves the gap."""
    where = "at a*" if a is None else f"at a = {a:g}"
    resolved = "simulation resolves the gap" if ranking.resolved else "within simulation noise"
    return (
        f"{where}: {ranking.winner} wins by {number(ranking.margin)} "
        f"over {ranking.runner_up} (exact); {resolved}"
    )


def point_text(params: Params) -> str:
    """The point of parameter space a result is for (a aside), in one line."""
    return (
        f"T={params.T:,}  D={params.D:,}  z={params.z:,}  {params.samples:,} samples, "
        f"seed {params.seed}"
    )
