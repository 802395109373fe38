"""Sweeps and phase diagrams: which scheme has the lowest optimal loss, where, and by how much.

- :func:`sweep` varies one of z, D, T and finds the crossings where the winner changes;
- :func:`phase_diagram` records the winner over a grid of two of z, D, T, T/D;
- :func:`optimal_losses` is the readout registry both read.

Points run in parallel worker processes with progress and cancellation through
:class:`~superpos_model.monitor.Monitor`.
"""

from .crossings import Crossing, bracket_crossings
from .export import phase_csv, phase_json, sweep_csv, sweep_json
from .grid import MAX_CELLS, MAX_VALUES, PHASE_AXES, SWEEP_FIELDS, parse_values
from .line import SweepResult, sweep
from .phase import FAILED, TIE, PhaseDiagram, phase_diagram
from .points import Point, SimulatedLoss
from .pool import shutdown_pool, warm_pool
from .readouts import (
    READOUT_CHOICES,
    READOUTS,
    Readout,
    ReadoutUnavailable,
    optimal_losses,
    readout_names,
)
from .standing import TIE_REL_TOL, TIE_ULPS, Standing, standing, tied

__all__ = [
    "FAILED",
    "MAX_CELLS",
    "MAX_VALUES",
    "PHASE_AXES",
    "READOUTS",
    "READOUT_CHOICES",
    "SWEEP_FIELDS",
    "TIE",
    "TIE_REL_TOL",
    "TIE_ULPS",
    "Crossing",
    "PhaseDiagram",
    "Point",
    "Readout",
    "ReadoutUnavailable",
    "SimulatedLoss",
    "Standing",
    "SweepResult",
    "bracket_crossings",
    "optimal_losses",
    "parse_values",
    "phase_csv",
    "phase_diagram",
    "phase_json",
    "readout_names",
    "shutdown_pool",
    "standing",
    "sweep",
    "sweep_csv",
    "sweep_json",
    "tied",
    "warm_pool",
]
