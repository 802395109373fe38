"""What several chains measure alike: points of a simulated loss curve, axis readouts."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..embeddings import AxisEmbedding
from ..estimate import Estimate, figure
from ..exact import exact_quadratic
from ..monitor import SILENT, Monitor
from ..params import Params
from ..schemes import make_embedding
from ..simulate import Simulation, draw_shared_active_sets


def counted(count: int, noun: str) -> str:
    """``count`` and ``noun``, plural unless one: '1 random embedding', '8 random embeddings'."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def readout_scale(params: Params, scheme: str) -> float:
    """The a a chain works at: the user's ``params.a``, else the scheme's exact optimum."""
    return params.a if params.a is not None else exact_quadratic(scheme, params).argmin


def at_text(a: float, params: Params) -> str:
    """'a = …' for a title, saying when it is the exact optimum."""
    return f"a = {figure(a)}" + (" (the exact optimum)" if params.a is None else "")


def curve_point(sim: Simulation, a: float, observable: str) -> Estimate:
    """The simulated loss at ``a``."""
    return Estimate(float(sim.curve(a)), float(sim.se(a)), sim.samples, sim.embeddings, observable)


def best_a(sim: Simulation) -> Estimate:
    """The minimiser of the simulated loss curve."""
    curve = f"minimiser of the simulated {sim.scheme} loss curve L(a)"
    return Estimate(sim.a_opt, sim.a_opt_se, sim.samples, sim.embeddings, curve)


def best_loss(sim: Simulation) -> Estimate:
    """The minimum of the simulated loss curve."""
    curve = f"minimum of the simulated {sim.scheme} loss curve L(a)"
    return Estimate(sim.mse_opt, sim.mse_opt_se, sim.samples, sim.embeddings, curve)


@dataclass(frozen=True)
class AxisReadout:
    """Where the sampled active features land on an axis embedding, and what they read.

    Attributes
    ----------
    neuron : (n, z) int array
        The neuron of each active feature, −1 when it is dropped.
    readout : (n, z) array
        w_iᵀ(W·y) for each active feature i: how many active features share its
        neuron (0 when dropped).
    group_size : (D,) array
        Features per neuron.
    """

    neuron: np.ndarray
    readout: np.ndarray
    group_size: np.ndarray


def axis_readout(
    params: Params,
    scheme: str,
    monitor: Monitor = SILENT,
    active: np.ndarray | None = None,
) -> AxisReadout:
    """The ``single`` or ``multi`` embedding read on ``active`` (the shared active sets)."""
    if active is None:
        active = draw_shared_active_sets(params)
    embedding = make_embedding(scheme, params.T, params.D)
    assert isinstance(embedding, AxisEmbedding), scheme
    result = embedding.accumulate(active, monitor)
    neuron = embedding.neuron[active]
    rows = np.arange(len(active))[:, None]
    readout = np.where(neuron >= 0, result.readouts[rows, np.maximum(neuron, 0)], 0.0)
    return AxisReadout(neuron, readout, np.diag(result.gram))
