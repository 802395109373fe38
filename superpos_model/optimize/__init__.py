"""Training the embedding W itself, for the linear and the ReLU readout.

The notes conjecture that the best embedding is "almost orthogonal directions",
like a random one but optimised, and that the loss barely prefers it.  Here W
is trained from a random start: exactly for the linear readout (its loss is a
closed form in W), stochastically for the ReLU one, and the result is measured.
"""

from .baselines import Baselines, baselines, linear_baselines, relu_baselines
from .cost import READOUTS, WORK_LIMIT, check_cost, linear_cost, relu_cost
from .linear import (
    LinearObjective,
    LinearResult,
    linear_loss,
    linear_objective,
    random_start,
    rank_bound,
    train_linear,
)
from .measures import EmbeddingMeasures, measurements
from .relu import Estimate, ReluResult, ReluSettings, relu_loss_mc, train_relu
from .report import DEFAULT_STEPS, STEPS_RANGE, OptimizeReport, run_optimize

__all__ = [
    "DEFAULT_STEPS",
    "READOUTS",
    "STEPS_RANGE",
    "WORK_LIMIT",
    "Baselines",
    "EmbeddingMeasures",
    "Estimate",
    "LinearObjective",
    "LinearResult",
    "OptimizeReport",
    "ReluResult",
    "ReluSettings",
    "baselines",
    "check_cost",
    "linear_baselines",
    "linear_cost",
    "linear_loss",
    "linear_objective",
    "measurements",
    "random_start",
    "rank_bound",
    "relu_baselines",
    "relu_cost",
    "relu_loss_mc",
    "run_optimize",
    "train_linear",
    "train_relu",
]
