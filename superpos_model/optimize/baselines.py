"""The fixed schemes' optimal losses that a trained readout is measured against."""

from __future__ import annotations

from ..exact import exact_quadratic
from ..params import Params
from ..schemes import SCHEMES

#: Scheme name → its loss at its own optimal readout, or None where it is not known.
Baselines = dict[str, float | None]


def linear_baselines(params: Params) -> Baselines:
    """Exact optimal linear losses: random z(T−1)/(D+T−1), single z(T−D)/T, multi."""
    return {name: exact_quadratic(name, params).minimum for name in SCHEMES}


def relu_baselines(params: Params) -> Baselines:
    """Each scheme's exact ReLU loss at its own optimal a and b.

    The exact ReLU maths is its own module; this is the one place that asks it.
    """
    from ..relu import relu_optimum  # SciPy is loaded only when a ReLU run asks for it

    return {name: relu_optimum(name, params).least for name in SCHEMES}


def baselines(params: Params, readout: str) -> Baselines:
    """The baselines of ``readout`` ("linear" or "relu")."""
    return linear_baselines(params) if readout == "linear" else relu_baselines(params)
