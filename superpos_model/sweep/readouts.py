"""The readout registry: each readout's optimal loss per scheme, as plain numbers.

A sweep asks one question at many points: "what is each scheme's best loss with
this readout?".  :func:`optimal_losses` answers it for any registered readout, so
the sweep, the phase diagram and the crossing search never know how a readout
computes its optimum.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from ..params import ParamError, Params
from ..readout import FREE_BIAS
from ..schemes import SCHEMES, multi_group_sizes

#: {scheme: loss} at one point.
Losses = dict[str, float]


class ReadoutUnavailable(ParamError):
    """A readout whose optimum this installation cannot compute yet."""

    def __init__(self, readout: str, why: str) -> None:
        super().__init__("readout", f"{readout}: {why}")
        self.readout = readout


@dataclass(frozen=True)
class Readout:
    """One readout: how to get every scheme's optimal loss, and how costly that is.

    Attributes
    ----------
    name : str
        The name the command line and the app use.
    optimal : callable
        ``(Params, b_min) -> {scheme: optimal loss}``, exact expectations (b_min: the
        least bias a readout with one may use; others ignore it).
    cheap : bool
        True when one point costs microseconds; the sweep then batches many
        points per worker process (or stays in-process) instead of paying a
        process round trip for each.
    unavailable : str or None
        Why this readout cannot be computed yet (None once it can).
    """

    name: str
    optimal: Callable[[Params, float], Losses]
    cheap: bool
    unavailable: str | None = None


def linear_optimal(params: Params, b_min: float = FREE_BIAS) -> Losses:
    """Each scheme's minimum over a of the exact linear-readout loss.

    random: z(T−1)/(D+T−1); single: z(T−D)/T (0 once D ≥ T: every feature has a
    neuron); multi: C − B²/A of the exact multi curve.  All three are ratios of
    integers in T, D, z, and Python divides integers with one correct rounding:
    losses that are equal as numbers (z = 1 with D | T, or D ≥ T) come out as
    equal floats, and a tie is never lost to cancellation in C − B²/A.
    """
    T, D, z = params.T, params.D, params.z
    kept = min(D, T)
    return {
        "random": z * (T - 1) / (D + T - 1),
        "single": z * (T - kept) / T,
        "multi": _multi_minimum(T, D, z),
    }


def _multi_minimum(T: int, D: int, z: int) -> float:
    # The curve of exact.exact_multi, Σ_k [a²g_k·E c_k² − 2a·E c_k² + E c_k] with
    # c_k ~ Hypergeometric(T, g_k, z), in integers over the common denominator
    # K = T²(T−1): E c_k² = m_g / K with m_g = zg[(T−g)(T−z) + zg(T−1)], so
    # A = Σ n_g·g·m_g / K, B = Σ n_g·m_g / K and C − B²/A = (zK·a − b²) / (K·a).
    K = T * T * (T - 1)
    a = b = 0
    for g, neurons in multi_group_sizes(T, D).items():
        m = z * g * ((T - g) * (T - z) + z * g * (T - 1))
        a += neurons * g * m
        b += neurons * m
    return (z * K * a - b * b) / (K * a) if a else float(z)


def relu_optimal(params: Params, b_min: float = FREE_BIAS) -> Losses:
    """The ReLU readout's exact optimum over (a ≥ 0, b ≥ ``b_min``) per scheme: the infimum
    where there is no minimum (random at z = 1: 0), never a loss at a point of the approach."""
    from ..relu import relu_optimum  # SciPy is loaded only when a ReLU sweep asks for it

    return {name: relu_optimum(name, params, b_min).least for name in SCHEMES}


def cross_entropy_optimal(params: Params, b_min: float = FREE_BIAS) -> Losses:
    """The cross-entropy of the linear logits, at its optimum over (a ≥ 0, real b) per
    scheme, or the limit it falls toward where it has no minimum.  Its bias is always
    free: ``b_min`` is the ReLU threshold's (the command line refuses it here)."""
    from ..crossent import cross_entropy_optimum  # SciPy only when asked for

    return {name: cross_entropy_optimum(name, params).loss for name in SCHEMES}


READOUTS: dict[str, Readout] = {
    "linear": Readout("linear", linear_optimal, cheap=True),
    # Not cheap: its optimum is a numerical minimisation over (a, b) per scheme.
    "relu": Readout("relu", relu_optimal, cheap=False),
    # The linear readout's values as logits under cross-entropy (``--loss cross-entropy``).
    "cross-entropy": Readout("cross-entropy", cross_entropy_optimal, cheap=False),
}

#: The squared-error readouts, which "both" names.
MSE_READOUTS = ("linear", "relu")
#: What a sweep can be asked for: one readout (cross-entropy is the linear readout's
#: values as logits), or "both" for the squared-error ones.
READOUT_CHOICES = (*MSE_READOUTS, "both", "cross-entropy")


def readout_names(choice: str) -> tuple[str, ...]:
    """The readouts ``choice`` names ("both" = linear and relu), or ParamError."""
    if choice not in READOUT_CHOICES:
        choices = ", ".join(READOUT_CHOICES)
        raise ParamError("readout", f"{choice!r} is unknown; use one of {choices}")
    return MSE_READOUTS if choice == "both" else (choice,)


def optimal_losses(readout: str, params: Params, b_min: float = FREE_BIAS) -> Losses:
    """``{scheme: optimal loss}`` for ``readout`` at ``params``, in :data:`SCHEMES` order
    (a ReLU optimum over b ≥ ``b_min``)."""
    losses = READOUTS[readout].optimal(params, b_min)
    return {name: losses[name] for name in SCHEMES}


def require_available(readout: str) -> None:
    """Raise :class:`ReadoutUnavailable` now, before a sweep, if ``readout`` cannot run."""
    why = READOUTS[readout].unavailable
    if why is not None:
        raise ReadoutUnavailable(readout, why)
