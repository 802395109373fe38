"""Who wins at one point, by what factor, and when two losses count as a tie."""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from dataclasses import dataclass

from ..estimate import figure, roundoff
from .readouts import Losses

#: Two losses within this many units in the last place (relative to the larger)
#: are a tie: equal as numbers, different only by floating-point rounding.
TIE_ULPS = 4
TIE_REL_TOL = TIE_ULPS * sys.float_info.epsilon


def tied(x: float, y: float) -> bool:
    """Whether ``x`` and ``y`` are equal up to :data:`TIE_REL_TOL` of the larger, or are
    both 0 up to round-off (a loss of 3e-16 and one of 0 are the same loss)."""
    return abs(x - y) <= TIE_REL_TOL * max(abs(x), abs(y)) or (zero_loss(x) and zero_loss(y))


def zero_loss(loss: float) -> bool:
    """Whether ``loss`` is 0 up to round-off (:func:`~superpos_model.estimate.roundoff`)."""
    return abs(loss) <= roundoff(loss)


@dataclass(frozen=True)
class Standing:
    """The ranking of the schemes by optimal loss at one point.

    Attributes
    ----------
    losses : dict
        {scheme: optimal loss}.
    winners : tuple of str
        The scheme with the lowest loss, or every scheme tied with it (in the
        order of ``losses``); more than one means a tie, not a win.
    runner_up : str or None
        The best scheme not among the winners; None when all tie.
    factor : float or None
        Runner-up loss / winner loss (> 1): how many times worse the next best
        scheme is.  None when all tie, or when the winner's loss is 0 up to
        round-off (a ratio to round-off is no factor).
    """

    losses: Losses
    winners: tuple[str, ...]
    runner_up: str | None
    factor: float | None

    @property
    def tie(self) -> bool:
        return len(self.winners) > 1

    @property
    def label(self) -> str:
        """ "multi", or "single=multi" for a tie."""
        return "=".join(self.winners)


def standing(losses: Losses) -> Standing:
    """Rank ``losses``: the winners (ties kept together), the runner-up and the factor."""
    best = min(losses.values())
    winners = tuple(name for name, loss in losses.items() if tied(loss, best))
    rest = {name: loss for name, loss in losses.items() if name not in winners}
    if not rest:
        return Standing(dict(losses), winners, None, None)
    runner_up = min(rest, key=rest.__getitem__)
    second = rest[runner_up]
    factor = None if zero_loss(best) else second / best
    return Standing(dict(losses), winners, runner_up, factor)


def names_text(names: tuple[str, ...]) -> str:
    """'single and multi', 'random, single and multi'."""
    return " and ".join([", ".join(names[:-1]), names[-1]]) if len(names) > 1 else names[0]


def standing_sentence(s: Standing, where: str, number: Callable[[float], str] = figure) -> str:
    """Who wins ``where`` (exact losses, written with ``number``) and by what factor: a tie
    reads as a tie, and a winner whose loss is 0 gets no factor (a ratio to 0 is none)."""
    best = s.losses[s.winners[0]]
    if s.tie:
        nobody = "neither" if len(s.winners) == 2 else "none"
        return (
            f"{where}: {names_text(s.winners)} tie at {number(best)} (exact, equal up to "
            f"rounding); {nobody} wins"
        )
    assert s.runner_up is not None
    winner, second = s.winners[0], s.losses[s.runner_up]
    text = f"{where}: {winner} wins, {number(best)} against {s.runner_up}'s {number(second)}"
    if s.factor is None:
        return f"{text} (exact); {winner}'s loss is 0, so there is no factor"
    return f"{text} (exact): {s.factor:.3g}× lower"


def ranking_json(s: Standing) -> dict:
    """``check --json``'s ``"winners"`` and ``"ranking"``, in the sweep's names: the winners,
    every scheme from least loss to most, the tie, the runner-up and the factor (null
    where there is none) and the tie tolerance."""
    factor = s.factor if s.factor is not None and math.isfinite(s.factor) else None
    return {
        "winners": list(s.winners),
        "ranking": {
            "order": sorted(s.losses, key=s.losses.__getitem__),
            "losses": dict(s.losses),
            "tie": s.tie,
            "runner_up": s.runner_up,
            "factor": factor,
            "tie_rel_tol": TIE_REL_TOL,
        },
    }
