"""How numbers are written: the one module for the command line and every screen.

Two conventions for a value with its standard error, on purpose: table columns
use fixed decimals so the column lines up (:func:`fixed` and :func:`fixed_se`
on screen, where minus is "−" and nothing switches to exponents; :func:`with_se`
in ``check``'s text); measurements in running text (the walkthrough, the interference
numbers) use :func:`estimate`, the value to the decimal of the SE's second
significant digit, so no digit is shown that the simulation does not resolve.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from superpos_model import Params, Ranking
from superpos_model.estimate import shown_se

if TYPE_CHECKING:
    from superpos_model.sweep.standing import Standing


def number(x: float, digits: int = 4) -> str:
    """A fixed-point number with ``digits`` decimals, or 4 significant digits when huge or tiny."""
    if math.isnan(x):
        return "n/a"
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    if x != 0 and (abs(x) >= 1e5 or abs(x) < 10.0**-digits):
        return f"{x:.{digits}g}"
    return f"{x:.{digits}f}"


#: Plain minus in, typographic minus out: the screens write "−".
MINUS = str.maketrans({"-": "−"})


def fixed(x: float, digits: int = 4) -> str:
    """Fixed decimals, never an exponent: a column of these lines up on the decimal point.

    From 100,000 on the decimals give way to thousands separators (six significant
    digits and more); a value under half a unit of the last decimal reads 0.
    """
    if math.isnan(x):
        return "n/a"
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    if abs(x) >= 1e5:
        return f"{x:,.0f}".translate(MINUS)
    text = f"{x:.{digits}f}"
    if float(text) == 0:
        text = text.lstrip("-")  # no "−0.0000"
    return text.translate(MINUS)


def fixed_se(value: float, se: float, digits: int = 4) -> str:
    """'value ± se', both with :func:`fixed`."""
    return f"{fixed(value, digits)} ± {fixed(se, digits)}"


def tick(x: float, step: float) -> str:
    """An axis tick label: as many decimals as the step between ticks needs."""
    decimals = max(0, -math.floor(math.log10(step) + 1e-9)) if step > 0 else 2
    return fixed(x, decimals) if abs(x) < 1e5 else f"{x:,.0f}"


def significant(x: float) -> str:
    """Six significant digits: enough to tell the notes' value from the exact one."""
    return "n/a" if math.isnan(x) else f"{x:.6g}"


def count(x: float) -> str:
    """A count-like number: whole (with separators) from 1,000, else 4 significant digits."""
    return f"{x:,.0f}" if abs(x) >= 1000 else f"{x:.4g}"


#: Most decimals an estimate is written with.
MOST_DECIMALS = 8


def estimate(value: float, se: float) -> str:
    """'value ± se' to the decimal of the SE's second significant digit."""
    if not se > 0:
        return f"{count(value)} ± {'n/a' if math.isnan(se) else 0}"
    decimals = min(MOST_DECIMALS, max(0, 1 - math.floor(math.log10(se))))
    return f"{value:,.{decimals}f} ± {se:,.{decimals}f}"


def with_se(value: float, se: float, digits: int = 4) -> str:
    """'value ± se' with the same precision on both sides; an SE that is only the
    round-off of its value (:func:`~superpos_model.estimate.shown_se`) reads 0, not 2.2e-17."""
    return f"{number(value, digits)} ± {number(shown_se(se, value), digits)}"


#: In place of an SE count where the draws showed no spread beyond round-off.
NO_SPREAD = "spread 0"


def z_verdict(z_score: float, tolerance: float, spread: bool = True) -> str:
    """'agrees (+1.2 SE)' or 'differs (−5.0 SE)'; without ``spread`` (an SE of round-off)
    'agrees (spread 0)': a count of such SEs would be noise's."""
    if math.isnan(z_score):
        return "n/a: no simulated value to compare"
    if math.isinf(z_score):
        return "SE 0: too few samples to tell"
    word = "agrees" if abs(z_score) <= tolerance else "differs"
    if not spread:
        return f"{word} ({NO_SPREAD})"
    return f"{word} ({z_score:+.1f} SE)".replace("-", "−")


def ranking_text(ranking: Ranking, a: float | None) -> str:
    """Which scheme wins, by how much, and whether the simulation resolves the gap."""
    where = "at a*" if a is None else f"at a = {a:g}"
    if ranking.tie:
        return (
            f"{where}: {ranking.winner} and {ranking.runner_up} tie (exact losses equal "
            "up to rounding); neither wins"
        )
    resolved = "simulation resolves the gap" if ranking.resolved else "within simulation noise"
    return (
        f"{where}: {ranking.winner} wins by {number(ranking.margin)} "
        f"over {ranking.runner_up} (exact); {resolved}"
    )


def standing_text(s: Standing, where: str) -> str:
    """Who wins ``where`` and by what factor (see
    :func:`~superpos_model.sweep.standing.standing_sentence`), numbers as :func:`number`."""
    from superpos_model.sweep.standing import standing_sentence

    return standing_sentence(s, where, number)


def order_text(losses: dict[str, float], a: float | None, resolved: bool) -> str:
    """Every scheme from best to worst with its exact loss and how much worse it is than the
    best, relatively and absolutely; exact ties (as :func:`standing` decides) read as ties."""
    from superpos_model.sweep.standing import standing, tied, zero_loss

    where = "at a*" if a is None else f"at a = {a:g}"
    s = standing(losses)
    best = losses[s.winners[0]]
    parts = [f"{'='.join(s.winners)} {fixed(best)}"]
    rest = sorted((name for name in losses if name not in s.winners), key=losses.__getitem__)
    groups: list[list[str]] = []
    for name in rest:
        if groups and tied(losses[groups[-1][0]], losses[name]):
            groups[-1].append(name)
        else:
            groups.append([name])
    for group in groups:
        loss = losses[group[0]]
        # No relative gap to a best loss that is 0 up to round-off: it would be round-off's.
        relative = "" if zero_loss(best) else f", +{(loss / best - 1) * 100:.3g} %"
        parts.append(f"{'='.join(group)} {fixed(loss)} (+{fixed(loss - best)}{relative})")
    if s.tie:
        verdict = f"{' and '.join(s.winners)} tie exactly"
    else:
        noise = "simulation resolves the gap" if resolved else "gap within simulation noise"
        verdict = f"{s.winners[0]} wins; {noise}"
    return f"{where}: {' < '.join(parts)} (exact); {verdict}"


def point_text(params: Params) -> str:
    """The point of parameter space a result is for (a aside), in one line."""
    return (
        f"T={params.T:,}  D={params.D:,}  z={params.z:,}  {params.samples:,} samples, "
        f"seed {params.seed}"
    )


def among(features: int, T: int) -> str:
    """The features a formula's ln is over: "T" when all were examined, else how many.

    A meaning with ``{T}`` in it is written with this (``meaning.format(T=…)``).
    """
    return "T" if features == T else f"{features:,}"
