"""The superposition model: NumPy only, no UI.

How much error a layer of D neurons makes when it stores T > D sparse
features, z active at a time, for three embedding schemes: the notes' formulas
as written, the exact finite-size values, and a Monte Carlo of the same
quantities with standard errors.
"""

from .budget import DEFAULT_BUDGET, check_budget, simulation_bytes
from .estimate import Estimate
from .exact import embedding_quadratic, exact_quadratic
from .monitor import Cancelled, Monitor
from .notes import NotesFormula, notes_formula, notes_random_approx
from .params import (
    DEFAULTS,
    LIMITS,
    ParamError,
    Params,
    RegimeWarning,
    allowed_range,
    make_params,
    parse_value,
    regime_warning,
)
from .quadratic import Quadratic
from .report import CheckReport, InterferenceReport, Ranking, SchemeReport, run_check
from .schemes import SCHEMES, TITLES, make_embedding
from .session import Session
from .simulate import Simulation, run_simulation
from .steps import Step
from .walkthrough.verdicts import AGREE_SE, Verdict, z_score

__all__ = [
    "AGREE_SE",
    "DEFAULTS",
    "DEFAULT_BUDGET",
    "LIMITS",
    "SCHEMES",
    "TITLES",
    "Cancelled",
    "CheckReport",
    "Estimate",
    "InterferenceReport",
    "Monitor",
    "NotesFormula",
    "ParamError",
    "Params",
    "Quadratic",
    "Ranking",
    "RegimeWarning",
    "SchemeReport",
    "Session",
    "Simulation",
    "Step",
    "Verdict",
    "allowed_range",
    "check_budget",
    "embedding_quadratic",
    "exact_quadratic",
    "make_embedding",
    "make_params",
    "notes_formula",
    "notes_random_approx",
    "parse_value",
    "regime_warning",
    "run_check",
    "run_simulation",
    "simulation_bytes",
    "z_score",
]
