"""Which readout and loss the user chose, and its bias b.

Three choices: linear ŷ = a·WᵀW·y under squared error, ReLU(a·WᵀW·y − b) under squared
error, or the linear logits a·WᵀW·y − b under binary cross-entropy.

Kept apart from :class:`~superpos_model.params.Params` on purpose: the linear
results (``check``, the sessions keyed by Params, every linear screen) do not
depend on b, so changing b or the readout must not invalidate them, and
``check``'s parameter record stays as it is.  No SciPy here: the app reads this
at start-up.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

from .params import ParamError, echo, read_number

#: In the order the key r cycles through them.
READOUTS = ("linear", "relu", "cross-entropy")
B_RANGE = "any finite number (b > 0 is a threshold)"
#: The bias the app starts with: a threshold at half the signal.
DEFAULT_BIAS = 0.5
#: The least bias the ReLU optimum may use: none by default, as a network's bias has
#: either sign (b > 0 a threshold, b < 0 an intercept); ``--b-min 0`` keeps thresholds only.
FREE_BIAS = -math.inf
B_MIN_RANGE = "a finite number (0: thresholds only); leave it out for a free bias"


def parse_b_min(raw: object) -> float:
    """The least bias of the ReLU optimum from user input: :data:`FREE_BIAS` for None."""
    return FREE_BIAS if raw is None else _finite_number("b-min", raw, B_MIN_RANGE)


def bias_range(b_min: float) -> str:
    """The biases the optimum searched, in words: 'any real b', or 'b ≥ 0 (--b-min 0)'."""
    return "any real b" if b_min == FREE_BIAS else f"b ≥ {b_min:g} (--b-min {b_min:g})"


def parse_bias(raw: object) -> float | None:
    """The bias b from user input; None (not chosen) for None, an error for empty text."""
    return None if raw is None else _finite_number("b", raw, B_RANGE)


def _finite_number(field: str, raw: object, allowed: str) -> float:
    """``raw`` read as a finite number, or a ParamError naming ``field`` and ``allowed``."""
    text = str(raw)
    value = float(read_number(field, text, allowed))
    if not math.isfinite(value):
        raise ParamError(field, f"{echo(text.strip())} is out of range; use {allowed}")
    return value


@dataclass(frozen=True)
class Readout:
    """The readout (and loss) in use and its bias b (kept while the readout is linear)."""

    kind: str = "linear"
    b: float = DEFAULT_BIAS

    def __post_init__(self) -> None:
        if self.kind not in READOUTS:
            raise ParamError("readout", f"{self.kind!r} is unknown; use {', '.join(READOUTS)}")
        if not math.isfinite(self.b):
            raise ParamError("b", f"{self.b} is not finite; use {B_RANGE}")

    @property
    def relu(self) -> bool:
        return self.kind == "relu"

    @property
    def uses_bias(self) -> bool:
        """Whether b enters the result: ReLU's threshold, or cross-entropy's logits' offset."""
        return self.kind != "linear"

    def cycled(self) -> Readout:
        """The next readout of :data:`READOUTS` (after the last, the first), same bias."""
        return replace(self, kind=READOUTS[(READOUTS.index(self.kind) + 1) % len(READOUTS)])
