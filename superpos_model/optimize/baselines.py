"""The fixed schemes' optimal losses that a trained readout is measured against."""

from __future__ import annotations

from collections.abc import Callable

from ..exact import exact_quadratic
from ..params import Params
from ..schemes import SCHEMES

Baselines = dict[str, float | None]


def linear_baselines(params: Params) -> Baselines:
    """Exact optimal linear losses: random z(T−1)/(D+T−1), single z(T−D)/T, multi."""
    return {name: exact_quadratic(name, params).minimum for name in SCHEMES}


def _no_relu_exact(params: Params) -> Baselines:
    return dict.fromkeys(SCHEMES)


#: Exact optimal ReLU losses per scheme (optimised over a and b), or None where unknown.
#: The exact ReLU maths lives in its own module; point this at it.
relu_exact_optimum: Callable[[Params], Baselines] = _no_relu_exact


def relu_baselines(params: Params) -> Baselines:
    """Each scheme's exact ReLU loss at its own optimal a, b (None until one is wired in)."""
    return relu_exact_optimum(params)


def baselines(params: Params, readout: str) -> Baselines:
    """The baselines of ``readout`` ("linear" or "relu")."""
    return linear_baselines(params) if readout == "linear" else relu_baselines(params)
